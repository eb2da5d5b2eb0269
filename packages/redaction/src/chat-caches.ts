/**
 * Detection keeps some answers between messages because a chat repeats itself (a word's inflection, a phone number's
 * parse, a word's dictionary flags). Those caches are keyed by the chat's own words and numbers, so they are emptied
 * at the start of every detection run — one chat's content never decides another's result, which keeps detection
 * deterministic — and when the officer closes a case, so nothing of it stays in the worker's memory.
 */
import { forgetKeptWords, keptWordCount } from './lexicon.ts';
import { forgetKeptWordFlags, keptWordFlagCount } from './model/features.ts';
import { forgetWordWeights, keptWordWeightCount } from './model/tagger.ts';
import { forgetKeptNumbers, keptNumberCount } from './recognisers/identifiers.ts';
import { forgetUnknownWords, keptUnknownWordCount } from './recognisers/names/rules.ts';

/** Empties every cache detection fills from a chat's text. */
export function forgetChatCaches(): void {
  forgetKeptWords();
  forgetKeptNumbers();
  forgetKeptWordFlags();
  forgetWordWeights();
  forgetUnknownWords();
}

/** How many answers those caches hold now (0 after {@link forgetChatCaches}); for tests. */
export function keptChatAnswers(): number {
  return keptWordCount() + keptNumberCount() + keptWordFlagCount() + keptWordWeightCount() + keptUnknownWordCount();
}
