/**
 * Errors the case worker throws itself (the packages throw their own classes). Each has its own `name`, which is
 * what survives the worker boundary: the page's error map (`lib/errors.ts`) turns it into plain words.
 */

/** Base class of every error the case worker throws itself. */
export class CaseWorkerError extends Error {
  override name = 'CaseWorkerError';
}

/** Thrown when a stage names an archive the worker does not hold (the page reloaded and lost it); says which. */
export class ArchiveNotLoadedError extends CaseWorkerError {
  override name = 'ArchiveNotLoadedError';
  constructor(archiveId: string) {
    super(`Archive ${archiveId} is not loaded`);
  }
}

/** Thrown when a case is prepared with no chat export added. */
export class NoArchivesError extends CaseWorkerError {
  override name = 'NoArchivesError';
  constructor() {
    super('Add a chat export first.');
  }
}

/** Thrown when a stage that needs the prepared case (search, decide, disclose) runs before preparation. */
export class CaseNotPreparedError extends CaseWorkerError {
  override name = 'CaseNotPreparedError';
  constructor() {
    super('The case is not ready yet.');
  }
}
