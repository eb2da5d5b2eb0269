/**
 * The last check before release: values the disclosure withholds in one place that it still shows in another. Detection
 * reads each place on its own evidence, so a word withheld as a name in "[enrique:master] 1 new commit" can stay in
 * clear in a link ("github.com/mesos-magellan/enrique/…") or where the rules took it for an ordinary word. Each such
 * value undoes its own redaction: the officer is shown it, and can withhold every occurrence (an `add-term` decision).
 */
import type { Conversation } from '@im-records/chat-import';
import type { KeptSpan } from './detect/types.ts';
import { isCommonWord, isLowerCaseWord } from './lexicon.ts';
import type { DisclosedConversation, Proposal, RedactionCategory } from './types.ts';

/** A withheld value that the disclosure still shows elsewhere. */
export interface StillVisible {
  /** The value as it was first withheld (the officer's term for withholding every occurrence). */
  text: string;
  category: RedactionCategory;
  /** How many times the disclosed text still shows it. */
  places: number;
  /** The messages that show it, in the disclosure's order (the first 5). */
  messageIds: string[];
}

/** Values with fewer letters and digits than this are not looked for: they would match ordinary words. */
const MIN_LENGTH = 4;

const wordChar = /[\p{L}\p{N}]/u;
const words = /[\p{L}\p{N}]+/gu;

/** The value as compared: lower case, its runs of anything but letters and digits made one space. */
function normalise(value: string): string {
  return (value.toLowerCase().match(words) ?? []).join(' ');
}

/**
 * The withheld proposals' values (proposals the officer has not rejected, after `applyDecisions`) that the disclosure
 * still shows as a whole word — in a link too, where "/" or "." bounds it — most places first: their uses in the
 * disclosed messages' text that no withheld proposal covers, nor a span detection `kept` (the SAR subject's own name,
 * kept staff: "Margaret" of the subject "Margaret Thompson" is shown by design where another patient's "Margaret
 * Evans" is withheld). Values shorter than four letters and digits are not looked for. Chat titles, attachment names
 * and messages out of scope are not read.
 */
export function stillVisible(
  conversation: Conversation,
  disclosed: DisclosedConversation,
  withheld: readonly Proposal[],
  kept: readonly KeptSpan[] = [],
): StillVisible[] {
  /** The values to look for, by their first word (a value is matched from there). */
  const byFirstWord = new Map<string, { value: string; capital: boolean; entry: StillVisible }[]>();
  const seen = new Set<string>();
  for (const proposal of withheld) {
    if (proposal.status === 'rejected') continue;
    const value = normalise(proposal.text);
    if (value.replace(/ /g, '').length < MIN_LENGTH || seen.has(value)) continue;
    seen.add(value);
    const first = value.split(' ', 1)[0] as string;
    const entry: StillVisible = { text: proposal.text, category: proposal.category, places: 0, messageIds: [] };
    // "Will", "Hope", "Grace": a name that is an everyday word in lower case is looked for with its capital only, or
    // every "will" of the chat would be listed.
    const capital =
      /^\p{Lu}/u.test(proposal.text) && value === first && (isLowerCaseWord(value) || isCommonWord(value));
    const list = byFirstWord.get(first);
    if (list) list.push({ value, capital, entry });
    else byFirstWord.set(first, [{ value, capital, entry }]);
  }
  if (byFirstWord.size === 0) return [];
  // What the disclosure hides or shows by design, by message: a use inside one of these spans is not "still shown".
  const covered = new Map<string, number[]>();
  const cover = (messageId: string, start: number, end: number) => {
    const spans = covered.get(messageId);
    if (spans) spans.push(start, end);
    else covered.set(messageId, [start, end]);
  };
  for (const p of withheld) if (p.status !== 'rejected') cover(p.messageId, p.start, p.end);
  for (const k of kept) cover(k.messageId, k.start, k.end);
  const inScope = new Set(disclosed.messages.map((message) => message.id));
  for (const message of conversation.messages) {
    if (!inScope.has(message.id)) continue;
    const text = message.text;
    const spans = covered.get(message.id);
    words.lastIndex = 0;
    for (let m = words.exec(text); m !== null; m = words.exec(text)) {
      const candidates = byFirstWord.get(m[0].toLowerCase());
      if (!candidates) continue;
      const capitalised = /^\p{Lu}/u.test(m[0]);
      for (const { value, capital, entry } of candidates) {
        const end = capital && !capitalised ? -1 : endOfMatch(text, m.index, value);
        if (end < 0 || (spans && inside(spans, m.index, end))) continue;
        entry.places++;
        if (entry.messageIds.at(-1) !== message.id && entry.messageIds.length < 5) entry.messageIds.push(message.id);
      }
    }
  }
  const found: StillVisible[] = [];
  for (const list of byFirstWord.values()) for (const { entry } of list) if (entry.places > 0) found.push(entry);
  return found.sort((a, b) => b.places - a.places || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/**
 * Where `value` (normalised) ends when it is written at `start` of `text` as whole words, whatever separates them, or
 * -1 when it is not.
 */
function endOfMatch(text: string, start: number, value: string): number {
  let at = start;
  for (const part of value.split(' ')) {
    // Skip what separates the words (spaces, hyphens, full stops), then compare the word itself.
    while (at < text.length && !wordChar.test(text.charAt(at))) at++;
    if (text.slice(at, at + part.length).toLowerCase() !== part) return -1;
    at += part.length;
  }
  return at >= text.length || !wordChar.test(text.charAt(at)) ? at : -1;
}

/** Whether [start, end) lies inside one of the spans (start, end pairs). */
function inside(spans: readonly number[], start: number, end: number): boolean {
  for (let k = 0; k < spans.length; k += 2)
    if ((spans[k] as number) <= start && end <= (spans[k + 1] as number)) return true;
  return false;
}
