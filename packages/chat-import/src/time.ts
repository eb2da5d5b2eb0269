/**
 * Local export times to ISO 8601 with the offset in force in an IANA zone, using only `Intl.DateTimeFormat` (no zone
 * database shipped). Offsets are read at checkpoints and changes found by bisection, so a million messages cost a
 * few hundred `Intl` calls.
 */

const DAY = 86_400_000;
/** Spacing of the instants at which `Intl` is asked for the offset. */
const WINDOW = 4 * DAY;
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
    m === 2
      ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
        ? 29
        : 28
      : m === 4 || m === 6 || m === 9 || m === 11
        ? 30
        : 31;
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
  #isoDay = Number.NaN;
  #isoDate = '';
  readonly #changes = new Map<number, number>();
  #lastWindow = Number.NaN;
  #lastBefore = 0;
  #lastAfter = 0;
  #lastChange = 0;
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

  /**
   * Offset (local minus UTC, in ms) in force at a UTC instant. `Intl` is asked at checkpoints every 4 days; when two
   * neighbouring checkpoints differ, the change between them is found once by bisection to the second. So a chat of
   * several years costs a few hundred `Intl` calls, not one per message or per day. (Two changes within 4 days that
   * cancel out would be missed; no zone has had such a pair in the era of instant messaging.)
   */
  offsetAt(utcMs: number): number {
    const j = Math.floor(utcMs / WINDOW);
    if (j !== this.#lastWindow) {
      const before = this.#checkpoint(j);
      const after = this.#checkpoint(j + 1);
      let change = this.#changes.get(j);
      if (change === undefined) {
        change = before === after ? Number.POSITIVE_INFINITY : this.#findChange(j * WINDOW, (j + 1) * WINDOW, before);
        this.#changes.set(j, change);
      }
      this.#lastWindow = j;
      this.#lastBefore = before;
      this.#lastAfter = after;
      this.#lastChange = change;
    }
    return utcMs < this.#lastChange ? this.#lastBefore : this.#lastAfter;
  }

  #checkpoint(j: number): number {
    let offset = this.#offsetCache.get(j);
    if (offset === undefined) {
      offset = this.#intlOffset(j * WINDOW);
      this.#offsetCache.set(j, offset);
    }
    return offset;
  }

  /** First instant (to the second) in [lo, hi] whose offset is not `before`. */
  #findChange(lo: number, hi: number, before: number): number {
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.#intlOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  #intlOffset(at: number): number {
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
    return localMs(y, mo, d, h, mi, s) - at;
  }

  /**
   * The offset of a local time when its local day (and the days either side) has no clock change, else NaN: the
   * common case of {@link ZoneClock.resolve}, answered without building a result.
   */
  stableOffset(local: number): number {
    const day = Math.floor(local / DAY);
    if (day === this.#lastDay) return this.#lastStable;
    let stable = this.#dayCache.get(day);
    if (stable === undefined) {
      const before = this.offsetAt(day * DAY - DAY);
      const after = this.offsetAt(day * DAY + 2 * DAY);
      stable = before === after ? before : Number.NaN;
      this.#dayCache.set(day, stable);
    }
    this.#lastDay = day;
    this.#lastStable = stable;
    return stable;
  }

  /**
   * Reads a local time in the zone. In the repeated autumn hour the earliest reading not before `previousUtc` is
   * chosen, so file order is kept; in the skipped spring hour the time is moved forward by the gap (as Temporal's
   * `compatible` does) and reported as `gap`.
   */
  resolve(local: number, previousUtc: number): Resolved {
    const stable = this.stableOffset(local);
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
    let date = day === this.#isoDay ? this.#isoDate : this.#dateStrings.get(day);
    if (date === undefined) {
      const [y, m, d] = civilFromDays(day);
      const ys =
        y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
      date = `${ys}-${TWO[m]}-${TWO[d]}T`;
      this.#dateStrings.set(day, date);
    }
    this.#isoDay = day;
    this.#isoDate = date;
    const secs = Math.floor((local - day * DAY) / 1000);
    // Time-of-day strings for the offset last used, by second of the day; a map of such tables by offset.
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
      if (this.#timeStrings.size >= 300_000) this.#timeStrings.clear();
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
