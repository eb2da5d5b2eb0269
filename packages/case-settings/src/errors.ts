/** The one error of this package: a setting that cannot be used, named with what is wrong with it. */
export class CaseSettingsError extends Error {
  override name = 'CaseSettingsError';
  /** The setting at fault: `from`, `to` (not a date), `dateRange` (ends before it starts), `subject`, `hospitalNumberShapes`. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.setting = setting;
  }
}
