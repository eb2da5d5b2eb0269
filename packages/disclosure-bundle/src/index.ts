// Public API of @im-records/disclosure-bundle. Every export is listed by name; types apart from values.

export { BUNDLE_VERSION, buildBundle, DEFAULT_TOOL_NAME } from './bundle.ts';
export { buildCaseFile } from './case-file.ts';
export { csvCell } from './csv.ts';
export { BundleAbortedError, BundleError, FontLoadError, InvalidBundleInputError } from './errors.ts';
export { FONT_FILES, listFontFiles } from './fonts.ts';
export { escapeHtml } from './html.ts';
export type { StrippableImage } from './strip.ts';
export { imageType, stripGif, stripImageMetadata, stripJpeg, stripPng, stripWebp } from './strip.ts';
export type {
  BundleFileEntry,
  BundleInput,
  BundleManifest,
  BundleOptions,
  BundleProgress,
  BundleRequest,
  BundleResult,
  BundleStage,
  CaseFile,
  CaseFileInput,
  FontLoader,
  RequestType,
  ScheduleRow,
} from './types.ts';
