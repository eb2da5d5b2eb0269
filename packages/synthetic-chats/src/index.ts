/**
 * `@im-records/synthetic-chats`: the project's own synthetic UK clinical chats, seeded, with gold personal-data spans.
 * Never real data: names come from faker, identifiers from test and drama ranges.
 */

/** The benchmarks' plain WhatsApp export (1,000,000 messages for import and detection speed). */
export { generateBenchmarkExport } from './benchmark-export.ts';
export type {
  NameSource,
  SyntheticCast,
  SyntheticPatient,
  SyntheticPerson,
  SyntheticRelative,
  SyntheticStaff,
} from './cast.ts';
export type { ClinicalChat, ClinicalChatOptions, ExportStyle, GoldMessage } from './generate.ts';
/** Generates a whole chat (cast, messages with gold spans, export text) for a seed; same seed, same bytes. */
/** Re-formats generated messages as an Android or iOS WhatsApp export, for importer round-trips. */
/** Writes gold spans as JSONL `{id, text, spans}` so other engines can be scored on the same chat. */
export { generateClinicalChat, toGoldJsonl, toWhatsAppExport } from './generate.ts';
/** Checksum-valid (999 range) and mistyped NHS numbers, for tests that need one without a whole chat. */
/** Drama-range phones, real-shaped postcodes, NI and hospital numbers, for tests that need a single identifier. */
/** The trust patterns matching {@link hospitalNumber}'s shapes, to configure the engine as a trust would. */
export {
  dramaPhone,
  hospitalNumber,
  invalidNhsNumber,
  niNumber,
  syntheticHospitalNumberPatterns,
  ukPostcode,
  validNhsNumber,
} from './identifiers.ts';
/** The seeded generator behind every choice, exported so tests can draw identifiers reproducibly. */
export { Random } from './random.ts';
export type { RealShapedExport } from './real-shaped.ts';
/** Small exports shaped like real ones, each for one thing a disclosure must get right (titles, scripts, emoji…). */
export {
  arabicChat,
  emojiChat,
  hindiPunjabiChat,
  oneToOneChat,
  pharmacyBusinessChat,
  wardGroupChat,
} from './real-shaped.ts';
export type { GoldLabel, GoldSpan } from './templates.ts';
