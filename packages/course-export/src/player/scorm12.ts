/**
 * The SCORM 1.2 side of the player: finds the LMS's `API` object (in this window, its parents, then the window that
 * opened it and that one's parents, as the SCORM 1.2 runtime specifies), and reports through it — lesson_status,
 * score (as a percentage, cut to two decimals so it never reads higher than earned), session_time, suspend_data and
 * exit — with LMSCommit after each change, so a closed window loses nothing.
 */
import type { Scorm12Reporting } from './course-data.ts';
import { SUSPEND_DATA_LIMIT } from './suspend.ts';
import type { AttemptResult, Launch, LaunchMode, Tracker } from './tracker.ts';

/** The SCORM 1.2 runtime API an LMS puts on a window as `API`. */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string | boolean;
  LMSFinish(parameter: ''): string | boolean;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string | boolean;
  LMSCommit(parameter: ''): string | boolean;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string | number): string;
}

type ApiWindow = Window & { API?: Scorm12Api };

function apiOf(win: Window): Scorm12Api | null {
  try {
    const api = (win as ApiWindow).API;
    return api && typeof api.LMSInitialize === 'function' ? api : null;
  } catch {
    return null; // a window from another origin: not ours to read
  }
}

function searchUp(start: Window): Scorm12Api | null {
  let win: Window = start;
  for (let depth = 0; depth < 500; depth += 1) {
    const api = apiOf(win);
    if (api) return api;
    if (win.parent === win) return null;
    win = win.parent;
  }
  return null;
}

/** Looks for the LMS's API in the window chain: parents first, then the opener's chain. */
export function findScorm12Api(win: Window): Scorm12Api | null {
  const found = searchUp(win);
  if (found) return found;
  try {
    return win.opener ? searchUp(win.opener as Window) : null;
  } catch {
    return null;
  }
}

/** CMITimespan, HHHH:MM:SS.SS. */
export function scormTimespan(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(hundredths / 360_000));
  const minutes = Math.floor((hundredths % 360_000) / 6000);
  const seconds = Math.floor((hundredths % 6000) / 100);
  const rest = hundredths % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${two(seconds)}.${two(rest)}`;
}

/** The percentage SCORM reports: correct / total × 100, cut (not rounded) to two decimals. */
export function scormRawScore(correct: number, total: number): string {
  return String(Math.floor((correct * 10000) / total) / 100);
}

const ok = (value: string | boolean) => value === true || value === 'true';

/** A session with a SCORM 1.2 LMS. */
export class Scorm12Tracker implements Tracker {
  readonly exitable = false;
  readonly returnUrl = null;
  #api: Scorm12Api | null;
  readonly #reporting: Scorm12Reporting;
  readonly #now: () => number;
  #started = 0;
  #mode: LaunchMode = 'normal';
  #passed = false;
  #bestRaw = -1;
  #ended = false;

  constructor(api: Scorm12Api | null, reporting: Scorm12Reporting, now: () => number = () => Date.now()) {
    this.#api = api;
    this.#reporting = reporting;
    this.#now = now;
  }

  get #passStatus(): string {
    return this.#reporting.startsWith('passed') ? 'passed' : 'completed';
  }

  get #failStatus(): string {
    return this.#reporting.endsWith('failed') ? 'failed' : 'incomplete';
  }

  #set(element: string, value: string): void {
    this.#api?.LMSSetValue(element, value);
  }

  #commit(): void {
    this.#api?.LMSCommit('');
  }

  async begin(): Promise<Launch> {
    this.#started = this.#now();
    const api = this.#api;
    const offline = (problem: string | null): Launch => ({
      connected: false,
      problem,
      suspendData: '',
      passedBefore: false,
      masteryScore: null,
      mode: 'normal',
    });
    if (!api) return offline(null);
    if (!ok(api.LMSInitialize(''))) {
      const code = api.LMSGetLastError();
      this.#api = null;
      return offline(
        `the learning system would not start a session (${api.LMSGetErrorString(code) || `error ${code}`})`,
      );
    }
    const mode = api.LMSGetValue('cmi.core.lesson_mode');
    this.#mode = mode === 'browse' || mode === 'review' ? mode : 'normal';
    const status = api.LMSGetValue('cmi.core.lesson_status');
    this.#passed = status === 'passed' || status === this.#passStatus;
    const raw = Number.parseFloat(api.LMSGetValue('cmi.core.score.raw'));
    if (Number.isFinite(raw)) this.#bestRaw = raw;
    const mastery = Number.parseFloat(api.LMSGetValue('cmi.student_data.mastery_score'));
    if (this.#mode === 'normal' && (status === 'not attempted' || status === '')) {
      this.#set('cmi.core.lesson_status', 'incomplete');
      this.#commit();
    } else if (this.#mode === 'browse' && status === 'not attempted') {
      this.#set('cmi.core.lesson_status', 'browsed');
      this.#commit();
    }
    return {
      connected: true,
      problem: null,
      suspendData: api.LMSGetValue('cmi.suspend_data') ?? '',
      passedBefore: this.#passed,
      masteryScore: Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery / 100 : null,
      mode: this.#mode,
    };
  }

  save(suspendData: string): void {
    if (!this.#api || this.#mode === 'review' || this.#ended) return;
    if (suspendData.length > SUSPEND_DATA_LIMIT) throw new Error('suspend data over the SCORM 1.2 limit');
    this.#set('cmi.suspend_data', suspendData);
    this.#commit();
  }

  recordAttempt(result: AttemptResult): void {
    if (!this.#api || this.#mode !== 'normal' || this.#ended) return;
    // A pass stays a pass: a later fail changes neither the status nor the score the LMS holds.
    if (this.#passed && !result.passed) return;
    const raw = scormRawScore(result.correct, result.total);
    // After an earlier pass, a new pass only replaces the score when it is higher.
    if (!(this.#passed && Number(raw) < this.#bestRaw)) {
      this.#set('cmi.core.score.min', '0');
      this.#set('cmi.core.score.max', '100');
      this.#set('cmi.core.score.raw', raw);
      this.#bestRaw = Number(raw);
    }
    this.#set('cmi.core.lesson_status', result.passed ? this.#passStatus : this.#failStatus);
    if (result.passed) this.#passed = true;
    this.#commit();
  }

  async end(): Promise<void> {
    if (!this.#api || this.#ended) return;
    this.#ended = true;
    if (this.#mode !== 'review') {
      this.#set('cmi.core.session_time', scormTimespan(this.#now() - this.#started));
      this.#set('cmi.core.exit', this.#passed ? '' : 'suspend');
    }
    this.#commit();
    this.#api.LMSFinish('');
  }
}
