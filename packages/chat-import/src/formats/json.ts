/** Small, explicit checks for untrusted JSON records (the schema boundary of the JSON formats). */
export type JsonObject = Record<string, unknown>;

/**
 * "is not valid JSON", with where it breaks when the parser says ("… (it breaks at line 3, column 12)"). Never the
 * parser's own message: it may quote the file, which may name a patient, and errors reach terminals and logs.
 */
export function notValidJson(error: unknown): string {
  const at = /\(line (\d+) column (\d+)\)/.exec(error instanceof Error ? error.message : '');
  return at ? `is not valid JSON (it breaks at line ${at[1]}, column ${at[2]})` : 'is not valid JSON';
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strOrNum(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;
}

/** Parses an ISO-like local or offset date-time; returns [ms, isUtc] or undefined. Local times are encoded as if UTC. */
export function parseDateTime(text: string): [number, boolean] | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[T ,]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = Number(m[6] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Number(`${m[7] ?? ''}000`.slice(0, 3));
  const base = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (Number.isNaN(base)) return undefined;
  const zone = m[8];
  if (zone === undefined) return [base, false];
  if (zone === 'Z') return [base, true];
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[^\d]/g, '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  return [base - offset, true];
}
