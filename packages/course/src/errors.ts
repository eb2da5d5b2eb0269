/**
 * The course's error family (the training site's certificate errors extend it too), so callers can tell its failures
 * apart from bugs with `instanceof TrainingError`.
 */
export class TrainingError extends Error {
  override name = 'TrainingError';
}

/**
 * Thrown at build time when a course content file is missing, is not valid YAML, breaks its schema or refers to
 * something that does not exist; the message names the file, the line when known, and the field.
 */
export class ContentError extends TrainingError {
  override name = 'ContentError';
  /** The content file, relative to the repository root (for example `content/training/questions/groups.yaml`). */
  readonly file: string;
  /** The field path inside the file, such as `questions[3].options[1].feedback`, or '' for the whole file. */
  readonly field: string;
  constructor(file: string, field: string, problem: string, line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}${field ? ` ${field}` : ''}: ${problem}`);
    this.file = file;
    this.field = field;
  }
}

/** Thrown when a scenario's progress or an assessment is driven to a state its graph or question set does not have. */
export class InvalidStepError extends TrainingError {
  override name = 'InvalidStepError';
}
