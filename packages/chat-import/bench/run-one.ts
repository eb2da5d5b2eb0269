/**
 * Child process of the benchmark: parses one file with one parser and prints JSON figures. Each parser runs in a
 * process of its own so that its peak memory is its own.
 *
 * Measured, the same way for both parsers:
 * - `ms`: wall time from the file's bytes being in memory to the parsed result (ours: `importChat`, which also
 *   hashes the file with SHA-256 and builds the full model; the peer: UTF-8 decoding, which it needs, then
 *   `parseString`). Reading the file is not timed.
 * - `rssBefore`: resident set size (RSS) after Node has started, the modules are loaded and the file has been read.
 * - `peakRss`: the process's peak RSS (`VmHWM`, via `process.resourceUsage().maxRSS`) at the end.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { parseString } from 'whatsapp-chat-parser';
import { importChat, type Message } from '../src/index.ts';

/**
 * The floor of any parser that returns this package's model: no reading at all, only allocating what the result holds
 * for each message — the message object, its source span, a fresh 16-character id, a text (a slice of one shared
 * string, as the parser's texts are slices of decoded batches) and, for 7 messages in 10 (the share whose minute
 * differs from the message before in the benchmark's export), a fresh ISO timestamp.
 */
const ISO_HEAD = [...'2021-01-04T'].map((c) => c.charCodeAt(0));
const ISO_TAIL = [...':00+00:00'].map((c) => c.charCodeAt(0));
/** Shared by every message without attachments, as in the importer. */
const NO_ATTACHMENTS: Message['attachments'] = [];

function allocateModelFloor(count: number): Message[] {
  const shared = 'patient bed ward handover obs stable review bloods results pending discharge pharmacy meds '.repeat(
    12_000,
  );
  const out: Message[] = new Array(count);
  let timestamp = '';
  for (let i = 0; i < count; i++) {
    if (i % 10 < 7) {
      // One flat string, as the importer's are: "2021-01-04THH:MM:00+00:00".
      const m = i % 60;
      const h = ((i / 60) | 0) % 24;
      timestamp = String.fromCharCode(
        ...ISO_HEAD,
        48 + ((h / 10) | 0),
        48 + (h % 10),
        58,
        48 + ((m / 10) | 0),
        48 + (m % 10),
        ...ISO_TAIL,
      );
    }
    const c = 97 + (i % 26);
    const id = String.fromCharCode(c, c, 48 + (i % 10), c, c, c, c, c, c, c, c, c, c, c, 48 + ((i >> 4) % 10), c);
    const from = (i * 53) % 1_000_000;
    out[i] = {
      id,
      timestamp,
      author: 'Dr Amira Shah',
      text: shared.slice(from, from + 40 + (i % 30)),
      kind: 'message',
      attachments: NO_ATTACHMENTS,
      source: { file: 'chat.txt', line: i + 1, lineEnd: i + 1 },
    };
  }
  return out;
}

const [parser, file] = process.argv.slice(2) as [string, string];
const buffer = readFileSync(file);
// A view, not a copy: the file's bytes are held once.
const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
let messages = 0;
if (parser === 'ours') {
  const archive = await importChat({ fileName: 'WhatsApp Chat with Ward 7.txt', bytes });
  messages = archive.conversation.messages.length;
  if (archive.conversation.reconciliation.linesRead !== archive.conversation.reconciliation.linesPlaced)
    throw new Error('reconciliation failed');
} else if (parser === 'floor') {
  messages = allocateModelFloor(Number(process.env.FLOOR_MESSAGES ?? 1_000_000)).length;
} else {
  const text = new TextDecoder().decode(bytes);
  messages = parseString(text, { parseAttachments: true }).length;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ parser, ms, messages, bytes: bytes.length, rssBefore, peakRss: resourceUsage().maxRSS * 1024 })}\n`,
);
