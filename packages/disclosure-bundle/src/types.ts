/** Public types of the disclosure bundle: what goes in ({@link BundleInput}) and what comes out ({@link BundleResult}). */
import type { RequestType } from '@im-records/records-policy';
import type { Decision, DisclosedConversation, DisclosureCounts } from '@im-records/redaction';

/** The kind of request being answered (records-policy's); decides the wording on the cover page. */
export type { RequestType } from '@im-records/records-policy';

/** The request the bundle answers, printed on the cover page and recorded in the manifest. Dates are `YYYY-MM-DD`. */
export interface BundleRequest {
  organisation: string;
  reference: string;
  type: RequestType;
  received: string;
  /** The date of response: every date stamped into the bundle (PDF, ZIP entries) is derived from it, for reproducibility. */
  responseDate: string;
  due: string;
  /** What was searched, e.g. `WhatsApp group "Ward 7 handover", 1 Jan – 31 Mar 2024`. */
  searched: string;
}

/** Loads a font file named by its npm package path (e.g. `dejavu-fonts-ttf/ttf/DejaVuSans.ttf`); the host decides how (fs, fetch). */
export type FontLoader = (packagePath: string) => Promise<Uint8Array>;

/** Packaging options; every one is optional. */
export interface BundleOptions {
  /** Loads the embedded fonts. Without it the PDF falls back to Helvetica and shows stand-ins for non-Latin-1 text. */
  loadFont?: FontLoader;
  /** Tool name stamped as PDF producer/creator and in the manifest (no URL). Default `IM Records disclosure-bundle`. */
  toolName?: string;
  /** Strip EXIF/XMP/comments from disclosed JPEG and PNG files (default true). */
  stripImageMetadata?: boolean;
}

/** Progress of one named stage; `done`/`total` count the stage's own units (messages, files). */
export interface BundleProgress {
  stage: BundleStage;
  done: number;
  total: number;
}

/** The named stages of packaging, in order. */
export type BundleStage = 'validate' | 'load' | 'fonts' | 'media' | 'pdf' | 'html' | 'csv' | 'manifest' | 'zip';

/** Everything {@link buildBundle} needs. */
export interface BundleInput {
  disclosed: DisclosedConversation;
  request: BundleRequest;
  /** Attachment bytes keyed by `mediaKey` (as in `ImportedArchive.media`); only disclosed ones are read. */
  media?: ReadonlyMap<string, Uint8Array>;
  options?: BundleOptions;
  signal?: AbortSignal;
  onProgress?: (progress: BundleProgress) => void;
}

/** One file inside the bundle, with its hash. */
export interface BundleFileEntry {
  path: string;
  sha256: string;
  bytes: number;
  /**
   * Media files only: whether hidden metadata was removed (JPEG, PNG, WebP, GIF). `false` means the file is exactly as
   * it was in the export (documents, video, audio, contacts), so its reviewer must have checked it in its own application.
   */
  metadataRemoved?: boolean;
}

/** One row of the redaction schedule: the redactions of one category and exemption in one message. */
export interface ScheduleRow {
  page: number;
  messageId: string;
  messageTime: string;
  category: string;
  exemption: string;
  count: number;
}

/** `manifest.json`: what the bundle holds and how it was made. */
export interface BundleManifest {
  format: 'im-records-disclosure-bundle/1';
  tool: { name: string; version: string };
  recordsPolicy: { version: string };
  request: BundleRequest;
  mode: DisclosedConversation['mode'];
  counts: DisclosureCounts & { pages: number; scheduleRows: number };
  /** Every other file in the bundle, sorted by path. */
  files: BundleFileEntry[];
}

/** What {@link buildBundle} returns. */
export interface BundleResult {
  zip: Uint8Array;
  manifest: BundleManifest;
  /** Every file in the ZIP including `manifest.json`, sorted by path. */
  files: BundleFileEntry[];
  /** SHA-256 of `manifest.json` as stored, recorded in the case file. */
  manifestSha256: string;
  /** SHA-256 of the ZIP. */
  zipSha256: string;
  /** The redaction schedule as laid out (with PDF page numbers). */
  schedule: ScheduleRow[];
}

/** Everything {@link buildCaseFile} needs. */
export interface CaseFileInput {
  /** SHA-256 (lower-case hex) of the imported source archive. */
  sourceSha256: string;
  sourceFormat?: string;
  decisions: readonly Decision[];
  /** The settings used (mode, subjects, options), recorded so the disclosure can be reproduced. */
  settings: Record<string, unknown>;
  bundle: Pick<BundleResult, 'manifest' | 'manifestSha256' | 'zipSha256'>;
}

/** The internal case file: kept by the organisation, never put in the bundle. */
export interface CaseFile {
  format: 'im-records-case-file/1';
  request: BundleRequest;
  source: { sha256: string; format?: string };
  decisions: Decision[];
  settings: Record<string, unknown>;
  /** The bundle's counts, as its manifest and cover give them (redactions by the one definition, see redaction). */
  counts: BundleManifest['counts'];
  bundle: {
    manifestSha256: string;
    zipSha256: string;
    tool: BundleManifest['tool'];
    recordsPolicy: BundleManifest['recordsPolicy'];
  };
}
