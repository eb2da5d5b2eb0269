/**
 * Local export times to ISO 8601 with the offset in force in an IANA zone, using only `Intl.DateTimeFormat` (no zone
 * database shipped). Offsets are cached per local day, so a million messages cost a few hundred `Intl` calls.
 */

const DAY = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Converts a civil date to days since 1970-01-01 (proleptic Gregorian), without allocating a Date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Local wall time encoded as milliseconds as if it were UTC (what the parsers produce). */
export function localMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  return daysFromCivil(y, mo, d) * DAY + ((h * 60 + mi) * 60 + s) * 1000;
}

/** True when y-m-d is a real calendar date. */
export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim =
    m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= dim;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Outcome of reading one local time in the zone. */
export interface Resolved {
  utcMs: number;
  offsetMs: number;
  /** `gap`: the local time does not exist (clocks went forward); `ambiguous`: it occurs twice (clocks went back). */
  status: 'ok' | 'gap' | 'ambiguous';
}

/** One zone's clock: offsets, resolution of local times and ISO formatting, with caches. */
export class ZoneClock {
  readonly zone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #offsetCache = new Map<number, number>();
  readonly #dayCache = new Map<number, number>();
  readonly #dateStrings = new Map<number, string>();
  readonly #offsetStrings = new Map<number, string>();
  readonly #timeStrings = new Map<number, string>();
  #lastDay = Number.NaN;
  #lastStable = Number.NaN;

  constructor(zone: string) {
    this.zone = zone;
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** Offset (local minus UTC, in ms) in force at a UTC instant; cached per quarter hour. */
  offsetAt(utcMs: number): number {
    const bucket = Math.floor(utcMs / 900_000);
    const cached = this.#offsetCache.get(bucket);
    if (cached !== undefined) return cached;
    const at = bucket * 900_000;
    let y = 1970;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const part of this.#format.formatToParts(at)) {
      const v = Number(part.value);
      switch (part.type) {
        case 'year':
          y = v;
          break;
        case 'month':
          mo = v;
          break;
        case 'day':
          d = v;
          break;
        case 'hour':
          h = v;
          break;
        case 'minute':
          mi = v;
          break;
        case 'second':
          s = v;
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (bc) y = 1 - y;
    const offset = localMs(y, mo, d, h, mi, s) - at;
    this.#offsetCache.set(bucket, offset);
    return offset;
  }

  /**
   * Reads a local time in the zone. In the repeated autumn hour the earliest reading not before `previousUtc` is
   * chosen, so file order is kept; in the skipped spring hour the time is moved forward by the gap (as Temporal's
   * `compatible` does) and reported as `gap`.
   */
  resolve(local: number, previousUtc: number): Resolved {
    const day = Math.floor(local / DAY);
    let stable: number | undefined;
    if (day === this.#lastDay) {
      stable = this.#lastStable;
    } else {
      stable = this.#dayCache.get(day);
      if (stable === undefined) {
        // The offset is the same all day when it is the same at checkpoints (every 4 days, UTC) on both sides of the
        // day with a day to spare (zones are within ±14 h): one Intl call per 4 days of chat instead of two per day.
        const j = Math.floor((day - 1) / 4);
        const before = this.offsetAt(j * 4 * DAY);
        const after = this.offsetAt((j + 2) * 4 * DAY);
        stable = before === after ? before : Number.NaN;
        this.#dayCache.set(day, stable);
      }
      this.#lastDay = day;
      this.#lastStable = stable;
    }
    if (!Number.isNaN(stable)) return { utcMs: local - stable, offsetMs: stable, status: 'ok' };
    const early = this.offsetAt(local - DAY);
    const late = this.offsetAt(local + DAY);
    const valid: number[] = [];
    for (const o of early === late ? [early] : [early, late]) {
      if (this.offsetAt(local - o) === o) valid.push(local - o);
    }
    if (valid.length === 0) {
      const utcMs = local - early;
      return { utcMs, offsetMs: this.offsetAt(utcMs), status: 'gap' };
    }
    if (valid.length === 1) {
      const utcMs = valid[0] as number;
      return { utcMs, offsetMs: local - utcMs, status: 'ok' };
    }
    valid.sort((a, b) => a - b);
    const pick = valid.find((u) => u >= previousUtc) ?? (valid[valid.length - 1] as number);
    return { utcMs: pick, offsetMs: local - pick, status: 'ambiguous' };
  }

  /**
   * The ISO 8601 text of an instant with its offset, e.g. `2024-10-27T01:30:00+00:00`. The date part is cached per
   * local day and the time-and-offset part per second of the day and offset, so each result is one join of two shared
   * strings rather than a fresh string built from seven pieces.
   */
  iso(utcMs: number, offsetMs: number): string {
    const local = utcMs + offsetMs;
    const day = Math.floor(local / DAY);
    let date = this.#dateStrings.get(day);
    if (date === undefined) {
      const [y, m, d] = civilFromDays(day);
      const ys =
        y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
      date = `${ys}-${TWO[m]}-${TWO[d]}T`;
      this.#dateStrings.set(day, date);
    }
    const secs = Math.floor((local - day * DAY) / 1000);
    const key = secs * 4096 + Math.round(offsetMs / 60_000) + 2048;
    let rest = this.#timeStrings.get(key);
    if (rest === undefined) {
      let offset = this.#offsetStrings.get(offsetMs);
      if (offset === undefined) {
        const minutes = Math.round(offsetMs / 60_000);
        const abs = Math.abs(minutes);
        offset = `${minutes < 0 ? '-' : '+'}${TWO[Math.floor(abs / 60)] ?? String(Math.floor(abs / 60))}:${TWO[abs % 60]}`;
        this.#offsetStrings.set(offsetMs, offset);
      }
      // Flattened once here (a template literal would otherwise keep a chain of joined pieces).
      rest = flat(`${TWO[Math.floor(secs / 3600)]}:${TWO[Math.floor(secs / 60) % 60]}:${TWO[secs % 60]}${offset}`);
      if (this.#timeStrings.size > 200_000) this.#timeStrings.clear();
      this.#timeStrings.set(key, rest);
    }
    return date + rest;
  }
}

/** A copy of a short string as one flat string (string concatenation in V8 otherwise keeps the joined pieces). */
function flat(text: string): string {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) codes.push(text.charCodeAt(i));
  return String.fromCharCode(...codes);
}
