import { InvalidOptionError } from './errors.ts';
import type { ChatFormat } from './model.ts';

/** Order of day, month and year in a numeric export date. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** Named stages of an import, reported through `onProgress` in this order. */
export type ImportStage = 'unpack' | 'decode' | 'detect' | 'parse' | 'resolve-times' | 'reconcile';

/** Safety limits applied to untrusted input; every one has a default suited to a browser worker. */
export interface ImportLimits {
  /** Largest input file accepted, in bytes (default 1 GiB). */
  maxInputBytes: number;
  /** Largest total of uncompressed zip entries, in bytes, nested zips included (default 2 GiB). */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of a zip entry or a whole zip (default 100; deflate tops out near 1032). */
  maxCompressionRatio: number;
  /** Deepest zip-in-zip nesting unpacked (default 2: a zip inside the imported zip). */
  maxZipDepth: number;
  /** Most entries read from one archive (default 100,000). */
  maxZipEntries: number;
  /** Longest text line placed in a message, in characters (default 1,000,000); longer lines go to a warning. */
  maxLineLength: number;
}

/** Options of {@link importChat}. */
export interface ImportOptions {
  format?: 'auto' | ChatFormat;
  /** IANA zone the export's local times are read in (default `Europe/London`). */
  timeZone?: string;
  /** Forces the date order of a WhatsApp export instead of inferring it from the whole file. */
  dateOrder?: DateOrder;
  /** Name (or id) of the conversation to import when the archive holds several. */
  chat?: string;
  signal?: AbortSignal;
  onProgress?: (stage: ImportStage, fraction: number) => void;
  limits?: Partial<ImportLimits>;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxInputBytes: 1024 * 1024 * 1024,
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxZipDepth: 2,
  maxZipEntries: 100_000,
  maxLineLength: 1_000_000,
});

const FORMATS: readonly string[] = ['auto', 'whatsapp', 'telegram', 'slack', 'signal', 'csv'];
const ORDERS: readonly string[] = ['dmy', 'mdy', 'ymd'];

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  format: 'auto' | ChatFormat;
  timeZone: string;
  dateOrder: DateOrder | undefined;
  chat: string | undefined;
  signal: AbortSignal | undefined;
  onProgress: (stage: ImportStage, fraction: number) => void;
  limits: ImportLimits;
}

/** Validates caller options once, at the boundary, so the stages can trust them. */
export function resolveOptions(options: ImportOptions = {}): ResolvedOptions {
  const format = options.format ?? 'auto';
  if (!FORMATS.includes(format)) {
    throw new InvalidOptionError(`Unknown format '${String(format)}'; expected one of ${FORMATS.join(', ')}.`);
  }
  const timeZone = options.timeZone ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new InvalidOptionError(`Unknown time zone '${timeZone}'; expected an IANA zone such as Europe/London.`);
  }
  if (options.dateOrder !== undefined && !ORDERS.includes(options.dateOrder)) {
    throw new InvalidOptionError(`Unknown date order '${String(options.dateOrder)}'; expected dmy, mdy or ymd.`);
  }
  const limits: ImportLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {})) {
    if (!(key in DEFAULT_LIMITS)) throw new InvalidOptionError(`Unknown limit '${key}'.`);
    if (typeof value !== 'number' || !(value > 0)) {
      throw new InvalidOptionError(`Limit '${key}' must be a positive number, got ${String(value)}.`);
    }
    limits[key as keyof ImportLimits] = value;
  }
  return {
    format,
    timeZone,
    dateOrder: options.dateOrder,
    chat: options.chat,
    signal: options.signal,
    onProgress: options.onProgress ?? (() => {}),
    limits,
  };
}
