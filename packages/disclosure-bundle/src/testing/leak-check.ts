/**
 * The leak check: opens a bundle the way someone hunting for withheld data would and reports every place a redacted value
 * can still be read. Surfaces: ZIP entry names and comment, every entry's bytes (as UTF-8 and Latin-1), the PDF's text
 * layer (extracted with PDF.js through `unpdf`), its document information and XMP, annotations, embedded files, and every
 * string, name and inflated stream in the raw PDF. Values are compared after normalising case, Unicode compatibility forms
 * and every space, hyphen and separator away, so `943 476 5919` still matches `9434765919`.
 *
 * Exported as `@im-records/disclosure-bundle/leak-check` for tests (the package's own and the app's Playwright test).
 * `unpdf` is loaded on demand and must be installed by the caller (it is a dev dependency here).
 */
import type { default as JSZipType } from 'jszip';

/** One place a redacted value was found. */
export interface LeakFinding {
  secret: string;
  /** Where it was found, e.g. `pdf-text:transcript.pdf page 3`, `entry:transcript.csv`, `zip:names`. */
  surface: string;
  /** The normalised text around the match. */
  excerpt: string;
}

/** The result of {@link checkBundleForLeaks}. */
export interface LeakReport {
  findings: LeakFinding[];
  /** Every surface examined, so a test can assert the check looked where it should. */
  surfaces: string[];
  checkedSecrets: number;
  /** Secrets too short to check without matching ordinary text (fewer than `minLength` letters and digits). */
  skippedSecrets: string[];
}

/** Options of {@link checkBundleForLeaks}. */
export interface LeakCheckOptions {
  /** Secrets with fewer letters and digits than this are skipped and listed (default 4). */
  minLength?: number;
}

/** Lower-cases, applies NFKC and removes everything but letters and digits: the form both sides are compared in. */
export function normaliseForLeakCheck(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

interface Surface {
  name: string;
  lines: string[];
  /** Text surfaces: look in each line joined with the next, so a value wrapped over a line end still counts. */
  joinAdjacent?: boolean;
}

/** Printable runs of at least six characters, as `strings -n 6` shows them: what a byte search of a binary file finds. */
function printableRuns(bytes: Uint8Array): string[] {
  return latin1.decode(bytes).match(/[\x20-\x7e\xa0-\xff]{6,}/g) ?? [];
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function decodeHexString(hex: string): string {
  const clean = hex.replace(/\s+/g, '');
  const bytes = new Uint8Array(Math.floor(clean.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return latin1.decode(bytes);
}

function decodeLiteral(literal: string): string {
  return literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, escape: string) => {
    if (/^[0-7]/.test(escape)) return String.fromCharCode(Number.parseInt(escape, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[escape] ?? escape;
  });
}

/** Strings, names and inflated streams of a raw PDF: what a byte-level search of the file would reveal. */
async function rawPdfSurfaces(name: string, bytes: Uint8Array): Promise<Surface[]> {
  const { inflateSync, unzlibSync } = await import('fflate');
  const raw = latin1.decode(bytes);
  // The file outside its streams (dictionaries, trailer, info) plus every stream that inflates.
  const chunks: { text: string; content: boolean }[] = [];
  let outside = '';
  let from = 0;
  const streamPattern = /stream\r?\n/g;
  for (let match = streamPattern.exec(raw); match; match = streamPattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    outside += raw.slice(from, match.index);
    from = end;
    const data = bytes.subarray(start, end);
    let inflated: string | undefined;
    for (const inflate of [unzlibSync, inflateSync]) {
      try {
        inflated = latin1.decode(inflate(data));
        break;
      } catch {
        // not this kind of stream
      }
    }
    const text = inflated ?? printableRuns(data).join('\n');
    chunks.push({ text, content: /\bT[jJ]\b/.test(text) });
    streamPattern.lastIndex = end;
  }
  outside += raw.slice(from);
  chunks.push({ text: outside, content: false });
  const strings: string[] = [];
  for (const chunk of chunks) {
    for (const m of chunk.text.matchAll(/\((?:\\.|[^\\)])*\)/g)) strings.push(decodeLiteral(m[0].slice(1, -1)));
    // Hex strings in content streams are glyph ids of embedded fonts, not text (the text layer covers those).
    if (!chunk.content) for (const m of chunk.text.matchAll(/<([0-9A-Fa-f\s]+)>/g)) strings.push(decodeHexString(m[1] ?? ''));
    for (const m of chunk.text.matchAll(/\/([^\s/<>[\]()]+)/g)) {
      strings.push((m[1] ?? '').replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))));
    }
    if (/<x:xmpmeta|<\?xpacket/.test(chunk.text)) strings.push(chunk.text);
  }
  // Operators and coordinates are left out: only strings, names and XML can carry a value; digits of coordinates would
  // otherwise join into long numbers that match by chance.
  return [{ name: `pdf-raw:${name}`, lines: strings.flatMap(linesOf) }];
}

/** The PDF as a reader sees it: text layer, metadata and XMP, annotations, embedded files. */
async function pdfSurfaces(name: string, bytes: Uint8Array): Promise<Surface[]> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const surfaces: Surface[] = [];
  for (let index = 1; index <= pdf.numPages; index++) {
    const page = await pdf.getPage(index);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : ' ');
    }
    surfaces.push({ name: `pdf-text:${name} page ${index}`, lines: linesOf(text), joinAdjacent: true });
    const annotations = await page.getAnnotations();
    surfaces.push({ name: `pdf-annotations:${name} page ${index}`, lines: annotations.map((a: unknown) => JSON.stringify(a)) });
  }
  const metadata = await pdf.getMetadata();
  const xmp = metadata.metadata ? JSON.stringify([...metadata.metadata]) : '';
  surfaces.push({ name: `pdf-metadata:${name}`, lines: [JSON.stringify(metadata.info), xmp] });
  const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
  const attached: string[] = [];
  for (const [key, file] of Object.entries(attachments ?? {})) attached.push(key, file.filename, utf8.decode(file.content));
  surfaces.push({ name: `pdf-attachments:${name}`, lines: attached.flatMap(linesOf), joinAdjacent: true });
  await pdf.destroy();
  return surfaces;
}

/** Opens a bundle ZIP and lists every surface an attacker could read. */
export async function bundleSurfaces(zipBytes: Uint8Array): Promise<Surface[]> {
  const JSZip = (await import('jszip')).default as unknown as typeof JSZipType;
  const zip = await JSZip.loadAsync(zipBytes);
  const names = Object.keys(zip.files).sort();
  const surfaces: Surface[] = [
    { name: 'zip:names', lines: names },
    { name: 'zip:comment', lines: linesOf(String((zip as unknown as { comment?: string }).comment ?? '')) },
    // The raw ZIP as `strings` shows it: local headers, central directory, extra fields.
    { name: 'zip:raw', lines: printableRuns(zipBytes) },
  ];
  for (const entryName of names) {
    const entry = zip.files[entryName];
    if (!entry || entry.dir) continue;
    const bytes = await entry.async('uint8array');
    const isText = /\.(html|csv|json|txt)$/.test(entryName);
    if (isText) surfaces.push({ name: `entry:${entryName}`, lines: linesOf(utf8.decode(bytes)), joinAdjacent: true });
    else surfaces.push({ name: `entry-bytes:${entryName}`, lines: printableRuns(bytes) });
    if (latin1.decode(bytes.subarray(0, 5)) === '%PDF-') {
      surfaces.push(...(await pdfSurfaces(entryName, bytes)));
      surfaces.push(...(await rawPdfSurfaces(entryName, bytes)));
    }
  }
  return surfaces;
}

/** Checks a bundle for every secret; an empty `findings` list means none of them can be read anywhere in it. */
export async function checkBundleForLeaks(
  zipBytes: Uint8Array,
  secrets: readonly string[],
  options: LeakCheckOptions = {},
): Promise<LeakReport> {
  const minLength = options.minLength ?? 4;
  const wanted = new Map<string, string>();
  const skipped: string[] = [];
  for (const secret of secrets) {
    const normal = normaliseForLeakCheck(secret);
    if (normal.length < minLength) skipped.push(secret);
    else if (!wanted.has(normal)) wanted.set(normal, secret);
  }
  const surfaces = await bundleSurfaces(zipBytes);
  const findings: LeakFinding[] = [];
  for (const surface of surfaces) {
    const lines = surface.lines.map(normaliseForLeakCheck);
    // Windows are separated by a character no normalised secret contains.
    const windows: string[] = [];
    for (let i = 0; i < lines.length; i++) windows.push((lines[i] ?? '') + (surface.joinAdjacent ? (lines[i + 1] ?? '') : ''));
    const haystack = windows.join('\u0000');
    for (const [normal, secret] of wanted) {
      const at = haystack.indexOf(normal);
      if (at >= 0) {
        findings.push({ secret, surface: surface.name, excerpt: haystack.slice(Math.max(0, at - 30), at + normal.length + 30) });
      }
    }
  }
  return { findings, surfaces: surfaces.map((s) => s.name), checkedSecrets: wanted.size, skippedSecrets: skipped };
}
