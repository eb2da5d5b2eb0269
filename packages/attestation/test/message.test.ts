import { parseIsoDate } from '@im-records/records-policy';
import { describe, expect, it } from 'vitest';
import { type MessageInput, type MessageItem, messageSubject } from '../src/reminders/message.ts';

const context = { trustName: 'Anytown NHS Trust', signInUrl: 'https://attest.anytown.example/sign-in' };
const input = (own: MessageInput['own']): MessageInput => ({
  greeting: 'Amara',
  own,
  team: [],
  unmanaged: [],
  trust: [],
  managerDays: 7,
  igLeadDays: 28,
  capDays: 7,
});
const policy: MessageItem = {
  title: 'Instant messaging policy',
  kind: 'attestation',
  dueOn: parseIsoDate('2026-03-30'),
  daysOverdue: -28,
};

describe('the subject of a reminder e-mail', () => {
  it('says what is to do and by when, in words that also fit the first message (an invitation)', () => {
    expect(messageSubject(input([policy]), context)).toBe(
      'To do: Instant messaging policy, due by Monday 30 March 2026 (in 28 days)',
    );
    const training: MessageItem = {
      ...policy,
      title: 'assessment',
      kind: 'training',
      dueOn: parseIsoDate('2026-03-16'),
    };
    expect(messageSubject(input([policy, training]), context)).toBe('To do: 2 things by 16 March 2026');
  });

  it('says overdue when something is', () => {
    expect(messageSubject(input([{ ...policy, daysOverdue: 3 }]), context)).toBe('Overdue: Instant messaging policy');
  });
});
