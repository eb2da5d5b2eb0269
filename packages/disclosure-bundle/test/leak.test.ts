import { generateClinicalChat } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../src/index.ts';
import { checkBundleForLeaks, labelSecrets, normaliseForLeakCheck } from '../src/testing/leak-check.ts';
import { jpegWithMetadata, nodeFontLoader, request, sampleConversation } from './fixtures.ts';
import { goldDisclosure } from './synthetic.ts';

const options = { loadFont: nodeFontLoader };

describe('normaliseForLeakCheck', () => {
  it('ignores case, spaces, hyphens and separators', () => {
    expect(normaliseForLeakCheck('943 476 5919')).toBe(normaliseForLeakCheck('943-476-5919'));
    expect(normaliseForLeakCheck('SW1A 1AA')).toBe('sw1a1aa');
    expect(normaliseForLeakCheck('O’Brien, Siobhán')).toBe('obriensiobhán');
    expect(normaliseForLeakCheck('０７７００\u00a0９００１２３')).toBe('07700900123');
  });
});

describe('leak check over synthetic chats (every gold span redacted)', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds no redacted value anywhere in the bundle for seed ${seed}`, async () => {
      const chat = await generateClinicalChat({ seed, messages: 400, exportText: false });
      const { disclosed, secrets, media } = goldDisclosure(chat, jpegWithMetadata());
      const result = await buildBundle({ disclosed, request, media, options });
      const report = await checkBundleForLeaks(result.zip, secrets);
      expect(report.findings).toEqual([]);
      expect(report.checkedSecrets).toBeGreaterThan(50);
      for (const surface of [
        'zip:names',
        'pdf-text:transcript.pdf page 2',
        'pdf-metadata:transcript.pdf',
        'pdf-raw:transcript.pdf',
        'entry:transcript.html',
        'entry:transcript.csv',
        'entry:redaction-schedule.csv',
        'pdf-annotations:transcript.pdf page 1',
        'pdf-attachments:transcript.pdf',
      ]) {
        expect(report.surfaces).toContain(surface);
      }
      // Short values are listed, not silently dropped.
      for (const skipped of report.skippedSecrets) expect(normaliseForLeakCheck(skipped).length).toBeLessThan(4);
    });
  }
});

describe('leak check catches planted leaks', () => {
  it('finds a value left in the text, in the PDF text layer, HTML and CSV, even reformatted', async () => {
    const disclosed = sampleConversation();
    const message = disclosed.messages[1];
    if (!message) throw new Error('fixture changed');
    message.segments.push({ type: 'text', text: ' (NHS 943-476-5919)' });
    const result = await buildBundle({ disclosed, request, options });
    const report = await checkBundleForLeaks(result.zip, ['943 476 5919']);
    const surfaces = report.findings.map((finding) => finding.surface);
    expect(surfaces).toContain('pdf-text:transcript.pdf page 2');
    expect(surfaces).toContain('entry:transcript.html');
    expect(surfaces).toContain('entry:transcript.csv');
  });

  it('finds a value in the PDF metadata and the manifest', async () => {
    const result = await buildBundle({
      disclosed: sampleConversation(),
      request: { ...request, organisation: 'Ward of Jane Mcleod-Smith' },
      options,
    });
    const report = await checkBundleForLeaks(result.zip, ['Jane McLeod Smith']);
    const surfaces = report.findings.map((finding) => finding.surface);
    expect(surfaces).toContain('pdf-metadata:transcript.pdf');
    expect(surfaces).toContain('pdf-raw:transcript.pdf');
    expect(surfaces).toContain('entry:manifest.json');
  });

  it('finds a value in image metadata when stripping is turned off, and not when it is on', async () => {
    const media = new Map([['media/IMG-0001.jpg', jpegWithMetadata()]]);
    const leaky = await buildBundle({
      disclosed: sampleConversation(),
      request,
      media,
      options: { ...options, stripImageMetadata: false },
    });
    const found = await checkBundleForLeaks(leaky.zip, ['Jane Doe']);
    expect(found.findings.map((f) => f.surface)).toContain('entry-bytes:media/attachment-0001.jpg');
    const clean = await buildBundle({ disclosed: sampleConversation(), request, media, options });
    expect((await checkBundleForLeaks(clean.zip, ['Jane Doe'])).findings).toEqual([]);
  });

  it('lists a value the disclosed text itself still shows apart from bundle leaks', async () => {
    const result = await buildBundle({ disclosed: sampleConversation(), request, options });
    const report = await checkBundleForLeaks(result.zip, ['Margaret Oyelaran', 'Zażółć', 'Harold Pennington'], {
      disclosedText: ['Zażółć gęślą jaźń'],
    });
    expect(report.visibleInDisclosedText).toEqual(['Zażółć']);
    expect(report.findings).toEqual([]);
    expect(report.checkedSecrets).toBe(2);
  });

  it("finds a chat's title and file name planted on the cover, as a one-to-one chat's title once was", async () => {
    const fileName = 'WhatsApp Chat with Derek Thompson.zip';
    const secrets = labelSecrets({ titles: ['Derek Thompson'], fileNames: [fileName] });
    expect(secrets).toEqual(['Derek Thompson', fileName, 'WhatsApp Chat with Derek Thompson']);
    const leaky = await buildBundle({
      disclosed: { ...sampleConversation(), title: 'Derek Thompson' },
      request: { ...request, searched: 'WhatsApp chat "Derek Thompson"' },
      options,
    });
    const report = await checkBundleForLeaks(leaky.zip, secrets);
    const surfaces = report.findings.map((finding) => finding.surface);
    expect(surfaces).toContain('pdf-text:transcript.pdf page 1');
    expect(surfaces).toContain('entry:transcript.html');
    expect(surfaces).toContain('entry:manifest.json');
    const clean = await buildBundle({
      disclosed: { ...sampleConversation(), title: '[Relative 1]' },
      request: { ...request, searched: 'WhatsApp chat "[Relative 1]"' },
      options,
    });
    expect((await checkBundleForLeaks(clean.zip, secrets)).findings).toEqual([]);
  });

  it('finds a value in a ZIP entry name', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('media/Jane Doe 07700 900123.jpg', new Uint8Array([1, 2, 3]));
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const report = await checkBundleForLeaks(bytes, ['07700900123']);
    expect(report.findings.map((f) => f.surface)).toContain('zip:names');
  });
});
