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
  /** Secrets that the disclosed text itself still shows (see {@link LeakCheckOptions.disclosedText}). */
  visibleInDisclosedText: string[];
}

/** Options of {@link checkBundleForLeaks}. */
export interface LeakCheckOptions {
  /** Secrets with fewer letters and digits than this are skipped and listed (default 4). */
  minLength?: number;
  /**
   * The disclosed conversation's own text. A secret that already appears in it — the engine redacted a word in one
   * message and left the same word visible in another — is reported in `visibleInDisclosedText` rather than checked:
   * it is a redaction decision to review, not something the bundle added.
   */
  disclosedText?: readonly string[];
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
  return literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, code: string) => {
    if (/^[0-7]/.test(code)) return String.fromCharCode(Number.parseInt(code, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[code] ?? code;
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
  const streamPattern = /(?<!end)stream\r?\n/g;
  for (let match = streamPattern.exec(raw); match; match = streamPattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    outside += raw.slice(from, match.index);
    from = end;
    // The end-of-line before `endstream` is not part of the data.
    const data = bytes.subarray(start, raw[end - 2] === '\r' ? end - 2 : raw[end - 1] === '\n' ? end - 1 : end);
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
    if (!chunk.content)
      for (const m of chunk.text.matchAll(/<([0-9A-Fa-f\s]+)>/g)) strings.push(decodeHexString(m[1] ?? ''));
    // Names used as values (`/BaseFont /DejaVuSans-2708`); the keys are the format's own words (`/Lang`, `/Type`).
    for (const m of chunk.text.matchAll(/\/[A-Za-z0-9]+\s*\/([^\s/<>[\]()]+)/g)) {
      strings.push(
        (m[1] ?? '').replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      );
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
    surfaces.push({
      name: `pdf-annotations:${name} page ${index}`,
      lines: annotations.map((a: unknown) => JSON.stringify(a)),
    });
  }
  const metadata = await pdf.getMetadata();
  const xmp = metadata.metadata ? JSON.stringify([...metadata.metadata]) : '';
  surfaces.push({ name: `pdf-metadata:${name}`, lines: [JSON.stringify(metadata.info), xmp] });
  const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
  const attached: string[] = [];
  for (const [key, file] of Object.entries(attachments ?? {}))
    attached.push(key, file.filename, utf8.decode(file.content));
  surfaces.push({ name: `pdf-attachments:${name}`, lines: attached.flatMap(linesOf), joinAdjacent: true });
  await pdf.cleanup();
  return surfaces;
}

/**
 * What a reader of an HTML page can see: the text, with character references decoded, and every attribute value (titles,
 * labels, alt text, links). Tag and attribute names and the stylesheet are the page's own markup, not content.
 */
function htmlText(html: string): string[] {
  const decode = (text: string): string =>
    text
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
      .replace(
        /&(amp|lt|gt|quot|apos|nbsp);/g,
        (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' })[name] ?? '',
      );
  const withoutStyle = html.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, '\n');
  const attributes: string[] = [];
  for (const tag of withoutStyle.matchAll(/<[^>]+>/g)) {
    for (const attribute of tag[0].matchAll(/\s[^\s=]+\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      attributes.push(decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
  }
  return [...linesOf(decode(withoutStyle.replace(/<[^>]+>/g, ' '))), ...attributes];
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
    if (entryName.endsWith('.html'))
      surfaces.push({ name: `entry:${entryName}`, lines: htmlText(utf8.decode(bytes)), joinAdjacent: true });
    else if (isText)
      surfaces.push({ name: `entry:${entryName}`, lines: linesOf(utf8.decode(bytes)), joinAdjacent: true });
    else surfaces.push({ name: `entry-bytes:${entryName}`, lines: printableRuns(bytes) });
    if (latin1.decode(bytes.subarray(0, 5)) === '%PDF-') {
      surfaces.push(...(await pdfSurfaces(entryName, bytes)));
      surfaces.push(...(await rawPdfSurfaces(entryName, bytes)));
    }
  }
  return surfaces;
}

/** Lower-cases, applies NFKC and turns every run of non-letters/digits into one space: the word-bounded form. */
export function tokensForLeakCheck(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Secrets at least this long (letters and digits only) are also looked for inside words, separators removed. */
const SUBSTRING_LENGTH = 10;

interface Needle {
  secret: string;
  /** ` jane doe `: the value's words, with any separators between them. */
  words: string;
  /** ` janedoe `: the value with its separators removed, as one word. */
  joined: string;
  /** `janedoe…` looked for anywhere, only for long values (short ones would match inside ordinary words). */
  anywhere?: string;
}

/**
 * Checks a bundle for every secret; an empty `findings` list means none of them can be read anywhere in it. A value counts
 * as found when its words appear in order with any separators between them (`943 476 5919`, `943-476-5919`), or run
 * together as one word (`9434765919`), or — for values of 10 or more letters and digits — anywhere, even inside a word.
 */
export async function checkBundleForLeaks(
  zipBytes: Uint8Array,
  secrets: readonly string[],
  options: LeakCheckOptions = {},
): Promise<LeakReport> {
  const minLength = options.minLength ?? 4;
  const needles = new Map<string, Needle>();
  const skipped: string[] = [];
  for (const secret of secrets) {
    const joined = normaliseForLeakCheck(secret);
    if (joined.length < minLength) {
      skipped.push(secret);
      continue;
    }
    if (needles.has(joined)) continue;
    const needle: Needle = { secret, words: ` ${tokensForLeakCheck(secret)} `, joined: ` ${joined} ` };
    if (joined.length >= SUBSTRING_LENGTH) needle.anywhere = joined;
    needles.set(joined, needle);
  }
  const visible: string[] = [];
  if (options.disclosedText) {
    const disclosed = ` ${options.disclosedText.map(tokensForLeakCheck).join(' \u0000 ')} `;
    for (const [key, needle] of needles) {
      if (disclosed.includes(needle.words) || disclosed.includes(needle.joined)) {
        visible.push(needle.secret);
        needles.delete(key);
      }
    }
  }
  const surfaces = await bundleSurfaces(zipBytes);
  const findings: LeakFinding[] = [];
  for (const surface of surfaces) {
    const windows = (lines: string[]): string[] =>
      lines.map((line, i) => (surface.joinAdjacent ? `${line} ${lines[i + 1] ?? ''}` : line));
    // Windows are separated by a character no normalised secret contains.
    const tokens = ` ${windows(surface.lines.map(tokensForLeakCheck)).join(' \u0000 ')} `;
    const stripped = windows(surface.lines.map(normaliseForLeakCheck)).join('\u0000');
    for (const needle of needles.values()) {
      let haystack = tokens;
      let at = tokens.indexOf(needle.words);
      if (at < 0) at = tokens.indexOf(needle.joined);
      if (at < 0 && needle.anywhere) {
        haystack = stripped;
        at = stripped.indexOf(needle.anywhere);
      }
      if (at >= 0) {
        findings.push({
          secret: needle.secret,
          surface: surface.name,
          excerpt: haystack.slice(Math.max(0, at - 30), at + needle.words.length + 30),
        });
      }
    }
  }
  return {
    findings,
    surfaces: surfaces.map((s) => s.name),
    checkedSecrets: needles.size,
    skippedSecrets: skipped,
    visibleInDisclosedText: visible,
  };
}

/**
 * The secrets a chat's own labels hold, to seed a leak check with beside its redacted values: each chat title (a
 * one-to-one chat is titled with the other person's name) and each export's file name, whole, without its extension,
 * and without WhatsApp's "WhatsApp Chat with" (so `WhatsApp Chat with Derek Thompson.zip` seeds `Derek Thompson`).
 * Titles the disclosure keeps on purpose (a ward group's name) are for the caller to leave out.
 */
export function labelSecrets(labels: { titles?: readonly string[]; fileNames?: readonly string[] }): string[] {
  const out = new Set<string>();
  for (const title of labels.titles ?? []) if (title.trim()) out.add(title.trim());
  for (const fileName of labels.fileNames ?? []) {
    const base = fileName.slice(fileName.lastIndexOf('/') + 1);
    const bare = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    const named =
      /^(?:WhatsApp Chat (?:with|-)|WhatsApp-Chat mit|Chat de WhatsApp con|Discussion WhatsApp avec)\s+(.+)$/i.exec(
        bare,
      )?.[1];
    for (const value of [base, bare, named]) if (value?.trim()) out.add(value.trim());
  }
  return [...out];
}
