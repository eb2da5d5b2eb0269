/**
 * One count of redactions: the number the review shows is the number the bundle prints and the case file records,
 * because both come from redaction's definition (a box per withheld run; the parts of a name written together, one).
 */
import { importChat } from '@im-records/chat-import';
import { detectPersonalDataSync, disclose, withTitleMessages } from '@im-records/redaction';
import { describe, expect, it } from 'vitest';
import { decidedStatuses, indexProposalsOf, reviewCounts } from '../src/lib/review.ts';

describe('review counts and bundle counts', () => {
  it('agree, with names written together, a rejected proposal and a redacted chat title', async () => {
    const text = [
      '04/03/2024, 08:01 - Jane Okafor: Bed 4 is Margaret Thompson, NHS number 943 476 5919',
      '04/03/2024, 08:02 - Derek Thompson: Margaret Thompson is my mother, call 07700 900123',
      '04/03/2024, 08:03 - Jane Okafor: Will do, Derek',
    ].join('\n');
    const { conversation: imported } = await importChat({
      fileName: 'WhatsApp Chat with Derek Thompson.txt',
      bytes: new TextEncoder().encode(text),
    });
    const conversation = withTitleMessages({ ...imported, messages: Array.from(imported.messages) });
    const { proposals } = detectPersonalDataSync(conversation, { mode: 'foi' });
    const rejected = proposals.find((p) => p.text === 'Derek' && p.messageId !== 'title:1');
    const decisions = rejected ? [{ action: 'reject' as const, proposalId: rejected.id, by: 'a', at: 'now' }] : [];
    const chat = { titles: [], messages: [...conversation.messages] };
    const index = indexProposalsOf(proposals, chat);
    const review = reviewCounts({ ...chat, inScope: null }, index, decidedStatuses(decisions, index.members));
    const bundle = disclose(conversation, proposals, decisions, { mode: 'foi' }).counts.redactions;
    // Proposals are more than redactions: "Margaret" and "Thompson" are two proposals and one redaction.
    expect(review.total).toBeGreaterThan(review.redactions);
    expect(review.redactions).toBe(bundle);
    expect(bundle).toBeGreaterThanOrEqual(5);
  });
});
