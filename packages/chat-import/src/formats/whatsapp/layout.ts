/**
 * What pass 1's headers say about the whole file: the layout most headers use (a pasted line in another layout is then
 * text, not a new message) and the order of day and month — a number above 12, else the order under which dates run
 * forwards, else day first with a warning.
 */
import type { DateOrder } from '../../options.ts';
import { type Candidates, SIG_AMPM, SIG_BRACKET, SIG_DASH, SIG_FIRST4 } from './header.ts';

/** Why a date order is uncertain: no number above 12 anywhere, or numbers that disagree. */
export type OrderDoubt = 'undecidable' | 'conflicting';

/** How the file's dates are written, decided from all its headers. */
export interface Layout {
  /** The signature most headers have; only headers of it start messages. */
  dominant: number;
  order: DateOrder;
  /** Why the order is uncertain, when it is: no number above 12 anywhere, or numbers that disagree. */
  doubt?: OrderDoubt;
  /** The export's variant, `android-dmy-24h`, `ios-mdy-12h`, … */
  variant: string;
}

/** The signature most candidates have, or -1 when there are none. */
export function dominantSignature(cand: Candidates): number {
  const counts = new Map<number, number>();
  // Counted in runs of one layout (nearly the whole file is one run), not with a map update per header.
  for (let i = 0; i < cand.n; ) {
    const sig = cand.sig[i] as number;
    let j = i + 1;
    while (j < cand.n && cand.sig[j] === sig) j++;
    counts.set(sig, (counts.get(sig) ?? 0) + j - i);
    i = j;
  }
  let dominant = -1;
  let best = 0;
  for (const [sig, count] of counts) {
    if (count > best) {
      best = count;
      dominant = sig;
    }
  }
  return dominant;
}

/** The date order of the headers of signature `dominant`, and how sure it is. */
export function inferOrder(cand: Candidates, dominant: number): Pick<Layout, 'order' | 'doubt'> {
  if (dominant & SIG_FIRST4) return { order: 'ymd' };
  let dmy = 0;
  let mdy = 0;
  for (let i = 0; i < cand.n; i++) {
    if (cand.sig[i] !== dominant) continue;
    if ((cand.a[i] as number) > 12) dmy++;
    if ((cand.b[i] as number) > 12) mdy++;
  }
  if (dmy > 0 && mdy === 0) return { order: 'dmy' };
  if (mdy > 0 && dmy === 0) return { order: 'mdy' };
  if (dmy > 0 && mdy > 0) return { order: dmy >= mdy ? 'dmy' : 'mdy', doubt: 'conflicting' };
  // Undecided: the order under which dates go backwards less often is the right one.
  let backD = 0;
  let backM = 0;
  let prevD = -1;
  let prevM = -1;
  for (let i = 0; i < cand.n; i++) {
    if (cand.sig[i] !== dominant) continue;
    const y = cand.c[i] as number;
    const a = cand.a[i] as number;
    const b = cand.b[i] as number;
    const kd = y * 400 + b * 32 + a;
    const km = y * 400 + a * 32 + b;
    if (kd < prevD) backD++;
    if (km < prevM) backM++;
    prevD = kd;
    prevM = km;
  }
  if (backD < backM) return { order: 'dmy' };
  if (backM < backD) return { order: 'mdy' };
  return { order: 'dmy', doubt: 'undecidable' };
}

/** The file's layout from its candidates (`dominant` ≥ 0), with the caller's date order if it gave one. */
export function decideLayout(cand: Candidates, dominant: number, dateOrder: DateOrder | undefined): Layout {
  const inferred: Pick<Layout, 'order' | 'doubt'> = dateOrder ? { order: dateOrder } : inferOrder(cand, dominant);
  const platform = dominant & SIG_BRACKET ? 'ios' : dominant & SIG_DASH ? 'android' : 'legacy';
  const variant = `${platform}-${inferred.order}-${dominant & SIG_AMPM ? '12h' : '24h'}`;
  const layout: Layout = { dominant, order: inferred.order, variant };
  if (inferred.doubt) layout.doubt = inferred.doubt;
  return layout;
}

/** The warning for a date order the file could not settle, in plain English (see `ImportWarning.code`). */
export function orderDoubtMessage(layout: Layout): string | undefined {
  const read = layout.order === 'dmy' ? 'day first (day/month/year)' : 'month first (month/day/year)';
  if (layout.doubt === 'undecidable') {
    return `No date in this export has a day above 12, so it cannot tell whether dates are written day first or month first. They were read ${read}: if the phone writes them the other way, choose that and the export is read again.`;
  }
  if (layout.doubt === 'conflicting') {
    return `Some dates in this export only make sense day first and others only month first, so most of them decided: they were read ${read}. Check a few messages' dates against the phone, and choose the other order if they are wrong.`;
  }
  return undefined;
}
