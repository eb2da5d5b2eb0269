import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { InvalidArchiveError, LimitExceededError } from './errors.ts';
import type { ImportWarning } from './model.ts';
import type { ImportLimits } from './options.ts';

/**
 * One file read from an archive; `path` is normalised. A zip inside the archive is one entry (a chat's attached zip
 * is a document like any other) until {@link openNestedZips} opens it, when its files become entries `inner.zip/name`.
 */
export interface ArchiveEntry {
  path: string;
  bytes: Uint8Array;
}

/** Bytes unpacked so far, shared by every zip opened in one import, for the `maxUncompressedBytes` limit. */
export interface UnpackBudget {
  total: number;
}

/** True when the bytes start like a zip archive (local header, or the end record of an empty zip). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}

/** Returns a safe relative path, or undefined for names that try to escape (`..`, absolute, drive letters). */
export function safeEntryPath(name: string): string | undefined {
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.includes('\0')) return undefined;
  const parts = unified.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The end-of-central-directory record's signature, `PK\x05\x06`, and its fixed size before the comment. */
const END_SIGNATURE = 0x06054b50;
const END_SIZE = 22;

/**
 * Whether a zip's end is whole: its end record (within the last 64 KiB and 22 bytes, before a comment) is there, and
 * the central directory it points to ends where it starts. The streaming reader reads the entries from their own
 * headers and never looks at the end, so a zip cut short in its central directory reads without an error: this lets
 * the import say so. Zip64 values (0xFFFFFFFF) are not followed: only the record's presence is checked then.
 */
export function hasWholeEnd(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - END_SIZE - 0xffff);
  for (let at = bytes.length - END_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) !== END_SIGNATURE) continue;
    const comment = view.getUint16(at + 20, true);
    if (at + END_SIZE + comment !== bytes.length) continue;
    const size = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    if (size === 0xffffffff || offset === 0xffffffff) return true;
    return offset + size === at;
  }
  return false;
}

/**
 * Reads every entry of a zip with fflate's streaming reader, counting bytes as they are inflated so a zip bomb is
 * stopped at the limit instead of after filling memory. `__MACOSX/` and directory entries are skipped, unsafe paths
 * are skipped with a warning. A zip inside it stays one entry (see {@link openNestedZips}); `prefix` is put before
 * every path (`inner.zip/` for a nested zip's files).
 */
export function unpackZip(
  bytes: Uint8Array,
  archiveName: string,
  limits: ImportLimits,
  warnings: ImportWarning[],
  budget: UnpackBudget = { total: 0 },
  prefix = '',
): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  let count = 0;
  let failure: Error | undefined;
  const pending: { path: string; chunks: Uint8Array[]; length: number; done: boolean }[] = [];
  unzip.onfile = (file) => {
    if (failure) return;
    count++;
    if (count > limits.maxZipEntries) {
      failure = new LimitExceededError(
        `${archiveName} has more than ${limits.maxZipEntries} entries (limit maxZipEntries).`,
        'maxZipEntries',
      );
      return;
    }
    const name = file.name;
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.split('/').some((p) => p.startsWith('._'))) return;
    const path = safeEntryPath(name);
    if (path === undefined || path === '') {
      warnings.push({
        line: 0,
        file: archiveName,
        message: `The file '${name}' in ${archiveName} was skipped: its path points outside the export (an unsafe path).`,
      });
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      warnings.push({
        line: 0,
        file: archiveName,
        message: `The file '${name}' in ${archiveName} was skipped: it is compressed in a way the tool cannot read (method ${file.compression}).`,
      });
      return;
    }
    const declared = file.originalSize;
    if (declared !== undefined && budget.total + declared > limits.maxUncompressedBytes) {
      failure = new LimitExceededError(
        `${archiveName} would unpack to more than ${limits.maxUncompressedBytes} bytes (entry '${name}' declares ${declared}; limit maxUncompressedBytes).`,
        'maxUncompressedBytes',
      );
      return;
    }
    const record = { path: prefix + path, chunks: [] as Uint8Array[], length: 0, done: false };
    pending.push(record);
    const compressed = file.size;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new InvalidArchiveError(`Entry '${name}' in ${archiveName} is corrupt: ${error.message}.`);
        file.terminate();
        return;
      }
      record.length += chunk.length;
      budget.total += chunk.length;
      if (budget.total > limits.maxUncompressedBytes) {
        failure = new LimitExceededError(
          `${archiveName} unpacks to more than ${limits.maxUncompressedBytes} bytes (limit maxUncompressedBytes); stopped at entry '${name}'.`,
          'maxUncompressedBytes',
        );
      } else if (
        record.length > 1_048_576 &&
        ((compressed !== undefined && compressed > 0 && record.length / compressed > limits.maxCompressionRatio) ||
          budget.total / Math.max(bytes.length, 1) > limits.maxCompressionRatio)
      ) {
        failure = new LimitExceededError(
          `Entry '${name}' in ${archiveName} expands more than ${limits.maxCompressionRatio} times its compressed size (limit maxCompressionRatio); this looks like a zip bomb.`,
          'maxCompressionRatio',
        );
      }
      if (failure) {
        file.terminate();
        return;
      }
      if (chunk.length) record.chunks.push(chunk);
      if (final) record.done = true;
    };
    try {
      file.start();
    } catch (error) {
      failure = new InvalidArchiveError(
        `Entry '${name}' in ${archiveName} cannot be read: ${(error as Error).message}.`,
      );
    }
  };
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (!failure)
      failure = new InvalidArchiveError(`${archiveName} is not a readable zip archive: ${(error as Error).message}.`);
  }
  if (failure) throw failure;
  for (const record of pending) {
    if (!record.done) {
      throw new InvalidArchiveError(`${archiveName} is truncated: entry '${record.path}' ends before its data does.`);
    }
    entries.push({ path: record.path, bytes: concat(record.chunks, record.length) });
  }
  if (count > 0 && !hasWholeEnd(bytes)) {
    warnings.push({
      line: 0,
      file: archiveName,
      message: `The end of ${archiveName} is damaged (its list of contents is missing or cut short, as when a download or copy stops early), so it was read from its files one by one. Every file read is whole; a file after the damage could not be seen, so check the original export if one you expect is missing.`,
    });
  }
  return entries;
}

/** True when an entry is a zip archive inside the archive (by its name and its first bytes). */
export function isNestedZip(entry: ArchiveEntry): boolean {
  return /\.zip$/i.test(entry.path) && isZip(entry.bytes);
}

/**
 * The entries with each nested zip replaced by the files in it (`inner.zip/name`): for an export that was zipped
 * again, so its chat is not at the top. `depth` is how deep the zips being opened are (the outer archive is 1); a zip
 * deeper than `maxZipDepth` is refused.
 */
export function openNestedZips(
  entries: readonly ArchiveEntry[],
  archiveName: string,
  limits: ImportLimits,
  warnings: ImportWarning[],
  budget: UnpackBudget,
  depth: number,
): ArchiveEntry[] {
  const opened: ArchiveEntry[] = [];
  for (const entry of entries) {
    if (!isNestedZip(entry)) {
      opened.push(entry);
      continue;
    }
    if (depth > limits.maxZipDepth) {
      throw new LimitExceededError(
        `${archiveName} nests zip files more than ${limits.maxZipDepth} deep ('${entry.path}'; limit maxZipDepth).`,
        'maxZipDepth',
      );
    }
    opened.push(...unpackZip(entry.bytes, entry.path, limits, warnings, budget, `${entry.path}/`));
  }
  return opened;
}
