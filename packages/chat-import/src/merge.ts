import { MergeError } from './errors.ts';
import { countParticipants } from './import.ts';
import type { Conversation, ImportWarning, Message, MessageList } from './model.ts';

/** The content hash of an id: the id without its occurrence suffix (`0123456789abcdef-2` → `0123456789abcdef`). */
export function contentOf(id: string): string {
  const dash = id.indexOf('-');
  return dash < 0 ? id : id.slice(0, dash);
}

/** Messages grouped by instant, each group in file order. */
function byInstant(messages: MessageList): Map<number, Message[]> {
  const groups = new Map<number, Message[]>();
  for (const m of messages) {
    const t = Date.parse(m.timestamp);
    const group = groups.get(t);
    if (group) group.push(m);
    else groups.set(t, [m]);
  }
  return groups;
}

/** Length of the longest suffix of `x` that is a prefix of `y` (by content hash), in linear time (KMP). */
function overlap(x: readonly string[], y: readonly string[]): number {
  if (x.length === 0 || y.length === 0) return 0;
  const fail = new Int32Array(y.length);
  for (let i = 1, k = 0; i < y.length; i++) {
    while (k > 0 && y[i] !== y[k]) k = fail[k - 1] as number;
    if (y[i] === y[k]) k++;
    fail[i] = k;
  }
  let k = 0;
  for (let i = Math.max(0, x.length - y.length); i < x.length; i++) {
    while (k > 0 && (k === y.length || x[i] !== y[k])) k = fail[k - 1] as number;
    if (x[i] === y[k]) k++;
  }
  return k;
}

interface Placed {
  message: Message;
  /** 0: from `a`, 1: from `b`. */
  from: 0 | 1;
  /** Id of the same message in the other export, when both have it. */
  twin?: string;
}

/**
 * One instant present in both exports. Either export may have been cut inside it (an export ends, or a later one
 * starts, in the middle of a minute), so the instant's true run is one export's messages followed by the rest of the
 * other's, joined where the end of the first repeats the start of the second: the longer such overlap wins (`a`
 * first on a tie). Identical messages are matched by position in this alignment, not by their occurrence numbers,
 * which start from 1 in each file and so disagree when one export starts between two identical messages.
 */
function mergeInstant(a: Message[], b: Message[]): Placed[] {
  const ca = a.map((m) => contentOf(m.id));
  const cb = b.map((m) => contentOf(m.id));
  const ab = overlap(ca, cb);
  const ba = overlap(cb, ca);
  const [first, second, fromFirst, k] = ab >= ba ? [a, b, 0 as const, ab] : [b, a, 1 as const, ba];
  const placed: Placed[] = first.map((message) => ({ message, from: fromFirst }));
  for (let i = 0; i < k; i++) {
    (placed[first.length - k + i] as Placed).twin = (second[i] as Message).id;
  }
  for (const message of second.slice(k)) placed.push({ message, from: fromFirst === 0 ? 1 : 0 });
  return placed;
}

/**
 * Merges two exports of the same chat (say, a phone exported twice, months apart) into one conversation without
 * duplicates. Message ids are content hashes numbered by occurrence, so a message present in both exports is kept
 * once; at an instant both exports hold, identical repeated messages are aligned by position (see the README), and
 * the merged conversation's ids are renumbered so they stay unique, as a single export of the whole chat would give
 * them. Messages are ordered by time, each export's order kept within an instant. Replies follow renumbered ids.
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
  const groupsA = byInstant(a.messages);
  const groupsB = byInstant(b.messages);
  const instants = [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort((x, y) => x - y);
  const placed: Placed[] = [];
  for (const t of instants) {
    const ga = groupsA.get(t);
    const gb = groupsB.get(t);
    if (ga && gb) placed.push(...mergeInstant(ga, gb));
    else if (ga) for (const message of ga) placed.push({ message, from: 0 });
    else if (gb) for (const message of gb) placed.push({ message, from: 1 });
  }

  // Renumber occurrences within each instant so ids stay unique; remember renames (and twins) for replies.
  const renamed: [Map<string, string>, Map<string, string>] = [new Map(), new Map()];
  const seen = new Map<string, number>();
  let instant = Number.NaN;
  const ids: string[] = [];
  for (const p of placed) {
    const t = Date.parse(p.message.timestamp);
    if (t !== instant) {
      seen.clear();
      instant = t;
    }
    const content = contentOf(p.message.id);
    const count = (seen.get(content) ?? 0) + 1;
    seen.set(content, count);
    const id = count === 1 ? content : `${content}-${count}`;
    ids.push(id);
    if (id !== p.message.id) renamed[p.from].set(p.message.id, id);
    if (p.twin !== undefined) renamed[p.from === 0 ? 1 : 0].set(p.twin, id);
  }
  const messages = placed.map((p, i) => {
    const id = ids[i] as string;
    const replyTo = p.message.replyTo === undefined ? undefined : renamed[p.from].get(p.message.replyTo);
    if (id === p.message.id && replyTo === undefined) return p.message;
    const copy: Message = { ...p.message, id };
    if (replyTo !== undefined) copy.replyTo = replyTo;
    return copy;
  });

  const duplicates = a.messages.length + b.messages.length - messages.length;
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
