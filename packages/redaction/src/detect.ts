/**
 * Detection's public face: the engine (`detect/engine.ts`), its options and results (`detect/types.ts`), the context a
 * run builds once (`detect/context.ts`), the FOI and SAR modes (`detect/foi.ts`, `detect/sar.ts`), merging
 * (`detect/merge.ts`) and the warm-up before a first run (`detect/prepare.ts`) live in `detect/`; this module names what the package exports from them.
 */
export { buildContext } from './detect/context.ts';
export { detectMessage, detectPersonalData, detectPersonalDataSync } from './detect/engine.ts';
export { mergeCandidates } from './detect/merge.ts';
export { type PrepareOptions, prepareDetection } from './detect/prepare.ts';
export type { DetectionResult, DetectOptions, KeptSpan, MessageSelection, SubjectSpec } from './detect/types.ts';
export type { PartyRole } from './recogniser.ts';
export { defaultRecognisers } from './recognisers/defaults.ts';
