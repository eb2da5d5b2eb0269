import { importChat } from '@im-records/chat-import';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decision, detectPersonalDataSync, disclose, placeholder, safeAttachmentName } from '../src/index.ts';
import { conv, msg } from './helpers.ts';

const at = '2024-05-01T10:00:00Z';
const textOf = (segments: ReturnType<typeof disclose>['messages'][number]['segments']): string =>
  segments.map((s) => (s.type === 'text' ? s.text : placeholder(s))).join('');

describe('disclose', () => {
  const chat = conv([
    msg('m1', 'Dr Sarah Jones', 'Bed 4 is Margaret Okafor, NHS no 401 023 2137'),
    msg('m2', '+44 7700 900123', "Okafor's daughter Ngozi called, Sarah will ring back"),
    msg('m3', 'Dr Sarah Jones', 'Margaret settled, thanks all', {
      attachments: [
        { fileName: 'Margaret Okafor discharge.pdf', kind: 'document', included: true, mediaKey: 'a' },
        { fileName: 'IMG-20240304-WA0003.jpg', kind: 'image', included: true, mediaKey: 'b' },
        { fileName: '07700 900123 contact.vcf', kind: 'contact', included: false },
      ],
    }),
  ]);
  const result = detectPersonalDataSync(chat, { mode: 'foi' });

  it('replaces authors and names with consistent pseudonyms and labels boxes with the exemption', () => {
    const out = disclose(chat, result.proposals, [], { mode: 'foi' });
    expect(out.messages.map((m) => m.author)).toEqual(['Staff member A', 'Staff member B', 'Staff member A']);
    expect(out.messages.map((m) => textOf(m.segments))).toEqual([
      'Bed 4 is [Patient 1 — s40(2)], NHS no [NHS number — s40(2)]',
      "[Patient 1 — s40(2)]'s daughter [Relative 1 — s40(2)] called, [Staff member A — s40(2)] will ring back",
      '[Patient 1 — s40(2)] settled, thanks all',
    ]);
    expect(out.counts.redactions).toBe(6);
  });

  it('keeps two people who share a surname apart, and gives a bare shared surname a pseudonym of its own', () => {
    const family = conv([
      msg('f1', 'Jane Okafor', 'Bed 4 is Margaret Thompson, NHS number 943 476 5919'),
      msg('f2', 'Sam Patel', 'Her son Derek Thompson is on 07700 900123'),
      msg('f3', 'Jane Okafor', 'Margaret is comfortable; Derek will visit. Thompson family informed'),
    ]);
    const found = detectPersonalDataSync(family, { mode: 'foi' });
    const out = disclose(family, found.proposals, [], { mode: 'foi' });
    expect(out.messages.map((m) => textOf(m.segments))).toEqual([
      'Bed 4 is [Patient 1 — s40(2)], NHS number [NHS number — s40(2)]',
      'Her son [Relative 1 — s40(2)] is on [Phone number — s40(2)]',
      '[Patient 1 — s40(2)] is comfortable; [Relative 1 — s40(2)] will visit. [Person 1 — s40(2)] family informed',
    ]);
  });

  it('gives attachments names that carry no name or number, and withholds them until included', () => {
    const include: Decision = {
      action: 'include-attachment',
      messageId: 'm3',
      fileName: 'IMG-20240304-WA0003.jpg',
      by: 'o',
      at,
    };
    const out = disclose(chat, result.proposals, [include], { mode: 'foi' });
    expect(out.messages[2]?.attachments).toEqual([
      { displayName: 'document-0001.pdf', kind: 'document', disclose: false, withheldReason: 's40(2): not reviewed' },
      { displayName: 'IMG-20240304-WA0003.jpg', kind: 'image', disclose: true, mediaKey: 'b' },
      {
        displayName: 'contact-0003.vcf',
        kind: 'contact',
        disclose: false,
        withheldReason: 'file not present in the export',
      },
    ]);
    expect(safeAttachmentName({ fileName: 'Sarah.jpg', kind: 'image', included: true }, 7)).toBe('image-0007.jpg');
  });

  it('shows a rejected proposal and keeps the SAR subject’s name as author', () => {
    const reject = result.proposals.find((p) => p.text === 'Sarah' && p.messageId === 'm2');
    const out = disclose(chat, result.proposals, [{ action: 'reject', proposalId: reject?.id ?? '', by: 'o', at }], {
      mode: 'foi',
    });
    expect(textOf(out.messages[1]?.segments ?? [])).toContain('Sarah will ring back');
    const sar = detectPersonalDataSync(chat, { mode: 'sar', subject: { names: ['Sarah Jones'] } });
    const sarOut = disclose(chat, sar.proposals, [], {
      mode: 'sar',
      subject: { names: ['Sarah Jones'] },
      selection: sar.selection,
    });
    expect(sarOut.messages.map((m) => m.author)).toEqual(['Dr Sarah Jones', 'Staff member B', 'Dr Sarah Jones']);
    expect(sarOut.counts.messagesWithheld).toBe(0);
  });

  it('never emits a withheld value (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z]{2,8}$/);
    const piece = fc.oneof(word, fc.constantFrom(' ', ', ', '. ', "'s ", '\n', '07700 900123', '401 023 2137', '😀'));
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.tuple(fc.nat(5), fc.nat(60), fc.nat(20)), { maxLength: 5 }),
        (bodies, spans) => {
          const messages = bodies.map((b, i) => msg(`m${i}`, i % 2 ? 'Ann Lee' : 'Bob Marsh', b));
          const c = conv(messages);
          const r = detectPersonalDataSync(c, { mode: 'foi' });
          const decisions: Decision[] = [];
          for (const [mi, start, len] of spans) {
            const m = messages[mi % messages.length];
            if (!m || m.text.length === 0) continue;
            const s = Math.min(start, m.text.length - 1);
            decisions.push({
              action: 'add-span',
              messageId: m.id,
              start: s,
              end: Math.min(m.text.length, s + len + 1),
              category: 'custom',
              by: 'p',
              at,
            });
          }
          const out = disclose(c, r.proposals, decisions, { mode: 'foi' });
          for (const m of out.messages) {
            const original = messages.find((x) => x.id === m.id)?.text ?? '';
            // Every disclosed character must be a character no proposal or added span withholds, in order.
            const visible = new Array<boolean>(original.length).fill(true);
            for (const p of r.proposals)
              if (p.messageId === m.id) for (let k = p.start; k < p.end; k++) visible[k] = false;
            for (const d of decisions) {
              if (d.action === 'add-span' && d.messageId === m.id)
                for (let k = d.start; k < d.end; k++) visible[k] = false;
            }
            let pos = 0;
            for (const seg of m.segments) {
              if (seg.type === 'redaction') continue;
              let found = -1;
              for (let p = original.indexOf(seg.text, pos); p !== -1; p = original.indexOf(seg.text, p + 1)) {
                if (visible.slice(p, p + seg.text.length).every(Boolean)) {
                  found = p;
                  break;
                }
              }
              expect(found, `"${seg.text}" of ${JSON.stringify(original)}`).toBeGreaterThanOrEqual(0);
              pos = found + seg.text.length;
            }
            // The author is never a participant's real name or number in FOI.
            expect(['Ann Lee', 'Bob Marsh']).not.toContain(m.author);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('a record the importer could not read', () => {
  it('is scanned like any message: a name and a number in it are redacted, and the mark travels to the disclosure', async () => {
    const csv = [
      'timestamp,author,text',
      '2024-05-01T10:00:00Z,Dr Sarah Jones,Morning all',
      '01/05/2024 10:05,Dr Sarah Jones,Bed 4 is Margaret Okafor; NHS no 401 023 2137',
      '2024-05-01T10:10:00Z,Dr Sarah Jones,Margaret Okafor settled',
    ].join('\n');
    const { conversation } = await importChat({ fileName: 'ward.csv', bytes: new TextEncoder().encode(csv) });
    const kept = Array.from(conversation.messages)[1];
    expect(kept?.unreadable?.timeFrom).toBe('previous');
    const found = detectPersonalDataSync(conversation, { mode: 'foi' });
    const out = disclose(conversation, found.proposals, [], { mode: 'foi' });
    const row = out.messages.find((m) => m.id === kept?.id);
    expect(row?.unreadable).toEqual(kept?.unreadable);
    // The author column lines up with the header, so it is read and pseudonymised like any author.
    expect(row?.author).toBe('Staff member A');
    const text = textOf(row?.segments ?? []);
    expect(text).not.toMatch(/Okafor|401 023 2137|Sarah/);
    expect(text).toBe(
      '01/05/2024 10:05,Dr [Staff member A — s40(2)],Bed 4 is [Patient 1 — s40(2)]; NHS no [NHS number — s40(2)]',
    );
  });
});
