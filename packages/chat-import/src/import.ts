/**
 * The import pipeline: named, abortable stages (unpack → decode → detect → parse → resolve-times → reconcile) that turn
 * an archive's bytes into an {@link ImportedArchive}. Pure Web APIs only, so it runs in a Web Worker.
 */
import { checkUtf8, decodeText, detectEncoding } from './decode.ts';
import {
  ChatImportError,
  EmptyInputError,
  InvalidOptionError,
  LimitExceededError,
  UnsupportedFormatError,
} from './errors.ts';
import {
  type FormatImporter,
  type ImportInput,
  lendTimes,
  MessageSink,
  type ParseContext,
} from './formats/contract.ts';
import { csv } from './formats/csv.ts';
import { signal as signalImporter } from './formats/signal.ts';
import { slack } from './formats/slack.ts';
import { telegram } from './formats/telegram.ts';
import { whatsapp } from './formats/whatsapp/index.ts';
import {
  finalMix,
  hashText,
  ID_SEED1,
  ID_SEED2,
  IdHasher,
  laneHex,
  mixLane1,
  mixLane2,
  sha256Hex,
  textLanes,
} from './hash.ts';
import type { ChatFormat, Conversation, ImportedArchive, ImportWarning, Message, Participant } from './model.ts';
import { nextTurn } from './next-turn.ts';
import {
  type ImportLimits,
  type ImportOptions,
  type ImportStage,
  type ResolvedOptions,
  resolveOptions,
} from './options.ts';
import { HAS_ATTACHMENTS, type MessageTable } from './table.ts';
import { ZoneClock } from './time.ts';
import { type ArchiveEntry, isNestedZip, isZip, openNestedZips, type UnpackBudget, unpackZip } from './zip.ts';

/** Every importer, in the order detection reports them. */
export const IMPORTERS: readonly FormatImporter[] = [whatsapp, telegram, slack, signalImporter, csv];

/** The file handed to the importer: its name (used for detection and the source record) and its bytes. */
export interface ImportSource {
  fileName: string;
  bytes: Uint8Array;
}

/** What {@link detectFormat} found. */
export interface DetectionResult {
  format: ChatFormat;
  /** Whether the input was a zip archive. */
  container: 'zip' | 'file';
  /** Why it was chosen. */
  reason: string;
  /** Every format tried, with its reason. */
  tried: string[];
}

function checkSource(source: ImportSource, limits: ImportLimits): void {
  if (
    typeof source !== 'object' ||
    source === null ||
    typeof source.fileName !== 'string' ||
    !(source.bytes instanceof Uint8Array)
  ) {
    throw new InvalidOptionError('importChat expects { fileName: string, bytes: Uint8Array }.');
  }
  if (source.bytes.length === 0)
    throw new EmptyInputError(`${source.fileName} is empty (0 bytes); there is nothing to import.`);
  if (source.bytes.length > limits.maxInputBytes) {
    throw new LimitExceededError(
      `${source.fileName} is ${source.bytes.length} bytes, more than the ${limits.maxInputBytes} allowed (limit maxInputBytes).`,
      'maxInputBytes',
    );
  }
}

function makeInput(
  source: ImportSource,
  entries: ArchiveEntry[],
  fromZip: boolean,
  notes: ImportWarning[],
): ImportInput {
  const texts = new Map<ArchiveEntry, { text: string; replaced: boolean }>();
  const checked = new Set<ArchiveEntry>();
  const nameOf = (entry: ArchiveEntry): string => (fromZip ? `${source.fileName}:${entry.path}` : source.fileName);
  const decode = (entry: ArchiveEntry): { text: string; replaced: boolean } => {
    let done = texts.get(entry);
    if (!done) {
      const decoded = decodeText(entry.bytes, nameOf(entry));
      for (const note of decoded.notes)
        notes.push({ line: 0, file: fromZip ? entry.path : source.fileName, message: note });
      done = { text: decoded.text, replaced: decoded.replaced };
      texts.set(entry, done);
      checked.add(entry);
    }
    return done;
  };
  const check = (entry: ArchiveEntry): ReturnType<typeof detectEncoding> => {
    const found = detectEncoding(entry.bytes, nameOf(entry));
    if (found.encoding === 'utf-8' && !checked.has(entry)) {
      checkUtf8(found.offset ? entry.bytes.subarray(found.offset) : entry.bytes, nameOf(entry));
      checked.add(entry);
    } else if (found.encoding !== 'utf-8') {
      decode(entry);
    }
    return found;
  };
  return {
    fileName: source.fileName,
    entries,
    fromZip,
    text: (entry) => decode(entry).text,
    replaced: (entry) => decode(entry).replaced,
    peek(entry, chars = 4096) {
      const done = texts.get(entry);
      if (done) return done.text.slice(0, chars);
      try {
        const bytes = entry.bytes.subarray(0, chars * 2);
        if (bytes.length === 0) return '';
        return decodeText(bytes, entry.path).text.slice(0, chars);
      } catch {
        return '';
      }
    },
    check(entry) {
      check(entry);
    },
    utf8(entry) {
      const found = check(entry);
      if (found.encoding === 'utf-8') {
        return {
          bytes: found.offset ? entry.bytes.subarray(found.offset) : entry.bytes,
          encoding: 'utf-8',
          replaced: false,
        };
      }
      const done = decode(entry);
      return { bytes: new TextEncoder().encode(done.text), encoding: found.encoding, replaced: done.replaced };
    },
  };
}

function unpack(
  source: ImportSource,
  options: ResolvedOptions,
  notes: ImportWarning[],
): { entries: ArchiveEntry[]; fromZip: boolean; budget: UnpackBudget } {
  const budget = { total: 0 };
  if (!isZip(source.bytes))
    return { entries: [{ path: source.fileName, bytes: source.bytes }], fromZip: false, budget };
  const entries = unpackZip(source.bytes, source.fileName, options.limits, notes, budget);
  if (entries.length === 0)
    throw new EmptyInputError(
      `${source.fileName} is a zip archive with no files in it (after skipping __MACOSX/ and folders).`,
    );
  return { entries, fromZip: true, budget };
}

/** The best-scoring importer for an input (of the given format only, unless `auto`), with every reason heard. */
function detectBest(
  input: ImportInput,
  format: ResolvedOptions['format'],
): { best: { importer: FormatImporter; score: number; reason: string } | undefined; tried: string[] } {
  const tried: string[] = [];
  let best: { importer: FormatImporter; score: number; reason: string } | undefined;
  for (const importer of IMPORTERS) {
    if (format !== 'auto' && importer.format !== format) continue;
    const detection = importer.detect(input);
    tried.push(`${importer.format}: ${detection.reason}`);
    if (detection.score > 0 && (!best || detection.score > best.score))
      best = { importer, score: detection.score, reason: detection.reason };
  }
  return { best, tried };
}

/**
 * The input to read and its importer. A zip inside the archive is one of its files — a chat's attached zip is an
 * attachment like any other — unless no chat is found beside it: then the export was zipped again, and the nested
 * zips are opened (one level at a time, up to `maxZipDepth`) and their files looked at instead.
 */
function openAndChoose(
  source: ImportSource,
  unpacked: ImportInput,
  budget: UnpackBudget,
  options: ResolvedOptions,
  format: ResolvedOptions['format'],
  notes: ImportWarning[],
): { input: ImportInput; importer: FormatImporter; reason: string; tried: string[] } {
  let input = unpacked;
  let detected = detectBest(input, format);
  for (let depth = 2; !detected.best && input.entries.some(isNestedZip); depth++) {
    const entries = openNestedZips(input.entries, source.fileName, options.limits, notes, budget, depth);
    input = makeInput(source, entries, input.fromZip, notes);
    detected = detectBest(input, format);
  }
  return { input, ...choose(input, format, detected) };
}

function choose(
  input: ImportInput,
  format: ResolvedOptions['format'],
  { best, tried }: ReturnType<typeof detectBest>,
): { importer: FormatImporter; reason: string; tried: string[] } {
  if (format !== 'auto') {
    const importer = IMPORTERS.find((i) => i.format === format) as FormatImporter;
    return { importer, reason: best ? best.reason : 'format given by the caller', tried };
  }
  if (!best) {
    const what = input.fromZip ? `zip archive ${input.fileName} (${input.entries.length} files)` : input.fileName;
    let hint = '';
    const sample = input.entries[0] ? input.peek(input.entries[0], 2000) : '';
    if (/"sender_name"\s*:/.test(sample) && /"timestamp_ms"\s*:/.test(sample))
      hint = ' It looks like an Instagram/Facebook Messenger export, which is not supported.';
    throw new UnsupportedFormatError(
      `${what} is not a supported chat export.${hint} Tried: ${tried.join('; ')}. Supported: WhatsApp .txt/.zip (iOS, Android), Telegram Desktop result.json, Slack workspace export .zip, Signal (signal-export chat.md or data.json), CSV with columns timestamp,author,text.`,
      tried,
    );
  }
  return { importer: best.importer, reason: best.reason, tried };
}

/** Says which format an archive is without parsing it (unpacks zips, with the same safety limits as an import). */
export function detectFormat(source: ImportSource, options: Pick<ImportOptions, 'limits'> = {}): DetectionResult {
  const resolved = resolveOptions({ limits: options.limits ?? {} });
  checkSource(source, resolved.limits);
  const notes: ImportWarning[] = [];
  const { entries, fromZip, budget } = unpack(source, resolved, notes);
  const input = makeInput(source, entries, fromZip, notes);
  if (!fromZip) input.check(entries[0] as ArchiveEntry);
  const { importer, reason, tried } = openAndChoose(source, input, budget, resolved, 'auto', notes);
  return { format: importer.format, container: fromZip ? 'zip' : 'file', reason, tried };
}

/**
 * Imports a chat export (any supported format, plain or zipped) into a conversation, placing every input line in a
 * message or a warning and reporting the reconciliation; throws a {@link ChatImportError} subclass on bad input.
 */
export async function importChat(source: ImportSource, options: ImportOptions = {}): Promise<ImportedArchive> {
  const opts = resolveOptions(options);
  checkSource(source, opts.limits);
  const abortable = opts.signal;
  const checkAbort = (): void => abortable?.throwIfAborted();
  const stage = async (name: ImportStage, fraction: number): Promise<void> => {
    opts.onProgress(name, fraction);
    await nextTurn();
    checkAbort();
  };
  const notes: ImportWarning[] = [];
  checkAbort();
  // Web Crypto hashes a copy of the bytes on another thread; it is awaited before parsing (see below).
  const shaPending = sha256Hex(source.bytes);

  await stage('unpack', 0);
  const { entries, fromZip, budget } = unpack(source, opts, notes);

  await stage('decode', 0);
  const unpacked = makeInput(source, entries, fromZip, notes);
  if (!fromZip) unpacked.check(entries[0] as ArchiveEntry);

  await stage('detect', 0);
  const { input, importer } = openAndChoose(source, unpacked, budget, opts, opts.format, notes);

  await stage('parse', 0);
  const sink = new MessageSink();
  // The copy Web Crypto made is freed only once its result has been taken: importers pause after their first pass,
  // so a large export's copy is gone before the messages are built and never adds to the peak.
  const pause = async (): Promise<void> => {
    await shaPending;
    await nextTurn();
    checkAbort();
  };
  const context: ParseContext = { input, options: opts, sink, notes, checkAbort, pause };
  const result = await importer.parse(context);
  const sha = await shaPending;

  await stage('resolve-times', 0);
  lendTimes(sink);
  resolveTimes(sink.table, opts.timeZone, notes);

  await stage('reconcile', 0);
  const table = sink.table;
  assignIds(table);
  let linesPlaced = 0;
  for (let i = 0; i < table.length; i++) linesPlaced += (table.lineEnd[i] as number) - (table.line[i] as number) + 1;
  if (table.extras.size > 0) mapReplies(table);
  const participants = countTableParticipants(table, result.nativeIds);
  for (const w of sink.warnings) linesPlaced += (w.lineEnd ?? w.line) - w.line + 1;
  linesPlaced += sink.layoutLines;
  const warnings = [...sink.warnings, ...sink.keptWarnings, ...notes];
  // An export with no messages at all (a CSV of headers alone, a Slack or Telegram export of an empty chat) must not
  // pass as an ordinary one: an officer could answer "nothing held" from a wrong or failed export.
  if (table.length === 0) warnings.push({ line: 0, message: NO_MESSAGES });
  if (linesPlaced !== sink.linesRead) {
    warnings.push({
      line: 0,
      message: `Not every line of this export could be accounted for (${sink.linesRead} read, ${linesPlaced} placed), so the import may be incomplete. Keep the original export and report the file to IT.`,
    });
  }
  warnings.sort((a, b) =>
    (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : a.line - b.line,
  );
  const conversation: Conversation = {
    title: result.title,
    source: { fileName: source.fileName, sha256: sha, format: importer.format, variant: result.variant },
    timeZone: opts.timeZone,
    participants,
    messages: table,
    warnings,
    reconciliation: { linesRead: sink.linesRead, linesPlaced },
  };
  opts.onProgress('reconcile', 1);
  return { conversation, media: result.media };
}

/** The warning on an export that holds no message: check it is the right file before answering from it. */
const NO_MESSAGES =
  'The chat has no messages. Check this is the right export and that it finished: a request is not answered "no information held" from an empty export.';

const DAY_MS = 86_400_000;

function resolveTimes(table: MessageTable, zone: string, notes: ImportWarning[]): void {
  const resolver = new TimeResolver(table, zone, notes);
  for (let from = 0; from < table.length; from += CHUNK_ROWS) {
    resolver.run(from, Math.min(table.length, from + CHUNK_ROWS));
  }
}

/**
 * Rows per call of the passes over every message. A loop run once over a million rows spends its first stretch in
 * the engine's unoptimised tiers and drops back there whenever a rare branch (a clock change, a step back in time)
 * is first taken; a method called per chunk is optimised after a few calls. Their rare paths take a row index, not
 * an instant: an instant passed to a call, or merged with one read from an object, is boxed, and was, for every row.
 */
const CHUNK_ROWS = 16_384;

/** Turns the table's local times into UTC instants and offsets in a zone, noting gaps, repeats and backward steps. */
class TimeResolver {
  readonly #table: MessageTable;
  readonly #zone: string;
  readonly #notes: ImportWarning[];
  readonly #clock: ZoneClock;
  readonly #channels: boolean;
  readonly #previous = new Map<string, number>();
  #prevKey = '';
  #prev = Number.NEGATIVE_INFINITY;
  // The last local time read without trouble, and what it resolved to: a minute-precision chat repeats it often.
  #lastLocal = Number.NaN;
  #lastUtc = 0;
  #lastOffset = 0;
  // The local day last asked about, and its offset when that is the same all day (NaN when the clocks change).
  #stableDay = Number.NaN;
  #stableOffset = Number.NaN;

  constructor(table: MessageTable, zone: string, notes: ImportWarning[]) {
    this.#table = table;
    this.#zone = zone;
    this.#notes = notes;
    this.#clock = new ZoneClock(zone);
    table.useClock(this.#clock);
    this.#channels = table.extras.size > 0;
  }

  /** Resolves rows [from, to). */
  run(from: number, to: number): void {
    const table = this.#table;
    const clock = this.#clock;
    const { when, isUtc, offsetMs } = table;
    let prev = this.#prev;
    let lastLocal = this.#lastLocal;
    let lastUtc = this.#lastUtc;
    let lastOffset = this.#lastOffset;
    let stableDay = this.#stableDay;
    let stableOffset = this.#stableOffset;
    for (let i = from; i < to; i++) {
      if (this.#channels) {
        const key = table.extrasAt(i)?.channel ?? '';
        if (key !== this.#prevKey) {
          this.#previous.set(this.#prevKey, prev);
          prev = this.#previous.get(key) ?? Number.NEGATIVE_INFINITY;
          this.#prevKey = key;
        }
      }
      const value = when[i] as number;
      let utc: number;
      if (isUtc[i]) {
        utc = value;
        offsetMs[i] = clock.offsetAt(utc);
      } else if (value === lastLocal) {
        utc = lastUtc;
        offsetMs[i] = lastOffset;
      } else {
        // Most days have no clock change: their offset is known without building a resolution, and asked once a day.
        const day = Math.floor(value / DAY_MS);
        if (day !== stableDay) {
          stableDay = day;
          stableOffset = clock.stableOffset(value);
        }
        if (!Number.isNaN(stableOffset)) {
          utc = value - stableOffset;
          offsetMs[i] = stableOffset;
          lastLocal = value;
          lastUtc = utc;
          lastOffset = stableOffset;
        } else {
          // A day with a clock change (a few a year): resolved apart, its result read back from a typed array so that
          // the instants in this loop stay plain floating-point numbers, not boxed ones.
          const ok = this.#resolveChanging(i, value, prev);
          utc = when[i] as number;
          if (ok) {
            lastLocal = value;
            lastUtc = utc;
            lastOffset = offsetMs[i] as number;
          } else {
            lastLocal = Number.NaN;
          }
        }
      }
      when[i] = utc;
      if (utc < prev) this.#noteBackwards(i);
      prev = utc;
    }
    this.#prev = prev;
    this.#lastLocal = lastLocal;
    this.#lastUtc = lastUtc;
    this.#lastOffset = lastOffset;
    this.#stableDay = stableDay;
    this.#stableOffset = stableOffset;
  }

  /**
   * Resolves row i's local time `value` on a day when the clocks change: writes its instant to `when[i]` and its
   * offset to `offsetMs[i]`; returns false (after noting it) when the time is skipped or repeated.
   */
  #resolveChanging(i: number, value: number, prev: number): boolean {
    const table = this.#table;
    const r = this.#clock.resolve(value, prev);
    table.when[i] = r.utcMs;
    table.offsetMs[i] = r.offsetMs;
    if (r.status === 'ok') return true;
    this.#noteUnusual(i, r.status);
    return false;
  }

  #where(i: number): { line: number; file: string | undefined } {
    const table = this.#table;
    return { line: table.line[i] as number, file: table.files[table.file[i] as number] };
  }

  #noteUnusual(i: number, status: 'gap' | 'ambiguous'): void {
    const { line, file } = this.#where(i);
    const timestamp = this.#table.timestampAt(i);
    const zone = this.#zone;
    this.#notes.push({
      line,
      file,
      message:
        status === 'gap'
          ? `The time on line ${line} does not exist: the clocks went forward that night (${zone}). It is shown an hour later, at ${timestamp.slice(11, 16)}.`
          : `The time on line ${line} happened twice: the clocks went back that night (${zone}). The one that keeps the messages in order was used (${timestamp.slice(11, 16)}, ${timestamp.slice(19)}).`,
    });
  }

  #noteBackwards(i: number): void {
    const { line, file } = this.#where(i);
    this.#notes.push({
      line,
      file,
      message: `Some times go backwards — check line ${line}: it is dated ${readableTime(this.#table.timestampAt(i))}, earlier than the message before it. The phone's clock may have been changed; the messages stay in the export's order.`,
    });
  }
}

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** `2024-02-03T08:10:00+00:00` as a person writes it: `3 February 2024 at 08:10` (the export's local time). */
function readableTime(timestamp: string): string {
  const month = MONTHS[Number(timestamp.slice(5, 7)) - 1] ?? timestamp.slice(5, 7);
  return `${Number(timestamp.slice(8, 10))} ${month} ${timestamp.slice(0, 4)} at ${timestamp.slice(11, 16)}`;
}

const hasher = new IdHasher();

/**
 * Hashes what makes a message the same message in two exports — instant, author, kind, text, attachment names and
 * channel — into `table.hash` at row `i` (where the text's hash was): the steps of {@link IdHasher}, with the lanes kept in locals. The text's
 * hash comes from the table when the parser made it while reading the text; authors' text hashes are cached by
 * author index in `authorLanes` (`authorDone` marks them).
 */
function contentHash(table: MessageTable, i: number, authorLanes: Int32Array, authorDone: Uint8Array): void {
  const when = table.when[i] as number;
  // The instant's low and high 32 bits (as IdHasher.addNumber takes them, without a floating-point remainder).
  const high = Math.floor(when / 4294967296);
  let h1 = mixLane1(ID_SEED1, (when - high * 4294967296) | 0);
  let h2 = mixLane2(ID_SEED2, high | 0);
  // Kind codes 1-4 (message, system, deleted, poll), as ids have always been made.
  h1 = mixLane1(h1, (table.kind[i] as number) + 1);
  h2 = mixLane2(h2, 0);
  const a = table.author[i] as number;
  if (a >= 0) {
    if (authorDone[a] !== 1) {
      const author = table.authors[a] as string;
      hashText(author, 0, author.length);
      authorLanes[2 * a] = textLanes[0] as number;
      authorLanes[2 * a + 1] = textLanes[1] as number;
      authorDone[a] = 1;
    }
    h1 = mixLane1(h1, authorLanes[2 * a] as number);
    h2 = mixLane2(h2, authorLanes[2 * a + 1] as number);
  }
  if (table.hashed[i] !== 1) {
    const text = table.textAt(i);
    hashText(text, 0, text.length);
    table.hash[2 * i] = textLanes[0] as number;
    table.hash[2 * i + 1] = textLanes[1] as number;
  }
  h1 = mixLane1(h1, table.hash[2 * i] as number);
  h2 = mixLane2(h2, table.hash[2 * i + 1] as number);
  const marks = table.marks[i] as number;
  if (marks !== 0) {
    hasher.h1 = h1;
    hasher.h2 = h2;
    if (marks & HAS_ATTACHMENTS) for (const attachment of table.attachmentsAt(i)) hasher.add(attachment.fileName);
    const channel = table.extrasAt(i)?.channel;
    if (channel) hasher.add(channel);
    h1 = hasher.h1;
    h2 = hasher.h2;
  }
  table.hash[2 * i] = finalMix(h1);
  table.hash[2 * i + 1] = finalMix(h2);
}

/**
 * Gives each message an id unique in its conversation: the content hash, and for the second and later of several
 * messages with identical content (the same instant, author, kind, text, files and channel) the content hash with
 * its occurrence number in file order, `-2`, `-3`, … . Identical content means an identical instant, so repeats are
 * looked for only among messages at the same instant: while times run forwards these are neighbours (a short run
 * per instant); instants that a backwards step in time visits again (after a clock change, say) get a list of their
 * own. Linear in the number of messages either way.
 */
function assignIds(table: MessageTable): void {
  const assigner = new IdAssigner(table);
  for (let from = 0; from < table.length; from += CHUNK_ROWS) {
    assigner.run(from, Math.min(table.length, from + CHUNK_ROWS));
  }
}

/** The state of {@link assignIds} between chunks of rows (see {@link CHUNK_ROWS}). */
class IdAssigner {
  readonly #table: MessageTable;
  /** Instants reached by a step backwards: their messages may be far apart in the file. */
  readonly #revisited = new Set<number>();
  /**
   * The revisited instants' clusters (an autumn clock change revisits one hour) as [from, to] spans: they tell most
   * rows apart from them with a few comparisons, where a set lookup keyed by a floating-point instant would cost
   * every row.
   */
  readonly #spans: Float64Array;
  readonly #authorLanes: Int32Array;
  readonly #authorDone: Uint8Array;
  /** Rows at each revisited instant so far. */
  readonly #far = new Map<number, number[]>();
  /** The current run of rows at one instant: where it starts, the instant, and counts by hash once it is long. */
  #runStart = 0;
  #runInstant = new Float64Array([Number.NaN]);
  #runCounts: Map<string, number> | null = null;

  constructor(table: MessageTable) {
    this.#table = table;
    const { when } = table;
    let latest = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < table.length; i++) {
      const t = when[i] as number;
      if (t < latest) this.#revisited.add(t);
      else latest = t;
    }
    this.#spans = clusterSpans(this.#revisited);
    this.#authorLanes = new Int32Array(table.authors.length * 2);
    this.#authorDone = new Uint8Array(table.authors.length);
  }

  /** Hashes rows [from, to) and numbers the repeats among them. */
  run(from: number, to: number): void {
    const table = this.#table;
    const { when, hash: idHash } = table;
    const spans = this.#spans;
    const spanCount = spans.length >> 1;
    for (let i = from; i < to; i++) {
      const t = when[i] as number;
      contentHash(table, i, this.#authorLanes, this.#authorDone);
      const a = idHash[2 * i] as number;
      const b = idHash[2 * i + 1] as number;
      let count = 1;
      // Is t in a cluster's span (by bisection), and then one of the revisited instants?
      let inSpan = false;
      if (spanCount > 0) {
        let lo = 0;
        let hi = spanCount;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((spans[2 * mid + 1] as number) < t) lo = mid + 1;
          else hi = mid;
        }
        inSpan = lo < spanCount && (spans[2 * lo] as number) <= t;
      }
      if (inSpan && this.#isRevisited(i)) {
        count = this.#countFar(i, a, b);
      } else {
        if (t !== this.#runInstant[0]) {
          this.#runInstant[0] = t;
          this.#runStart = i;
          this.#runCounts = null;
        }
        const runStart = this.#runStart;
        // Rows runStart..i-1 at this instant come before this one (rows between them at other instants are ones a
        // backwards step revisits). Many at one instant: count with a map instead of comparing with each.
        if (this.#runCounts === null && i - runStart > 32) this.#startCounts(i);
        if (this.#runCounts !== null) {
          count = this.#countInRun(a, b);
        } else {
          for (let r = runStart; r < i; r++) {
            if (idHash[2 * r] === a && idHash[2 * r + 1] === b && when[r] === t) count++;
          }
        }
      }
      if (count > 1) table.repeats.set(i, count);
    }
  }

  // The rare paths take the row, not its instant: a call with the instant would box it.
  #isRevisited(i: number): boolean {
    return this.#revisited.has(this.#table.when[i] as number);
  }

  #countFar(i: number, a: number, b: number): number {
    const { when, hash: idHash } = this.#table;
    const t = when[i] as number;
    let rows = this.#far.get(t);
    if (rows === undefined) {
      rows = [];
      this.#far.set(t, rows);
    }
    let count = 1;
    for (const r of rows) if (idHash[2 * r] === a && idHash[2 * r + 1] === b) count++;
    rows.push(i);
    return count;
  }

  #startCounts(i: number): void {
    const { when, hash: idHash } = this.#table;
    const t = when[i] as number;
    const counts = new Map<string, number>();
    for (let r = this.#runStart; r < i; r++) {
      if (when[r] !== t) continue;
      const key = laneHex(idHash[2 * r] as number, idHash[2 * r + 1] as number);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    this.#runCounts = counts;
  }

  #countInRun(a: number, b: number): number {
    const counts = this.#runCounts as Map<string, number>;
    const key = laneHex(a, b);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count;
  }
}

/** Sorted instants grouped where neighbours are under a day apart, as [from, to] pairs in one array. */
function clusterSpans(instants: Set<number>): Float64Array {
  const sorted = Float64Array.from(instants).sort();
  const spans: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const t = sorted[k] as number;
    if (spans.length > 0 && t - (spans[spans.length - 1] as number) < 86_400_000) spans[spans.length - 1] = t;
    else spans.push(t, t);
  }
  return Float64Array.from(spans);
}

function mapReplies(table: MessageTable): void {
  const byNative = new Map<string, string>();
  for (const [i, extras] of table.extras) {
    if (extras.nativeId !== undefined) byNative.set(`${extras.channel ?? ''}\u0000${extras.nativeId}`, table.idAt(i));
  }
  if (byNative.size === 0) return;
  for (const extras of table.extras.values()) {
    if (extras.replyTo !== undefined)
      extras.replyTo = byNative.get(`${extras.channel ?? ''}\u0000${extras.replyTo}`) ?? extras.replyTo;
  }
}

const PHONE = /^\+?[\d\s\u2011\-().]{7,}$/;

/** A participant record for a name, with its native id and its phone number where the name is one. */
function participant(name: string, messageCount: number, nativeIds?: Map<string, string>): Participant {
  const p: Participant = { name, messageCount };
  const nativeId = nativeIds?.get(name);
  if (nativeId) p.nativeId = nativeId;
  if (PHONE.test(name)) p.phone = (name.trim().startsWith('+') ? '+' : '') + name.replace(/\D/g, '');
  return p;
}

/** Participants in order of first appearance, with message counts and phone numbers where the name is one. */
export function countParticipants(messages: Iterable<Message>, nativeIds?: Map<string, string>): Participant[] {
  const byName = new Map<string, Participant>();
  let lastName = '';
  let last: Participant | undefined;
  for (const m of messages) {
    if (m.author === null) continue;
    if (m.author === lastName && last) {
      last.messageCount++;
      continue;
    }
    let p = byName.get(m.author);
    if (!p) {
      p = participant(m.author, 0, nativeIds);
      byName.set(m.author, p);
    }
    p.messageCount++;
    lastName = m.author;
    last = p;
  }
  return [...byName.values()];
}

/** {@link countParticipants} over the table's author column. */
function countTableParticipants(table: MessageTable, nativeIds?: Map<string, string>): Participant[] {
  const { order, counts } = table.authorsByAppearance();
  return order.map((a) => participant(table.authors[a] as string, counts[a] as number, nativeIds));
}
