import { createHash } from 'node:crypto';
import { POLICY_PACKAGE_VERSION } from '@im-records/records-policy';
import JSZip from 'jszip';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  BundleAbortedError,
  type BundleProgress,
  buildBundle,
  buildCaseFile,
  DEFAULT_TOOL_NAME,
  InvalidBundleInputError,
} from '../src/index.ts';
import { jpegWithMetadata, nodeFontLoader, request, sampleConversation } from './fixtures.ts';

const media = (): Map<string, Uint8Array> => new Map([['media/IMG-0001.jpg', jpegWithMetadata()]]);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function build(overrides: Partial<Parameters<typeof buildBundle>[0]> = {}) {
  return buildBundle({
    disclosed: sampleConversation(),
    request,
    media: media(),
    options: { loadFont: nodeFontLoader },
    ...overrides,
  });
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  return pages;
}

describe('buildBundle', async () => {
  const result = await build();
  const zip = await JSZip.loadAsync(result.zip);
  const entry = async (name: string): Promise<Uint8Array> => {
    const file = zip.file(name);
    if (!file) throw new Error(`missing ${name}`);
    return file.async('uint8array');
  };
  const text = async (name: string): Promise<string> => new TextDecoder().decode(await entry(name));

  it('holds exactly the bundle files, in sorted order, with fixed dates', async () => {
    const names = Object.keys(zip.files);
    expect(names).toEqual([
      'manifest.json',
      'media/attachment-0001.jpg',
      'redaction-schedule.csv',
      'transcript.csv',
      'transcript.html',
      'transcript.pdf',
    ]);
    for (const name of names) {
      const date = zip.files[name]?.date as Date;
      // DOS times have a two-second resolution; the entry date comes from the response date, not the clock.
      expect(date.toISOString().slice(0, 10)).toBe(request.responseDate);
    }
  });

  it('records the SHA-256 of every file in the manifest, and the versions, counts and request', async () => {
    const manifest = JSON.parse(await text('manifest.json'));
    expect(manifest).toEqual(result.manifest);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      Object.keys(zip.files).filter((n) => n !== 'manifest.json'),
    );
    for (const file of manifest.files) {
      const bytes = await entry(file.path);
      expect(file.sha256).toBe(sha256(bytes));
      expect(file.bytes).toBe(bytes.length);
    }
    expect(manifest.tool).toEqual({ name: DEFAULT_TOOL_NAME, version: '0.1.0' });
    expect(manifest.recordsPolicy).toEqual({ version: POLICY_PACKAGE_VERSION });
    expect(manifest.request).toEqual(request);
    expect(manifest.counts.redactions).toBe(2);
    expect(manifest.counts.pages).toBe(3);
    expect(result.manifestSha256).toBe(sha256(await entry('manifest.json')));
    expect(result.zipSha256).toBe(sha256(result.zip));
  });

  it('gives the same bytes for the same input, and different bytes for a different response date', async () => {
    const again = await build();
    expect(Buffer.from(again.zip).equals(Buffer.from(result.zip))).toBe(true);
    const later = await build({ request: { ...request, responseDate: '2024-04-26' } });
    expect(Buffer.from(later.zip).equals(Buffer.from(result.zip))).toBe(false);
  });

  it('sets the PDF metadata on purpose: title, author, tool without URL, fixed dates, no XMP', async () => {
    const pdfBytes = await entry('transcript.pdf');
    const pdf = await getDocumentProxy(new Uint8Array(pdfBytes));
    const { info, metadata } = (await pdf.getMetadata()) as { info: Record<string, unknown>; metadata: unknown };
    expect(info.Title).toBe(request.reference);
    expect(info.Author).toBe(request.organisation);
    expect(info.Producer).toBe(DEFAULT_TOOL_NAME);
    expect(info.Creator).toBe(DEFAULT_TOOL_NAME);
    expect(info.CreationDate).toBe('D:20240425120000Z');
    expect(info.ModDate).toBe('D:20240425120000Z');
    expect(metadata).toBeNull();
    const raw = Buffer.from(pdfBytes).toString('latin1');
    expect(raw).not.toMatch(/https?:|pdf-lib|xmpmeta/i);
  });

  it('prints each value on the cover clear of its label: the longest label, "Messages outside the request", too', async () => {
    const pdf = await getDocumentProxy(await entry('transcript.pdf'));
    const items = (await (await pdf.getPage(1)).getTextContent()).items.flatMap((item) =>
      'str' in item && item.str.trim()
        ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }]
        : [],
    );
    const labels = ['Messages outside the request', 'Attachments disclosed', 'Messages in scope', 'What was searched'];
    for (const label of labels) {
      const drawn = items.find((item) => item.text === label);
      expect(drawn, label).toBeDefined();
      const value = items.find(
        (item) => item !== drawn && Math.abs(item.y - (drawn?.y ?? 0)) < 1 && item.x > (drawn?.x ?? 0),
      );
      expect(value, `${label}'s value`).toBeDefined();
      expect((drawn?.x ?? 0) + (drawn?.width ?? 0) + 6, label).toBeLessThanOrEqual(value?.x ?? 0);
    }
  });

  it('calls the messages not in scope "outside the request" on the cover, not "withheld" (nothing was refused)', async () => {
    const disclosed = sampleConversation();
    disclosed.counts.messagesWithheld = 3;
    const other = await JSZip.loadAsync((await build({ disclosed })).zip);
    const [cover] = await pdfPages(await (other.file('transcript.pdf') as JSZip.JSZipObject).async('uint8array'));
    expect(cover).toMatch(/Messages outside the request\s+3/);
    const html = await (other.file('transcript.html') as JSZip.JSZipObject).async('string');
    expect(html).toContain('<dt>Messages outside the request</dt><dd dir="auto">3</dd>');
    for (const page of [cover, html]) expect(page).not.toMatch(/Messages withheld/);
  });

  it('draws every script as real text or a clear stand-in, with "Page n of N" and the reference on every page', async () => {
    const pages = await pdfPages(await entry('transcript.pdf'));
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of 3`);
      expect(page).toContain(request.reference);
    });
    const [cover, transcript, schedule] = pages as [string, string, string];
    expect(cover).toContain(request.organisation);
    expect(cover).toMatch(/Date due\s+30 April 2024/);
    expect(cover).toMatch(/Messages disclosed\s+7/);
    for (const sample of [
      'Zażółć gęślą jaźń',
      'café naïve',
      'Ελληνικά',
      'Кириллица',
      '☺',
      '👨‍👩‍👧',
      '🇬🇧',
      '[U+13000]',
    ]) {
      expect(transcript).toContain(sample);
    }
    // Each Chinese character may come from a different font slice; PDF.js then puts a space between them.
    expect(transcript.replace(/\s+/g, '')).toContain('中文测试病人ok👍👨‍👩‍👧🇬🇧☺[U+13000]');
    // Right-to-left words are present (PDF.js returns them in logical order).
    for (const word of ['שלום', 'עולם', 'مرحبا', 'بكم']) expect(transcript).toContain(word);
    expect(transcript).toContain('Monday 4 March 2024');
    expect(transcript).toContain('Tuesday 5 March 2024');
    expect(transcript).toMatch(/Bed 4:\s+s40\(2\)\s+NHS no\s+s40\(2\)\s+bloods sent\./);
    expect(transcript).toContain('Attachment included: media/attachment-0001.jpg');
    expect(transcript).toContain('Attachment withheld: image-0002.jpg (image) — s40(2): shows a patient');
    expect(schedule).toContain('Redaction schedule');
    expect(schedule).toMatch(/2\s+2024-03-04 09:15\s+NHS number\s+s40\(2\)\s+1/);
    expect(cover).toContain('stand-ins');
  });

  it('writes an accessible, self-contained HTML transcript', async () => {
    const html = await text('transcript.html');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|https?:|url\(/i);
    // Its only links are to the included files beside it in the bundle.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['media/attachment-0001.jpg']);
    // Two days, then the redaction schedule with the same rows as the CSV.
    expect(html.match(/<h2 /g)).toHaveLength(3);
    expect(html).toContain('<h2 id="schedule">Redaction schedule</h2>');
    expect(html.match(/<tr><td>/g)).toHaveLength(result.schedule.length);
    expect(html).toContain(
      '<span class="redaction" role="img" aria-label="Redacted NHS number, exemption s40(2)">[Redacted: s40(2)]</span>',
    );
    expect(html).toContain('dir="auto"');
    expect(html).toContain('中文测试');
  });

  it('writes RFC 4180 CSVs with formula cells neutralised', async () => {
    const csv = await text('transcript.csv');
    expect(csv.split('\r\n')[0]).toBe('date,time,author,kind,text,redactions,attachments');
    expect(csv).toContain(`"'=SUM(A1) +44 ""quoted"", comma\nsecond line"`);
    expect(csv).toContain('Bed 4: [Redacted: s40(2)] NHS no [Redacted: s40(2)] bloods sent.');
    expect(csv.endsWith('\r\n')).toBe(true);
    const schedule = await text('redaction-schedule.csv');
    expect(schedule).toBe(
      'page,message_time,category,exemption,count\r\n2,2024-03-04 09:15,name,s40(2),1\r\n2,2024-03-04 09:15,NHS number,s40(2),1\r\n',
    );
  });

  it('includes disclosed media with metadata stripped, under a neutral name, and leaves withheld files out', async () => {
    const jpeg = await entry('media/attachment-0001.jpg');
    const raw = Buffer.from(jpeg).toString('latin1');
    expect(raw).not.toMatch(/Exif|Jane|xmpmeta|GPS/);
    expect(raw).toContain('JFIF');
    expect(Object.keys(zip.files).some((name) => name.includes('IMG-0001') || name.includes('image-0002'))).toBe(false);
    expect(result.manifest.files.find((f) => f.path === 'media/attachment-0001.jpg')?.metadataRemoved).toBe(true);
    expect(result.manifest.files.find((f) => f.path === 'transcript.pdf')).not.toHaveProperty('metadataRemoved');
  });

  it('says in the manifest when a disclosed file is included exactly as it was (a document)', async () => {
    const pdfBytes = new TextEncoder().encode('%PDF-1.7\n% a discharge letter\n');
    const disclosed = sampleConversation();
    const withDocument = {
      ...disclosed,
      messages: disclosed.messages.map((message) => ({
        ...message,
        attachments: message.attachments.map((a) =>
          a.mediaKey === 'media/IMG-0001.jpg'
            ? { ...a, displayName: 'document-0001.pdf', kind: 'document' as const }
            : a,
        ),
      })),
    };
    const built = await build({ disclosed: withDocument, media: new Map([['media/IMG-0001.jpg', pdfBytes]]) });
    const entry = built.manifest.files.find((f) => f.path === 'media/attachment-0001.pdf');
    expect(entry?.metadataRemoved).toBe(false);
  });

  it('keeps the case file apart: it is not in the bundle and records the manifest hash', async () => {
    const { caseFile, json } = buildCaseFile({
      sourceSha256: 'a'.repeat(64),
      sourceFormat: 'whatsapp',
      decisions: [{ action: 'accept', proposalId: 'p1', by: 'officer', at: '2024-04-20T10:00:00Z' }],
      settings: { mode: 'foi' },
      bundle: result,
    });
    expect(caseFile.bundle.manifestSha256).toBe(sha256(await entry('manifest.json')));
    expect(caseFile.bundle.zipSha256).toBe(sha256(result.zip));
    expect(JSON.parse(json)).toEqual(caseFile);
    expect(Object.keys(zip.files).some((name) => /case/i.test(name))).toBe(false);
  });
});

describe('buildBundle stages, cancelling and input checks', () => {
  it('reports the named stages in order', async () => {
    const stages: string[] = [];
    await build({ onProgress: (p: BundleProgress) => (stages.at(-1) === p.stage ? undefined : stages.push(p.stage)) });
    expect(stages).toEqual(['validate', 'load', 'fonts', 'media', 'pdf', 'html', 'csv', 'manifest', 'zip']);
  });

  it('stops with BundleAbortedError when cancelled before or during a stage', async () => {
    const before = new AbortController();
    before.abort();
    await expect(build({ signal: before.signal })).rejects.toBeInstanceOf(BundleAbortedError);
    const during = new AbortController();
    const onProgress = (p: BundleProgress): void => {
      if (p.stage === 'pdf') during.abort();
    };
    await expect(build({ signal: during.signal, onProgress })).rejects.toThrow(/cancelled during the pdf stage/);
  });

  it('rejects a bad request naming the field', async () => {
    await expect(build({ request: { ...request, received: '2024-02-30' } })).rejects.toThrow(InvalidBundleInputError);
    await expect(build({ request: { ...request, received: '2024-02-30' } })).rejects.toThrow(/request\.received/);
    await expect(build({ request: { ...request, type: 'xyz' as 'foi' } })).rejects.toThrow(/request\.type/);
    await expect(build({ request: { ...request, reference: '  ' } })).rejects.toThrow(/request\.reference/);
  });

  it('without font files falls back to the standard fonts with stand-ins, never failing', async () => {
    const result = await build({ options: {} });
    const pdf = (await JSZip.loadAsync(result.zip)).file('transcript.pdf');
    const pages = await pdfPages(await (pdf as JSZip.JSZipObject).async('uint8array'));
    expect(pages[1]).toContain('café naïve');
    expect(pages[1]).toContain('[U+0395]'); // Greek capital epsilon has no Helvetica glyph
    expect(pages[1]).toContain('[U+4E2D]');
  });
});
