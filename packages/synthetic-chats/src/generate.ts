/**
 * Generates a synthetic ward chat: a cast (faker, seeded), message bodies (templates, seeded) and the WhatsApp export
 * text in Android or iOS style, with the gold spans of every identifier.
 */
import { createCast, type SyntheticCast } from './cast.ts';
import { Random } from './random.ts';
import { type GoldSpan, writeMessage } from './templates.ts';

/** The two WhatsApp export styles the generator writes. */
export type ExportStyle = 'android' | 'ios';

/** Options of {@link generateClinicalChat}. */
export interface ClinicalChatOptions {
  /** Same seed, same chat, byte for byte. */
  seed: number;
  /** Number of messages (the benchmark uses 1,000,000). */
  messages: number;
  /** Export style; default `android`. */
  style?: ExportStyle;
  /** Number of patients in the cast; default scales with the message count (20..400). */
  patients?: number;
  /** Number of staff in the chat; default 8. */
  staff?: number;
  /** Share of names drawn from locales the engine's name lists were not built from; default 0.3. */
  heldOutNameShare?: number;
  /** Share of messages that carry personal data; default 0.45. */
  identifyingShare?: number;
  /** Whether to build the export text (skip it for very big chats that only need messages); default true. */
  exportText?: boolean;
}

/** One generated message with its gold spans (JSONL shape `{id, text, spans}` plus author and time). */
export interface GoldMessage {
  id: string;
  /** Local wall-clock time, `YYYY-MM-DDTHH:MM:SS` (the export has no zone). */
  timestamp: string;
  /** Author display name as the export shows it; null for the system notice. */
  author: string | null;
  text: string;
  spans: GoldSpan[];
  /** File name of an attachment, when the message is a shared file. */
  attachment?: string;
}

/** A generated chat. */
export interface ClinicalChat {
  seed: number;
  style: ExportStyle;
  title: string;
  cast: SyntheticCast;
  messages: GoldMessage[];
  /** The WhatsApp export text ('' when `exportText` was false). */
  exportText: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function formatLocal(ms: number): { iso: string; date: string; time: string; seconds: string } {
  const d = new Date(ms);
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const seconds = pad(d.getUTCSeconds());
  const iso = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${time}:${seconds}`;
  return { iso, date, time, seconds };
}

/** Formats messages as a WhatsApp export in the chosen style (continuation lines follow the header line). */
export function toWhatsAppExport(messages: readonly GoldMessage[], style: ExportStyle): string {
  const parts: string[] = [];
  for (const m of messages) {
    const [, date = '', hm = '', sec = '00'] = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d):(\d\d)$/.exec(m.timestamp) ?? [];
    const [y, mo, d] = date.split('-');
    const dmy = `${d}/${mo}/${y}`;
    const body = m.attachment
      ? style === 'android'
        ? `${m.attachment} (file attached)${m.text ? `\n${m.text}` : ''}`
        : `<attached: ${m.attachment}>${m.text ? `\n${m.text}` : ''}`
      : m.text;
    const who = m.author === null ? '' : `${m.author}: `;
    parts.push(style === 'android' ? `${dmy}, ${hm} - ${who}${body}\n` : `[${dmy}, ${hm}:${sec}] ${who}${body}\n`);
  }
  return parts.join('');
}

/** One gold line per message, `{id, text, spans}`, for scoring any engine against the chat. */
export function toGoldJsonl(messages: readonly GoldMessage[]): string {
  return messages.map((m) => JSON.stringify({ id: m.id, text: m.text, spans: m.spans })).join('\n');
}

/**
 * Generates a synthetic UK clinical chat. Faker (en_GB and a few other locales for held-out names) is loaded lazily on
 * the first call, so importing this package costs nothing until a chat is generated.
 */
export async function generateClinicalChat(options: ClinicalChatOptions): Promise<ClinicalChat> {
  const seed = options.seed >>> 0;
  const count = Math.max(0, Math.floor(options.messages));
  const style = options.style ?? 'android';
  const random = new Random(seed);
  const cast = await createCast({
    seed,
    random,
    patients: options.patients ?? Math.min(400, Math.max(20, Math.ceil(count / 2500))),
    staff: options.staff ?? 8,
    heldOutNameShare: options.heldOutNameShare ?? 0.3,
  });
  const identifyingShare = options.identifyingShare ?? 0.45;
  const messages: GoldMessage[] = [];
  let clock = Date.UTC(2024, 2, 4, 7, 58, 0);
  const noticeText =
    'Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them.';
  messages.push({ id: 'm0', timestamp: formatLocal(clock).iso, author: null, text: noticeText, spans: [] });
  let attachmentCounter = 0;
  for (let i = 1; i < count; i++) {
    clock += random.int(5, 420) * 1000;
    const author = random.pick(cast.staff);
    const when = formatLocal(clock);
    if (random.chance(0.01)) {
      attachmentCounter++;
      const stamp = when.iso.slice(0, 10).replaceAll('-', '');
      const p = random.pick(cast.patients);
      const named = random.chance(0.3);
      const attachment = named
        ? `${p.first} ${p.last} discharge summary.pdf`
        : style === 'android'
          ? `IMG-${stamp}-WA${String(attachmentCounter).padStart(4, '0')}.jpg`
          : `${String(attachmentCounter).padStart(8, '0')}-PHOTO-${when.iso.slice(0, 10)}.jpg`;
      messages.push({ id: `m${i}`, timestamp: when.iso, author: author.displayName, text: '', spans: [], attachment });
      continue;
    }
    const b = writeMessage({ random, cast, author }, identifyingShare);
    messages.push({ id: `m${i}`, timestamp: when.iso, author: author.displayName, text: b.text, spans: b.spans });
  }
  const title = 'Ward 7 handover';
  return {
    seed,
    style,
    title,
    cast,
    messages,
    exportText: options.exportText === false ? '' : toWhatsAppExport(messages, style),
  };
}
