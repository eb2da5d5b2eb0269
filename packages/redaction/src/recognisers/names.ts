/**
 * Person names, designed for recall: the chat's own participants and cue-found names (any case, familiar forms,
 * misspellings via fuse.js), titles and relation cues ("Mrs …", "bed 4 is …", "'s daughter"), proper-noun candidates
 * checked against the UK first-name and surname lists, and neighbours of names. Names that are also English words
 * (Will, May, Hope, Grace) need a cue, which keeps the precision traps out.
 *
 * The recogniser owns its chat-wide passes: discovery (strong cues anywhere make known names), and consistency (a name
 * confirmed anywhere is proposed at its other uses). The parts live in `names/`: tokens, cues, rules, the per-message
 * scan, whose a known name's find is, consistency and the model's vote.
 */
import type { Message, MessageList } from '@im-records/chat-import';
import { consistency, keepWithModel, modelThresholds } from '../confidence.ts';
import { builtInNameModel } from '../model/load.ts';
import type { NameModel } from '../model/tagger.ts';
import {
  type Candidate,
  type ChatPasses,
  type FoundSpan,
  NONE,
  type Recogniser,
  type RecogniserContext,
} from '../recogniser.ts';
import { combine, keepBars, keepCarried } from './names/combine.ts';
import { ConfirmedNames, scanConsistent } from './names/consistency.ts';
import { discoverMentionedMembers, discoverNames, discoverNamesakes, mentionNames } from './names/cues.ts';
import { ruledOut, scanNames } from './names/scan.ts';
import { tokenise, tokens } from './names/tokens.ts';

/** The chat-wide passes of one detection run: discovery into the chat's known names, confirmation, consistency. */
function namePasses(
  context: RecogniserContext,
  messages: MessageList,
  model: () => NameModel | null,
  keep: Readonly<Record<string, number>>,
): ChatPasses {
  const confirmed = new ConfirmedNames(keep);
  const idAt = (index: number): string => messages.at(index)?.id ?? String(index);
  return {
    discover(text: string, index: number): void {
      discoverNames(text, context.known, index, idAt);
      discoverMentionedMembers(text, context.known);
      if (context.known.keptGivenNames.length > 0) discoverNamesakes(text, context.known);
    },
    confirm(message: Message, found: readonly Candidate[]): void {
      for (const c of found) if (c.category === 'person-name') confirmed.add(message.id, message.text, c);
    },
    readyToRescan(): boolean {
      confirmed.finish(context.lowerCaseUses, consistency.everydayUses);
      return confirmed.size > 0;
    },
    rescan(text: string, found: readonly FoundSpan[]): Candidate[] {
      const carried = scanConsistent(text, confirmed, found);
      if (carried.length === 0) return carried;
      // Uses of a name only the rules' weaker evidence confirmed ("America", a listed surname, in "South America")
      // are put to the model, which reads the message they are in; uses of a firmly confirmed name all stand.
      const m = model();
      const firm = (c: Candidate): boolean =>
        confirmed.get(text.slice(c.start, c.end).toLowerCase())?.firm ?? c.rule !== 'name:consistent';
      if (m === null || carried.every(firm)) return carried;
      const count = tokenise(text, context.known);
      const checked = keepCarried(carried, count, m.tag(text, count, context.lowerCaseUses), keep);
      return carried.filter((c) => firm(c) || checked.includes(c));
    },
  };
}

/** Where the message being read has organisations' handles (start, end pairs); reused from message to message. */
const organisationSpans: number[] = [];

/** Whether a candidate overlaps one of the spans (start, end pairs). */
function within(c: Candidate, spans: readonly number[]): boolean {
  for (let k = 0; k < spans.length; k += 2)
    if (c.start < (spans[k + 1] as number) && (spans[k] as number) < c.end) return true;
  return false;
}

const overlap = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end;

/** Options of {@link createNameRecogniser}. */
export interface NameRecogniserOptions {
  /** The statistical model that votes with the rules; `null` for the rules alone. Default: the built-in model. */
  model?: NameModel | null;
  /** The model's thresholds (default: the table in `confidence.ts`). */
  thresholds?: Partial<typeof modelThresholds>;
  /** How sure the model must be for each rule's find to stand (default: `keepWithModel` in `confidence.ts`). */
  keep?: Readonly<Record<string, number>>;
}

/** A name recogniser: the rules, with the model voting unless `model` is null (see the module comment). */
export function createNameRecogniser(options: NameRecogniserOptions = {}): Recogniser {
  const thresholds = { ...modelThresholds, ...options.thresholds };
  const keep = { ...keepWithModel, ...options.keep };
  const bars = keepBars(keep);
  let model = options.model;
  const currentModel = (): NameModel | null => {
    if (model === undefined) model = builtInNameModel();
    return model;
  };
  return {
    id: 'name',
    categories: ['person-name'],
    find(text: string, context: RecogniserContext, messageId = ''): Candidate[] {
      let found = scanNames(text, context, messageId);
      // An organisation's handle ("@BBCNews") is not a name, nor are its parts ("NRL_Bulldogs").
      const organisations = organisationSpans;
      // Truncating is a call into the runtime even on an empty array (most messages have no handle): only when needed.
      if (organisations.length > 0) organisations.length = 0;
      const mentions = mentionNames(text, context.known, organisations);
      if (organisations.length > 0 && found !== NONE) found = found.filter((c) => !within(c, organisations));
      // A handle is read whole, by what its parts say (handles.ts): no other rule proposes a word of it on its own.
      if (mentions !== NONE && found !== NONE) found = found.filter((c) => !mentions.some((h) => overlap(c, h)));
      const candidates = mentions === NONE ? found : found === NONE ? mentions : [...mentions, ...found];
      const m = currentModel();
      if (m === null) return candidates;
      const count = tokens.count;
      if (count === 0) return candidates;
      const probabilities = m.tag(text, count, context.lowerCaseUses);
      // Nothing the model reads and nothing the rules found: nothing to vote on (most messages of a clinical chat).
      if (m.read === 0 && candidates.length === 0) return candidates;
      // Nor does the model add a name where the rules ruled one out by what stands around it ("San Diego", "19 Jan").
      for (const x of ruledOut) organisations.push(x);
      return combine(text, count, candidates, probabilities, thresholds, bars, organisations, context.lowerCaseUses);
    },
    chatPasses: (context, messages) => namePasses(context, messages, currentModel, keep),
  };
}

/** The built-in name recogniser: the rules with the built-in model voting. */
export const nameRecogniser: Recogniser = createNameRecogniser();
