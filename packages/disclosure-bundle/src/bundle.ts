/// <reference path="./regenerator-runtime.d.ts" />
/**
 * {@link buildBundle}: packaging in named, abortable stages (validate → load → fonts → media → pdf → html → csv → manifest →
 * zip). pdf-lib, fontkit and jszip are imported only when packaging starts, so a page that never packages never loads them.
 */

import { nextTurn } from '@im-records/chat-import';
import { POLICY_PACKAGE_VERSION } from '@im-records/records-policy';
import type { DisclosedConversation } from '@im-records/redaction';
import packageJson from '../package.json' with { type: 'json' };
import { scheduleCsv, transcriptCsv } from './csv.ts';
import { BundleAbortedError } from './errors.ts';
import { FontBook, fastFontkit } from './fonts.ts';
import { transcriptHtml } from './html.ts';
import { placeMedia } from './media.ts';
import { buildPdf } from './pdf.ts';
import { sha256Hex } from './sha256.ts';
import { fixedInstant } from './text.ts';
import type { BundleFileEntry, BundleInput, BundleManifest, BundleResult, BundleStage } from './types.ts';
import { validateDisclosed, validateRequest } from './validate.ts';

/** Default tool name stamped in the PDF and manifest: a name and version, never a URL. */
export const DEFAULT_TOOL_NAME = 'IM Records disclosure-bundle';

/** This package's version, recorded in every manifest. */
export const BUNDLE_VERSION: string = packageJson.version;

const ASCII = /^[\x20-\x7e\n]*$/;

function collectCodePoints(disclosed: DisclosedConversation, extra: readonly string[]): Set<number> {
  const points = new Set<number>();
  const add = (text: string | null | undefined): void => {
    if (!text || ASCII.test(text)) return;
    for (const char of text) points.add(char.codePointAt(0) ?? 0);
  };
  for (const text of extra) add(text);
  add(disclosed.title);
  for (const section of disclosed.sections ?? []) add(section.title);
  for (const message of disclosed.messages) {
    add(message.author);
    for (const segment of message.segments) add(segment.type === 'text' ? segment.text : segment.exemption);
    for (const attachment of message.attachments) {
      add(attachment.displayName);
      add(attachment.withheldReason);
    }
  }
  return points;
}

/** Packages a disclosed conversation into the bundle ZIP; same input, same bytes. */
export async function buildBundle(input: BundleInput): Promise<BundleResult> {
  const { signal, onProgress } = input;
  const options = input.options ?? {};
  let stage: BundleStage = 'validate';
  const enter = (next: BundleStage, total = 1): void => {
    if (signal?.aborted) throw new BundleAbortedError(`packaging cancelled before the ${next} stage`);
    stage = next;
    onProgress?.({ stage, done: 0, total });
  };
  const checkpoint = async (done: number, total: number): Promise<void> => {
    // Let the worker's event loop deliver an abort message before carrying on.
    await nextTurn();
    if (signal?.aborted)
      throw new BundleAbortedError(`packaging cancelled during the ${stage} stage (${done} of ${total})`);
    onProgress?.({ stage, done, total });
  };

  enter('validate');
  const request = validateRequest(input.request);
  validateDisclosed(input.disclosed);
  const disclosed = input.disclosed;
  const toolName = options.toolName ?? DEFAULT_TOOL_NAME;
  const fixedDate = fixedInstant(request.responseDate);

  enter('load');
  const [pdfLib, fontkitModule, jszipModule, fflate, bidiModule, regenerator] = await Promise.all([
    import('pdf-lib'),
    import('@pdf-lib/fontkit'),
    import('jszip'),
    import('fflate'),
    import('bidi-js'),
    import('regenerator-runtime'),
  ]);
  // fontkit's Indic and other syllable shapers were compiled with regenerator and call a global runtime: without it,
  // a Hindi, Bengali, Punjabi, Gujarati or Tamil message throws instead of being shaped.
  const scope = globalThis as { regeneratorRuntime?: object };
  scope.regeneratorRuntime ??= regenerator.default;

  enter('fonts');
  const doc = await pdfLib.PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fastFontkit(fontkitModule.default) as unknown as Parameters<typeof doc.registerFontkit>[0]);
  const codePoints = collectCodePoints(disclosed, [request.organisation, request.reference, request.searched]);
  const fonts = await FontBook.create(doc, codePoints, options.loadFont, {
    Helvetica: pdfLib.StandardFonts.Helvetica,
    HelveticaBold: pdfLib.StandardFonts.HelveticaBold,
  });

  enter('media');
  const placements = placeMedia(disclosed, input.media, options.stripImageMetadata ?? true);

  const total = disclosed.messages.length;
  enter('pdf', total);
  const pdf = await buildPdf(
    (data) => fflate.zlibSync(data, { level: 6 }),
    doc,
    fonts,
    bidiModule.default(),
    { disclosed, request, placements, toolName, checkpoint: (done) => checkpoint(done, total) },
    fixedDate,
  );

  enter('html');
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  files.set('transcript.pdf', pdf.bytes);
  files.set('transcript.html', encoder.encode(transcriptHtml(disclosed, request, placements, pdf.schedule)));
  enter('csv');
  files.set('transcript.csv', encoder.encode(transcriptCsv(disclosed, placements)));
  files.set('redaction-schedule.csv', encoder.encode(scheduleCsv(pdf.schedule)));
  for (const placement of placements.values()) files.set(placement.path, placement.bytes);

  enter('manifest', files.size);
  const entries: BundleFileEntry[] = [];
  const cleaned = new Map([...placements.values()].map((placement) => [placement.path, placement.metadataStripped]));
  for (const path of [...files.keys()].sort()) {
    const bytes = files.get(path) as Uint8Array;
    const entry: BundleFileEntry = { path, sha256: await sha256Hex(bytes), bytes: bytes.length };
    const removed = cleaned.get(path);
    if (removed !== undefined) entry.metadataRemoved = removed;
    entries.push(entry);
  }
  const manifest: BundleManifest = {
    format: 'im-records-disclosure-bundle/1',
    tool: { name: toolName, version: BUNDLE_VERSION },
    recordsPolicy: { version: POLICY_PACKAGE_VERSION },
    request,
    mode: disclosed.mode,
    counts: { ...disclosed.counts, pages: pdf.pages, scheduleRows: pdf.schedule.length },
    files: entries,
  };
  const manifestBytes = encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);
  files.set('manifest.json', manifestBytes);
  const manifestSha256 = await sha256Hex(manifestBytes);

  enter('zip', files.size);
  const JSZip = jszipModule.default;
  const zip = new JSZip();
  const sortedPaths = [...files.keys()].sort();
  for (const path of sortedPaths) {
    // PDF streams and images are compressed already: store them, deflate the text files.
    const compressed = path.endsWith('.pdf') || path.startsWith('media/');
    zip.file(path, files.get(path) as Uint8Array, {
      date: fixedDate,
      createFolders: false,
      binary: true,
      compression: compressed ? 'STORE' : 'DEFLATE',
    });
  }
  const zipBytes = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
  if (signal?.aborted) throw new BundleAbortedError('packaging cancelled during the zip stage');
  onProgress?.({ stage: 'zip', done: files.size, total: files.size });
  const allEntries: BundleFileEntry[] = [];
  for (const path of sortedPaths) {
    const bytes = files.get(path) as Uint8Array;
    const known = entries.find((entry) => entry.path === path);
    allEntries.push(known ?? { path, sha256: manifestSha256, bytes: bytes.length });
  }
  return {
    zip: zipBytes,
    manifest,
    files: allEntries,
    manifestSha256,
    zipSha256: await sha256Hex(zipBytes),
    schedule: pdf.schedule,
  };
}
