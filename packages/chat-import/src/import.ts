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
import { type FormatImporter, type ImportInput, MessageSink, type ParseContext } from './formats/contract.ts';
import { csv } from './formats/csv.ts';
import { signal as signalImporter } from './formats/signal.ts';
import { slack } from './formats/slack.ts';
import { telegram } from './formats/telegram.ts';
import { whatsapp } from './formats/whatsapp.ts';
import { hashText, IdHasher, sha256Hex, textLanes } from './hash.ts';
import type {
  Attachment,
  ChatFormat,
  Conversation,
  ImportedArchive,
  ImportWarning,
  Message,
  Participant,
} from './model.ts';
import {
  type ImportLimits,
  type ImportOptions,
  type ImportStage,
  type ResolvedOptions,
  resolveOptions,
} from './options.ts';
import { ZoneClock } from './time.ts';
import { type ArchiveEntry, isZip, unpackZip } from './zip.ts';

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
): { entries: ArchiveEntry[]; fromZip: boolean } {
  if (!isZip(source.bytes)) return { entries: [{ path: source.fileName, bytes: source.bytes }], fromZip: false };
  const entries = unpackZip(source.bytes, source.fileName, options.limits, notes);
  if (entries.length === 0)
    throw new EmptyInputError(
      `${source.fileName} is a zip archive with no files in it (after skipping __MACOSX/ and folders).`,
    );
  return { entries, fromZip: true };
}

function choose(
  input: ImportInput,
  format: ResolvedOptions['format'],
): { importer: FormatImporter; reason: string; tried: string[] } {
  const tried: string[] = [];
  let best: { importer: FormatImporter; score: number; reason: string } | undefined;
  for (const importer of IMPORTERS) {
    if (format !== 'auto' && importer.format !== format) continue;
    const detection = importer.detect(input);
    tried.push(`${importer.format}: ${detection.reason}`);
    if (detection.score > 0 && (!best || detection.score > best.score))
      best = { importer, score: detection.score, reason: detection.reason };
  }
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
  const { entries, fromZip } = unpack(source, resolved, notes);
  const input = makeInput(source, entries, fromZip, notes);
  if (!fromZip) input.check(entries[0] as ArchiveEntry);
  const { importer, reason, tried } = choose(input, 'auto');
  return { format: importer.format, container: fromZip ? 'zip' : 'file', reason, tried };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
  const sha = sha256Hex(source.bytes);

  await stage('unpack', 0);
  const { entries, fromZip } = unpack(source, opts, notes);

  await stage('decode', 0);
  const input = makeInput(source, entries, fromZip, notes);
  if (!fromZip) input.check(entries[0] as ArchiveEntry);

  await stage('detect', 0);
  const { importer } = choose(input, opts.format);

  await stage('parse', 0);
  const sink = new MessageSink();
  const context: ParseContext = { input, options: opts, sink, notes, checkAbort };
  const result = importer.parse(context);

  await stage('resolve-times', 0);
  resolveTimes(sink, opts.timeZone, notes);

  await stage('reconcile', 0);
  const messages = sink.messages;
  assignIds(sink);
  let linesPlaced = 0;
  let replies = false;
  for (const m of messages) {
    linesPlaced += m.source.lineEnd - m.source.line + 1;
    if (m.replyTo !== undefined) replies = true;
  }
  if (replies) mapReplies(messages);
  const participants = countParticipants(messages, result.nativeIds);
  for (const w of sink.warnings) linesPlaced += (w.lineEnd ?? w.line) - w.line + 1;
  const warnings = [...sink.warnings, ...notes];
  if (linesPlaced !== sink.linesRead) {
    warnings.push({
      line: 0,
      message: `Reconciliation failed: ${sink.linesRead} lines read but ${linesPlaced} placed. Please report this file.`,
    });
  }
  warnings.sort((a, b) =>
    (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : a.line - b.line,
  );
  const conversation: Conversation = {
    title: result.title,
    source: { fileName: source.fileName, sha256: await sha, format: importer.format, variant: result.variant },
    timeZone: opts.timeZone,
    participants,
    messages,
    warnings,
    reconciliation: { linesRead: sink.linesRead, linesPlaced },
  };
  opts.onProgress('reconcile', 1);
  return { conversation, media: result.media };
}

function resolveTimes(sink: MessageSink, zone: string, notes: ImportWarning[]): void {
  const clock = new ZoneClock(zone);
  const { messages, when, isUtc } = sink;
  const previous = new Map<string, number>();
  let prevKey = '';
  let prev = Number.NEGATIVE_INFINITY;
  // The last local time read without trouble, and what it resolved to: a minute-precision chat repeats it often.
  let lastLocal = Number.NaN;
  let lastUtc = 0;
  let lastIso = '';
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    const key = message.channel ?? '';
    if (key !== prevKey) {
      previous.set(prevKey, prev);
      prev = previous.get(key) ?? Number.NEGATIVE_INFINITY;
      prevKey = key;
    }
    const value = when[i] as number;
    let utc: number;
    if (isUtc[i]) {
      utc = value;
      message.timestamp = clock.iso(utc, clock.offsetAt(utc));
    } else if (value === lastLocal) {
      utc = lastUtc;
      message.timestamp = lastIso;
    } else {
      const r = clock.resolve(value, prev);
      utc = r.utcMs;
      message.timestamp = clock.iso(utc, r.offsetMs);
      if (r.status === 'ok') {
        lastLocal = value;
        lastUtc = utc;
        lastIso = message.timestamp;
      } else {
        lastLocal = Number.NaN;
        notes.push({
          line: message.source.line,
          file: message.source.file,
          message:
            r.status === 'gap'
              ? `The local time on line ${message.source.line} does not exist in ${zone} (the clocks went forward); read as ${message.timestamp}.`
              : `The local time on line ${message.source.line} occurs twice in ${zone} (the clocks went back); read as ${message.timestamp} to keep the file's order.`,
        });
      }
    }
    if (utc < prev) {
      notes.push({
        line: message.source.line,
        file: message.source.file,
        message: `Time goes backwards on line ${message.source.line}: ${message.timestamp} is earlier than the message before it.`,
      });
    }
    when[i] = utc;
    prev = utc;
  }
}

const hasher = new IdHasher();

function kindCode(kind: Message['kind']): number {
  return kind === 'message' ? 1 : kind === 'system' ? 2 : kind === 'deleted' ? 3 : 4;
}

/**
 * Hashes what makes a message the same message in two exports: instant, author, kind, text, attachment names and
 * channel. The text's hash comes from the sink when the parser made it while copying the text.
 */
function contentHash(
  message: Message,
  utc: number,
  sink: MessageSink,
  i: number,
  authorLanes: Map<string, readonly [number, number]>,
): string {
  hasher.reset();
  hasher.addNumber(utc);
  hasher.addNumber(kindCode(message.kind));
  const author = message.author;
  if (author !== null) {
    // Authors repeat: their text hash is cached (importers share one string per name, so the map hits by identity).
    let lanes = authorLanes.get(author);
    if (lanes === undefined) {
      hashText(author, 0, author.length);
      lanes = [textLanes[0] as number, textLanes[1] as number];
      if (authorLanes.size < 10_000) authorLanes.set(author, lanes);
    }
    hasher.addLanes(lanes[0], lanes[1]);
  }
  if (sink.hashed[i] === 1) hasher.addLanes(sink.textHash[2 * i] as number, sink.textHash[2 * i + 1] as number);
  else hasher.add(message.text);
  const attachments = message.attachments;
  for (let k = 0; k < attachments.length; k++) hasher.add((attachments[k] as Attachment).fileName);
  if (message.channel) hasher.add(message.channel);
  return hasher.hex();
}

/**
 * Gives each message an id unique in its conversation: the content hash, and for the second and later of several
 * messages with identical content (the same instant, author, kind, text, files and channel) the content hash with
 * its occurrence number in file order, `-2`, `-3`, … . Identical content means an identical instant, so repeats are
 * looked for only among messages at the same instant: while times run forwards these are neighbours (a short list
 * per instant); instants that a backwards step in time visits again (after a clock change, say) get a map of their
 * own. Linear in the number of messages either way.
 */
function assignIds(sink: MessageSink): void {
  const { messages, when } = sink;
  const n = messages.length;
  // Instants reached by a step backwards: their messages may be far apart in the file.
  const revisited = new Set<number>();
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = when[i] as number;
    if (t < latest) revisited.add(t);
    else latest = t;
  }
  const authorLanes = new Map<string, readonly [number, number]>();
  const far = new Map<number, string[]>();
  let run: string[] = [];
  let runInstant = Number.NaN;
  for (let i = 0; i < n; i++) {
    const message = messages[i] as Message;
    const t = when[i] as number;
    const hash = contentHash(message, t, sink, i, authorLanes);
    let seen: string[];
    if (revisited.size > 0 && revisited.has(t)) {
      seen = far.get(t) ?? [];
      if (seen.length === 0) far.set(t, seen);
    } else {
      if (t !== runInstant) {
        runInstant = t;
        run = [];
      }
      seen = run;
    }
    let count = 1;
    if (seen.length > 0) {
      // A long list means many messages at one instant: count with a map kept beside it instead.
      if (seen.length > 32) count = countIn(seen, hash);
      else for (const h of seen) if (h === hash) count++;
    }
    seen.push(hash);
    message.id = count === 1 ? hash : `${hash}-${count}`;
  }
}

const counts = new WeakMap<string[], Map<string, number>>();

/** Occurrence number of `hash` about to be added to a long list of hashes (the count so far plus one). */
function countIn(seen: string[], hash: string): number {
  let map = counts.get(seen);
  if (!map) {
    map = new Map();
    for (const h of seen) map.set(h, (map.get(h) ?? 0) + 1);
    counts.set(seen, map);
  }
  const count = (map.get(hash) ?? 0) + 1;
  map.set(hash, count);
  return count;
}

function mapReplies(messages: Message[]): void {
  const byNative = new Map<string, string>();
  for (const m of messages) if (m.nativeId !== undefined) byNative.set(`${m.channel ?? ''}\u0000${m.nativeId}`, m.id);
  if (byNative.size === 0) return;
  for (const m of messages) {
    if (m.replyTo !== undefined) m.replyTo = byNative.get(`${m.channel ?? ''}\u0000${m.replyTo}`) ?? m.replyTo;
  }
}

const PHONE = /^\+?[\d\s\u2011\-().]{7,}$/;

/** Participants in order of first appearance, with message counts and phone numbers where the name is one. */
export function countParticipants(messages: readonly Message[], nativeIds?: Map<string, string>): Participant[] {
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
      p = { name: m.author, messageCount: 0 };
      const nativeId = nativeIds?.get(m.author);
      if (nativeId) p.nativeId = nativeId;
      if (PHONE.test(m.author)) p.phone = (m.author.trim().startsWith('+') ? '+' : '') + m.author.replace(/\D/g, '');
      byName.set(m.author, p);
    }
    p.messageCount++;
    lastName = m.author;
    last = p;
  }
  return [...byName.values()];
}
