/**
 * Compact forms of the prepared case's messages and proposals, for their copy from the case worker to the page. A
 * structured clone of 40,000 message objects writes every property name and nested object one by one (about 180 ms in
 * the worker, on the way to review, and more on the page); in columns it is a few long strings, a few typed arrays
 * (moved, not copied) and small tables of the values many rows share. Unpacking gives back equal objects, field for
 * field; fields a row has beyond the usual ones travel as they are.
 */
import type { InScope } from '@im-records/case-settings';
import type { Message } from '@im-records/chat-import';
import type { Proposal } from '@im-records/redaction';

/**
 * The chat as the page holds it: the chats' titles, then the messages. A message's place is its index in that order
 * (a title's is its index among the titles, a message's the number of titles plus its index among the messages): the
 * proposals and the scope travel with places rather than message ids, so the page reads each id from the message
 * (one string, shared) and indexes by place with arrays instead of maps of 40,000 string keys.
 */
export interface ChatRows {
  titles: readonly Pick<Message, 'id'>[];
  messages: readonly Pick<Message, 'id'>[];
}

/** Each message's place by id, in a chat listed titles first (as the case worker holds it). */
export function messagePlaces(chat: Iterable<Pick<Message, 'id'>>): Map<string, number> {
  const places = new Map<string, number>();
  for (const message of chat) places.set(message.id, places.size);
  return places;
}

/** The id of the message at `place` (see {@link ChatRows}). */
function idAt(chat: ChatRows, place: number): string {
  const message = place < chat.titles.length ? chat.titles[place] : chat.messages[place - chat.titles.length];
  if (!message) throw new RangeError(`No message at place ${place} of the chat.`);
  return message.id;
}

/** The place of `messageId` in `places`; a proposal or scope entry always names a message of the chat. */
function placeOf(places: ReadonlyMap<string, number>, messageId: string): number {
  const place = places.get(messageId);
  if (place === undefined) throw new RangeError(`Message ${messageId} is not in the chat.`);
  return place;
}

/** Many strings as one, with where each ends: one copy instead of one per string. */
export interface PackedStrings {
  joined: string;
  ends: Uint32Array;
}

/** Values many rows share (authors, categories, rules…), each written once, with each row's index into them. */
export interface PackedTable<T> {
  values: T[];
  index: Uint32Array;
}

/** Messages in columns; `rest` carries each message's other fields (attachments, reply, channel…), shared if equal. */
export interface PackedMessages {
  count: number;
  id: PackedStrings;
  timestamp: PackedStrings;
  text: PackedStrings;
  author: PackedTable<string | null>;
  kind: PackedTable<Message['kind']>;
  sourceFile: PackedTable<string>;
  sourceLines: Float64Array;
  rest: PackedTable<Record<string, unknown> | null>;
}

/** Proposals in columns, the same way. */
export interface PackedProposals {
  count: number;
  id: PackedStrings;
  /** Each proposal's message, by its place in the chat (see {@link ChatRows}). */
  place: Uint32Array;
  text: PackedStrings;
  /** start, end and confidence of each proposal, three numbers a row. */
  numbers: Float64Array;
  category: PackedTable<Proposal['category']>;
  rule: PackedTable<string>;
  exemption: PackedTable<string>;
  status: PackedTable<Proposal['status']>;
  /** The optional fields most proposals leave out or share, a column each (see {@link OptionalColumn}). */
  optional: { [Field in OptionalField]: OptionalColumn<NonNullable<Proposal[Field]>> };
  /** Any other field a proposal has, shared if equal (none, from the engine as it is). */
  rest: PackedTable<Record<string, unknown> | null>;
}

/** The optional fields of a proposal that travel in columns of their own. */
type OptionalField = 'role' | 'personKey' | 'group' | 'origin' | 'alsoExemptions';
const optionalFields: readonly OptionalField[] = ['role', 'personKey', 'group', 'origin', 'alsoExemptions'];

/** A {@link PackedTable} for a field a row may leave out: index 0 is "not set", n the value at n − 1. */
export type OptionalColumn<T> = PackedTable<T>;

function packStrings(count: number, valueAt: (i: number) => string): PackedStrings {
  const parts: string[] = [];
  const ends = new Uint32Array(count);
  let end = 0;
  for (let i = 0; i < count; i++) {
    const value = valueAt(i);
    parts.push(value);
    end += value.length;
    ends[i] = end;
  }
  return { joined: parts.join(''), ends };
}

function unpackStrings({ joined, ends }: PackedStrings): string[] {
  const values: string[] = new Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    values[i] = joined.slice(start, end);
    start = end;
  }
  return values;
}

/** Builds a table column; `keyOf` says when two values are the same (by default, the value itself). */
function tableBuilder<T>(count: number, keyOf: (value: T) => unknown = (value) => value) {
  const values: T[] = [];
  const positions = new Map<unknown, number>();
  const index = new Uint32Array(count);
  return {
    set(row: number, value: T) {
      const key = keyOf(value);
      let position = positions.get(key);
      if (position === undefined) {
        position = values.length;
        values.push(value);
        positions.set(key, position);
      }
      index[row] = position;
    },
    done: (): PackedTable<T> => ({ values, index }),
  };
}

/**
 * A key for a row's other fields: rows whose fields hold the same values (objects by identity, as the worker shares
 * them) share one table entry, which the clone copies once and every such row refers to.
 */
function restKeys(): (rest: Record<string, unknown> | null) => string {
  const identities = new Map<object, number>();
  return (rest) => {
    if (rest === null) return '';
    let key = '';
    for (const name in rest) {
      const value = rest[name];
      let written: string;
      if (typeof value === 'object' && value !== null) {
        let identity = identities.get(value);
        if (identity === undefined) {
          identity = identities.size;
          identities.set(value, identity);
        }
        written = `#${identity}`;
      } else written = `${typeof value}:${String(value)}`;
      key += `${name}\u0000${written}\u0001`;
    }
    return key;
  };
}

/** The fields of `row` other than `known` (which every row has), or null when there are none. */
function restOf(row: object, known: ReadonlySet<string>): Record<string, unknown> | null {
  const keys = Object.keys(row);
  if (keys.length === known.size) return null;
  let rest: Record<string, unknown> | null = null;
  for (const key of keys) {
    if (known.has(key)) continue;
    rest ??= {};
    rest[key] = (row as Record<string, unknown>)[key];
  }
  return rest;
}

const messageFields = new Set(['id', 'timestamp', 'author', 'text', 'kind', 'source', 'attachments']);

/** Packs messages for the page; every buffer in the result can be transferred (see {@link packedBuffers}). */
export function packMessages(messages: readonly Message[]): PackedMessages {
  const count = messages.length;
  const author = tableBuilder<string | null>(count);
  const kind = tableBuilder<Message['kind']>(count);
  const sourceFile = tableBuilder<string>(count);
  const rest = tableBuilder<Record<string, unknown> | null>(count, restKeys());
  const sourceLines = new Float64Array(count * 2);
  messages.forEach((message, i) => {
    author.set(i, message.author);
    kind.set(i, message.kind);
    sourceFile.set(i, message.source.file);
    sourceLines[2 * i] = message.source.line;
    sourceLines[2 * i + 1] = message.source.lineEnd;
    // Attachments are rare: an empty list is left out and given back on unpacking.
    const others = restOf(message, messageFields);
    const withAttachments = message.attachments.length > 0 ? { attachments: message.attachments, ...others } : others;
    rest.set(i, withAttachments);
  });
  return {
    count,
    id: packStrings(count, (i) => (messages[i] as Message).id),
    timestamp: packStrings(count, (i) => (messages[i] as Message).timestamp),
    text: packStrings(count, (i) => (messages[i] as Message).text),
    author: author.done(),
    kind: kind.done(),
    sourceFile: sourceFile.done(),
    sourceLines,
    rest: rest.done(),
  };
}

/** The messages a {@link PackedMessages} was made from, equal field for field. */
export function unpackMessages(packed: PackedMessages): Message[] {
  const ids = unpackStrings(packed.id);
  const timestamps = unpackStrings(packed.timestamp);
  const texts = unpackStrings(packed.text);
  const messages: Message[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const others = packed.rest.values[packed.rest.index[i] as number] ?? null;
    const message: Message = {
      id: ids[i] as string,
      timestamp: timestamps[i] as string,
      author: packed.author.values[packed.author.index[i] as number] as string | null,
      text: texts[i] as string,
      kind: packed.kind.values[packed.kind.index[i] as number] as Message['kind'],
      attachments: [],
      source: {
        file: packed.sourceFile.values[packed.sourceFile.index[i] as number] as string,
        line: packed.sourceLines[2 * i] as number,
        lineEnd: packed.sourceLines[2 * i + 1] as number,
      },
    };
    // A list or object shared by several messages here was shared by them in the worker too.
    if (others) Object.assign(message, others);
    messages[i] = message;
  }
  return messages;
}

const proposalFields = new Set<string>([
  'id',
  'messageId',
  'start',
  'end',
  'text',
  'category',
  'confidence',
  'rule',
  'exemption',
  'status',
  ...optionalFields,
]);

/** The fields of `row` not in `known` (which rows may have), or null when there are none. */
function othersOf(row: object, known: ReadonlySet<string>): Record<string, unknown> | null {
  let rest: Record<string, unknown> | null = null;
  for (const key in row) {
    if (known.has(key)) continue;
    rest ??= {};
    rest[key] = (row as Record<string, unknown>)[key];
  }
  return rest;
}

/** Builds an {@link OptionalColumn}: equal values (objects by identity) written once. */
function optionalColumnBuilder<T>(count: number) {
  const values: T[] = [];
  const positions = new Map<T, number>();
  const index = new Uint32Array(count);
  return {
    set(row: number, value: T | undefined) {
      if (value === undefined) return;
      let position = positions.get(value);
      if (position === undefined) {
        values.push(value);
        position = values.length;
        positions.set(value, position);
      }
      index[row] = position;
    },
    done: (): OptionalColumn<T> => ({ values, index }),
  };
}

/**
 * Packs proposals for the page; their optional fields (role, person, group, origin, further exemptions) go in columns
 * of their own, each distinct value written once.
 */
export function packProposals(proposals: readonly Proposal[], places: ReadonlyMap<string, number>): PackedProposals {
  const count = proposals.length;
  const place = new Uint32Array(count);
  const role = optionalColumnBuilder<NonNullable<Proposal['role']>>(count);
  const personKey = optionalColumnBuilder<string>(count);
  const group = optionalColumnBuilder<string>(count);
  const origin = optionalColumnBuilder<string>(count);
  const alsoExemptions = optionalColumnBuilder<readonly string[]>(count);
  const category = tableBuilder<Proposal['category']>(count);
  const rule = tableBuilder<string>(count);
  const exemption = tableBuilder<string>(count);
  const status = tableBuilder<Proposal['status']>(count);
  const rest = tableBuilder<Record<string, unknown> | null>(count, restKeys());
  const numbers = new Float64Array(count * 3);
  proposals.forEach((proposal, i) => {
    category.set(i, proposal.category);
    rule.set(i, proposal.rule);
    exemption.set(i, proposal.exemption);
    status.set(i, proposal.status);
    place[i] = placeOf(places, proposal.messageId);
    numbers[3 * i] = proposal.start;
    numbers[3 * i + 1] = proposal.end;
    numbers[3 * i + 2] = proposal.confidence;
    role.set(i, proposal.role);
    personKey.set(i, proposal.personKey);
    group.set(i, proposal.group);
    origin.set(i, proposal.origin);
    alsoExemptions.set(i, proposal.alsoExemptions);
    rest.set(i, othersOf(proposal, proposalFields));
  });
  return {
    count,
    id: packStrings(count, (i) => (proposals[i] as Proposal).id),
    place,
    text: packStrings(count, (i) => (proposals[i] as Proposal).text),
    numbers,
    category: category.done(),
    rule: rule.done(),
    exemption: exemption.done(),
    status: status.done(),
    optional: {
      role: role.done(),
      personKey: personKey.done(),
      group: group.done(),
      origin: origin.done(),
      alsoExemptions: alsoExemptions.done(),
    },
    rest: rest.done(),
  };
}

/** The proposals as the page holds them: the list, and each one's message by its place in the chat. */
export interface PlacedProposals {
  list: Proposal[];
  places: Uint32Array;
}

/**
 * The proposals a {@link PackedProposals} was made from, equal field for field, with their messages' places; `chat`
 * is the chat they were packed against. Their further exemptions stay shared between proposals, read-only, as the
 * engine makes them.
 */
export function unpackProposals(packed: PackedProposals, chat: ChatRows): PlacedProposals {
  const ids = unpackStrings(packed.id);
  const texts = unpackStrings(packed.text);
  const proposals: Proposal[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const others = packed.rest.values[packed.rest.index[i] as number] ?? null;
    const proposal: Proposal = {
      id: ids[i] as string,
      messageId: idAt(chat, packed.place[i] as number),
      start: packed.numbers[3 * i] as number,
      end: packed.numbers[3 * i + 1] as number,
      text: texts[i] as string,
      category: packed.category.values[packed.category.index[i] as number] as Proposal['category'],
      confidence: packed.numbers[3 * i + 2] as number,
      rule: packed.rule.values[packed.rule.index[i] as number] as string,
      exemption: packed.exemption.values[packed.exemption.index[i] as number] as string,
      status: packed.status.values[packed.status.index[i] as number] as Proposal['status'],
    };
    for (const field of optionalFields) {
      const column = packed.optional[field];
      const position = column.index[i] as number;
      if (position !== 0) (proposal as unknown as Record<string, unknown>)[field] = column.values[position - 1];
    }
    if (others) Object.assign(proposal, others);
    proposals[i] = proposal;
  }
  return { list: proposals, places: packed.place };
}

/** The messages in scope with their reasons, by place (see {@link ChatRows}); each list of reasons written once. */
export interface PackedScope {
  place: Uint32Array;
  reasons: PackedTable<string[]>;
  /** 1 for an entry selected only by a name that may be someone else's (`InScope.uncertain`), else 0. */
  uncertain: Uint8Array;
}

/** Packs the in-scope entries (`scopeMessages`' `inScope`) for the page. */
export function packScope(inScope: readonly InScope[], places: ReadonlyMap<string, number>): PackedScope {
  const place = new Uint32Array(inScope.length);
  const reasons = tableBuilder<string[]>(inScope.length, (list) => list.join('\n'));
  const uncertain = new Uint8Array(inScope.length);
  inScope.forEach((entry, i) => {
    place[i] = placeOf(places, entry.messageId);
    reasons.set(i, entry.reasons);
    if (entry.uncertain) uncertain[i] = 1;
  });
  return { place, reasons: reasons.done(), uncertain };
}

/** The scope as the page holds it: the entries, and for each message (by index among the messages) whether in scope. */
export interface UnpackedScope {
  /** The in-scope entries; the entries with the same reasons share one list of them. */
  inScope: InScope[];
  /** 1 for a message in scope, 0 for one out of scope, by the message's index in `messages` (titles have none). */
  messagesInScope: Uint8Array;
}

/** 1 for each message in `packed` (a {@link packScope}), 0 for the others, by the message's index among the messages. */
export function messagesInScopeOf(packed: PackedScope, titleCount: number, messageCount: number): Uint8Array {
  const messagesInScope = new Uint8Array(messageCount);
  for (const place of packed.place) if (place >= titleCount) messagesInScope[place - titleCount] = 1;
  return messagesInScope;
}

/** The in-scope entries a {@link PackedScope} was made from, and which messages are in scope, for `chat`. */
export function unpackScope(packed: PackedScope, chat: ChatRows): UnpackedScope {
  const titleCount = chat.titles.length;
  const messagesInScope = messagesInScopeOf(packed, titleCount, chat.messages.length);
  const inScope: InScope[] = new Array(packed.place.length);
  for (let i = 0; i < packed.place.length; i++) {
    const place = packed.place[i] as number;
    const entry: InScope = {
      messageId: idAt(chat, place),
      reasons: packed.reasons.values[packed.reasons.index[i] as number] as string[],
    };
    if (packed.uncertain[i] === 1) entry.uncertain = true;
    inScope[i] = entry;
  }
  return { inScope, messagesInScope };
}

/** The buffers of a packed form, to transfer rather than copy (the packed form is made for one send). */
export function packedBuffers(packed: PackedMessages | PackedProposals | PackedScope): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(packed)) {
    if (ArrayBuffer.isView(value)) buffers.push(value.buffer as ArrayBuffer);
    else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) {
        if (ArrayBuffer.isView(inner)) buffers.push(inner.buffer as ArrayBuffer);
        // The optional columns of proposals, one level further down.
        else if (inner !== null && typeof inner === 'object' && 'index' in inner && ArrayBuffer.isView(inner.index))
          buffers.push(inner.index.buffer as ArrayBuffer);
      }
    }
  }
  return buffers;
}
