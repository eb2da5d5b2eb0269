/**
 * The conversations of a disclosure: unrelated chats added to one case (or a Slack export's channels) are kept apart,
 * each with its own transcript section under its safe title, in the PDF, the HTML and the CSV alike.
 */
import type { DisclosedConversation, DisclosedMessage, DisclosedSection } from '@im-records/redaction';

/** The sections of a disclosure, or one section titled with the disclosed title when it has none. */
export function sectionsOf(disclosed: DisclosedConversation): DisclosedSection[] {
  return disclosed.sections && disclosed.sections.length > 0
    ? disclosed.sections
    : [{ key: '', title: disclosed.title, segments: [{ type: 'text', text: disclosed.title }] }];
}

/** The messages section by section (in the order of the sections), each section's in time order as disclosed. */
export function inSectionOrder(disclosed: DisclosedConversation): DisclosedMessage[] {
  const sections = sectionsOf(disclosed);
  if (sections.length < 2) return disclosed.messages;
  const rank = new Map(sections.map((section, index) => [section.key, index]));
  return disclosed.messages
    .map((message, index) => ({ message, index }))
    .sort(
      (a, b) =>
        (rank.get(a.message.section ?? '') ?? 0) - (rank.get(b.message.section ?? '') ?? 0) || a.index - b.index,
    )
    .map(({ message }) => message);
}
