/** Unrelated chats added to one case stay apart in the bundle: a section each, under its own safe title. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildBundle, buildCaseFile } from '../src/index.ts';
import { nodeFontLoader, request, sampleConversation } from './fixtures.ts';

describe('a case of two conversations', async () => {
  const disclosed = sampleConversation();
  disclosed.messages = disclosed.messages
    .slice(1, 4)
    .map((message, i) => ({ ...message, section: i === 1 ? 'b' : 'a' }));
  disclosed.sections = [
    { key: 'a', title: 'Ward 7 handover', segments: [{ type: 'text', text: 'Ward 7 handover' }] },
    {
      key: 'b',
      title: '[Relative 1]',
      segments: [{ type: 'redaction', category: 'person-name', exemption: 's40(2)', label: 'Relative 1' }],
    },
  ];
  disclosed.counts.redactions = 3;
  const result = await buildBundle({ disclosed, request, options: { loadFont: nodeFontLoader } });
  const zip = await JSZip.loadAsync(result.zip);
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';

  it('gives each conversation its own section, in order, in the HTML and the CSV', async () => {
    const html = await text('transcript.html');
    const first = html.indexOf('Conversation 1 of 2: <span dir="auto">Ward 7 handover</span>');
    const second = html.indexOf('Conversation 2 of 2: <span dir="auto">[Relative 1]</span>');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    const csv = (await text('transcript.csv')).split('\r\n');
    expect(csv[0]).toBe('conversation,date,time,author,kind,text,redactions,attachments');
    expect(csv.slice(1, 4).map((row) => row.split(',')[0])).toEqual(['1', '1', '2']);
  });

  it("lists the title's redaction in the schedule, so the schedule adds up to the count on the cover", async () => {
    const titleRows = result.schedule.filter((row) => row.messageTime === 'title of conversation 2');
    expect(titleRows).toEqual([expect.objectContaining({ page: 1, category: 'person-name', count: 1 })]);
    expect(result.schedule.reduce((sum, row) => sum + row.count, 0)).toBe(result.manifest.counts.redactions);
  });

  it('records the same counts in the case file as in the manifest', () => {
    const { caseFile } = buildCaseFile({ sourceSha256: 'a'.repeat(64), decisions: [], settings: {}, bundle: result });
    expect(caseFile.counts).toEqual(result.manifest.counts);
    expect(caseFile.counts.redactions).toBe(3);
  });
});
