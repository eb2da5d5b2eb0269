/**
 * A record the importer could not read reaches the bundle as a message, redacted like any other and marked as shown
 * as written with its neighbour's time, in the PDF, the HTML and the CSV.
 */
import { importChat } from '@im-records/chat-import';
import { detectPersonalDataSync, disclose } from '@im-records/redaction';
import JSZip from 'jszip';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../src/index.ts';
import { checkBundleForLeaks } from '../src/testing/leak-check.ts';
import { nodeFontLoader, request } from './fixtures.ts';

const csv = [
  'timestamp,author,text',
  '2024-03-04T09:00:00Z,Dr Sarah Jones,Morning all',
  '04/03/2024 09:05,Dr Sarah Jones,"Bed 4 is Margaret Okafor, NHS no 401 023 2137',
  '2024-03-04T09:10:00Z,Dr Sarah Jones,All settled',
].join('\n');
const mark = 'Could not be read: shown as written, with the time of the message before it.';

describe('a record the importer could not read, in the bundle', async () => {
  const { conversation } = await importChat({ fileName: 'ward.csv', bytes: new TextEncoder().encode(csv) });
  const found = detectPersonalDataSync(conversation, { mode: 'foi' });
  const disclosed = disclose(conversation, found.proposals, [], { mode: 'foi' });
  const result = await buildBundle({ disclosed, request, media: new Map(), options: { loadFont: nodeFontLoader } });
  const zip = await JSZip.loadAsync(result.zip);
  const text = async (name: string): Promise<string> => (await zip.file(name)?.async('string')) ?? '';

  it('is kept: the quote never closed holds the rest of the file, as written, with the time before it', () => {
    expect(disclosed.messages.map((m) => [m.timestamp, m.unreadable?.timeFrom])).toEqual([
      ['2024-03-04T09:00:00+00:00', undefined],
      ['2024-03-04T09:00:00+00:00', 'previous'],
    ]);
  });

  it('has the names and the NHS number in it redacted everywhere in the bundle', async () => {
    const report = await checkBundleForLeaks(result.zip, ['Sarah Jones', 'Margaret Okafor', 'Okafor', '401 023 2137']);
    expect(report.findings).toEqual([]);
    expect(await text('transcript.html')).toContain('Bed 4 is <span class="redaction"');
  });

  it('is marked in the HTML, the PDF and the CSV', async () => {
    expect(await text('transcript.html')).toContain(`<p class="unreadable"><em>${mark}</em></p>`);
    const csvText = await text('transcript.csv');
    expect(csvText).toContain(`message: ${mark}`);
    const pdf = await getDocumentProxy(new Uint8Array((await zip.file('transcript.pdf')?.async('uint8array')) ?? []));
    let pages = '';
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
    }
    expect(pages.replace(/\s+/g, ' ')).toContain('Could not be read: shown as written');
  });
});
