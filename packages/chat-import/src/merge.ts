import { MergeError } from './errors.ts';
import { countParticipants } from './import.ts';
import type { Conversation, ImportWarning, Message } from './model.ts';

function instant(timestamp: string): number {
  return Date.parse(timestamp);
}

/**
 * Merges two exports of the same chat (say, a phone exported twice, months apart) into one conversation without
 * duplicates: message ids are derived from content and time, so a message present in both keeps one copy. Messages
 * are ordered by time; at equal times `a`'s come first and each file's own order is kept.
 */
export function mergeConversations(a: Conversation, b: Conversation): Conversation {
  if (a.source.format !== b.source.format) {
    throw new MergeError(
      `Cannot merge a ${a.source.format} export (${a.source.fileName}) with a ${b.source.format} export (${b.source.fileName}).`,
    );
  }
  if (a.timeZone !== b.timeZone) {
    throw new MergeError(
      `Cannot merge exports read in different time zones (${a.timeZone} and ${b.timeZone}); import both in the same zone.`,
    );
  }
  const ids = new Set(a.messages.map((m) => m.id));
  const added = b.messages.filter((m) => !ids.has(m.id));
  const tagged: { m: Message; t: number; order: number }[] = [];
  for (const m of a.messages) tagged.push({ m, t: instant(m.timestamp), order: tagged.length });
  for (const m of added) tagged.push({ m, t: instant(m.timestamp), order: tagged.length });
  tagged.sort((x, y) => x.t - y.t || x.order - y.order);
  const messages = tagged.map((x) => x.m);
  const duplicates = b.messages.length - added.length;
  const warnings: ImportWarning[] = [
    ...a.warnings.map((w) => ({ ...w, file: w.file ?? a.source.fileName })),
    ...b.warnings.map((w) => ({ ...w, file: w.file ?? b.source.fileName })),
  ];
  if (duplicates === 0 && a.messages.length > 0 && b.messages.length > 0) {
    warnings.push({
      line: 0,
      message: `${a.source.fileName} and ${b.source.fileName} have no message in common; check they are exports of the same chat.`,
    });
  }
  const nativeIds = new Map<string, string>();
  for (const p of [...a.participants, ...b.participants]) if (p.nativeId) nativeIds.set(p.name, p.nativeId);
  return {
    title: a.title,
    source: a.source,
    timeZone: a.timeZone,
    participants: countParticipants(messages, nativeIds),
    messages,
    warnings,
    reconciliation: {
      linesRead: a.reconciliation.linesRead + b.reconciliation.linesRead,
      linesPlaced: a.reconciliation.linesPlaced + b.reconciliation.linesPlaced,
    },
    sources: [...(a.sources ?? [a.source]), ...(b.sources ?? [b.source])],
  };
}
