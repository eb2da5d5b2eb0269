import { readFileSync } from 'node:fs';
import type { ImportOptions, Message, MessageList } from '../src/index.ts';
import { importChat } from '../src/index.ts';

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export async function load(name: string, options: ImportOptions = {}) {
  return (await importChat({ fileName: name, bytes: fixture(name) }, options)).conversation;
}
export async function fromText(text: string, fileName = 'chat.txt', options: ImportOptions = {}) {
  return (await importChat({ fileName, bytes: utf8(text) }, options)).conversation;
}
/** A conversation's messages as an array, for assertions that use array methods (the list itself is read-only). */
export const list = (messages: MessageList): Message[] => Array.from(messages);
