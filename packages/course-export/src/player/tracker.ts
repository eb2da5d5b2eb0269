/**
 * What the player needs from a learning system, whichever standard carries it: start a session and learn what the
 * LMS already knows, keep progress, record a finished attempt, end the session. SCORM 1.2 and cmi5 each implement it.
 */

/** How the LMS launched the course: normal (results recorded), browse or review (nothing recorded). */
export type LaunchMode = 'normal' | 'browse' | 'review';

/** What the LMS said at the start of a session. */
export interface Launch {
  /** False when no LMS was found (the package opened on its own): the course works, but nothing is recorded. */
  connected: boolean;
  /** Why the LMS could not be used, in words for the learner, when `connected` is false. */
  problem: string | null;
  /** The progress string saved at the end of the last session ('' when none). */
  suspendData: string;
  /** The learner passed in an earlier session; a later fail does not undo it. */
  passedBefore: boolean;
  /** The LMS's own mastery score (0 to 1), which takes precedence over the course's pass mark. */
  masteryScore: number | null;
  mode: LaunchMode;
}

/** A finished attempt as the player reports it. */
export interface AttemptResult {
  correct: number;
  total: number;
  passed: boolean;
}

/** One session with a learning system. */
export interface Tracker {
  begin(): Promise<Launch>;
  /** Keeps the progress string (at most 4,096 characters). */
  save(suspendData: string): void;
  /** Records a finished attempt: score, pass or fail. */
  recordAttempt(result: AttemptResult): void;
  /**
   * Ends the session (safe to call more than once); resolves when the LMS has been told. `keepalive` lets network
   * requests outlive a closing page.
   */
  end(options?: { keepalive?: boolean }): Promise<void>;
  /** Whether the page should offer its own "Exit the course" button (cmi5: the AU must end the session itself). */
  readonly exitable: boolean;
  /** Where to send the learner after ending, when the LMS asked for it (cmi5's returnURL). */
  readonly returnUrl: string | null;
}
