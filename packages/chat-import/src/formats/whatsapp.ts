/**
 * WhatsApp "Export chat" text (iOS `[date, time] Author: text`, Android `date, time - Author: text`, legacy
 * `date time: Author: text`), plain or in a zip with its media.
 *
 * Two passes over the text, without regular expressions on the hot path: pass 1 scans every line start with a
 * hand-written header scanner and records the numbers of each header in typed arrays; the layout ("signature") used by
 * most headers and the day/month order are then decided from the whole file; pass 2 cuts messages between headers of
 * that layout, so a pasted line in another layout stays inside its message (with a warning) instead of splitting it.
 */
import { replacedNote } from '../decode.ts';
import { ChatSelectionError, UnsupportedFormatError } from '../errors.ts';
import { finishText, hashText, TEXT_P1, TEXT_P2, TEXT_SEED1, TEXT_SEED2_M, textLanes } from '../hash.ts';
import { kindFromFileName, MediaIndex } from '../media.ts';
import type { Attachment, AttachmentKind, Message, Poll } from '../model.ts';
import type { DateOrder } from '../options.ts';
import { type MessageExtras, NO_ATTACHMENTS } from '../table.ts';
import { localMs, validDate } from '../time.ts';
import type { ArchiveEntry } from '../zip.ts';
import type { Detection, FormatImporter, ImportInput, ParseContext, ParseResult } from './contract.ts';

// ---------------------------------------------------------------------------------------------------------------
// Header scanner

const SIG_BRACKET = 1;
const SIG_SEP_DOT = 2;
const SIG_SEP_DASH = 4;
const SIG_DATE_DOT = 8;
const SIG_COMMA = 16;
const SIG_WORD = 32;
const SIG_AMPM = 64;
const SIG_AMPM_BEFORE = 128;
const SIG_TIME_DOT = 256;
const SIG_SECONDS = 512;
const SIG_TIME_TRAIL_DOT = 1024;
const SIG_DASH = 2048;
const SIG_COLON = 4096;
const SIG_FIRST4 = 8192;
const SIG_LAST4 = 16384;

/** Header numbers, written by {@link scanHeader}: n1, n2, n3, digits of n1, digits of n3, hour, minute, second, ampm, signature. */
const H = new Int32Array(10);

const ENCODER = new TextEncoder();

function isMark(c: number): boolean {
  return (
    c === 0x200e ||
    c === 0x200f ||
    c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x061c
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  return -1;
}

/** Width in bytes of the character last read by {@link cpAt} (0 at the end). */
let W = 1;

/**
 * The character at byte p of UTF-8 text (ASCII in one step; two- and three-byte sequences decoded; anything longer or
 * invalid reads as U+FFFD one byte wide), or -1 at `end`. Sets {@link W}. Header syntax is all in the BMP.
 */
function cpAt(b: Uint8Array, p: number, end: number): number {
  if (p >= end) {
    W = 0;
    return -1;
  }
  const c = b[p] as number;
  if (c < 0x80) {
    W = 1;
    return c;
  }
  if (c >= 0xc2 && c < 0xe0 && p + 1 < end) {
    const c1 = b[p + 1] as number;
    if ((c1 & 0xc0) === 0x80) {
      W = 2;
      return ((c & 0x1f) << 6) | (c1 & 0x3f);
    }
  } else if (c >= 0xe0 && c < 0xf0 && p + 2 < end) {
    const c1 = b[p + 1] as number;
    const c2 = b[p + 2] as number;
    if ((c1 & 0xc0) === 0x80 && (c2 & 0xc0) === 0x80) {
      const v = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) {
        W = 3;
        return v;
      }
    }
  }
  W = 1;
  return 0xfffd;
}

/** The digit at byte p (ASCII, Arabic-Indic or Persian), or -1; sets {@link W} when it is one. */
function digitAt(b: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const c = b[p] as number;
  if (c >= 48 && c <= 57) {
    W = 1;
    return c - 48;
  }
  return c < 0x80 ? -1 : digit(cpAt(b, p, end));
}

/** True when the UTF-8 bytes of `word` start at p (and end by `end`). */
function bytesAt(b: Uint8Array, p: number, end: number, word: Uint8Array): boolean {
  if (p + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return false;
  return true;
}

const AMPM_WORDS: readonly (readonly [Uint8Array, number])[] = (
  [
    ['上午', 1],
    ['下午', 2],
    ['午前', 1],
    ['午後', 2],
    ['오전', 1],
    ['오후', 2],
    ['ق.ظ.', 1],
    ['ب.ظ.', 2],
    ['ص', 1],
    ['م', 2],
    ['π.μ.', 1],
    ['μ.μ.', 2],
    ['vorm.', 1],
    ['nachm.', 2],
  ] as const
).map(([word, value]) => [ENCODER.encode(word), value] as const);

const CONNECTORS: readonly Uint8Array[] = ['klo ', 'kl. ', 'à ', 'um ', 'alle ', 'a las ', 'às ', 'om '].map((w) =>
  ENCODER.encode(w),
);

/** Matches an AM/PM marker at p; returns (length in bytes << 2) | (1 = am, 2 = pm), or 0. */
function ampmAt(b: Uint8Array, p: number, end: number): number {
  const c = cpAt(b, p, end);
  const lower = c | 32;
  if (lower === 97 || lower === 112) {
    let q = p + 1;
    if (cpAt(b, q, end) === 46) q++;
    if (isSpace(cpAt(b, q, end))) q += W;
    if ((cpAt(b, q, end) | 32) === 109) {
      q++;
      if (cpAt(b, q, end) === 46) q++;
      return ((q - p) << 2) | (lower === 97 ? 1 : 2);
    }
    return 0;
  }
  // The marker words start with a letter at U+0600 or above (Arabic, Persian, CJK, Hangul), Greek μ or π, or the
  // "v"/"n" of German vorm./nachm.; anything else is no marker, without trying every word.
  if (c < 0x600 && c !== 0x3bc && c !== 0x3c0 && c !== 118 && c !== 110) return 0;
  for (const [word, value] of AMPM_WORDS) {
    if (bytesAt(b, p, end, word)) return (word.length << 2) | value;
  }
  return 0;
}

function skipMarks(b: Uint8Array, p: number, end: number): number {
  while (p < end && (b[p] as number) >= 0x80 && isMark(cpAt(b, p, end))) p += W;
  return p;
}

function skipBlank(b: Uint8Array, p: number, end: number, max: number): number {
  let n = 0;
  while (p < end && n < max) {
    const ascii = b[p] as number;
    if (ascii === 32) {
      n++;
      p++;
      continue;
    }
    if (ascii < 0x80) break;
    const c = cpAt(b, p, end);
    if (isSpace(c)) n++;
    else if (!isMark(c)) break;
    p += W;
  }
  return p;
}

/**
 * Scans a message header at byte `start` (the start of a line) of UTF-8 text ending at `end` (the line end). Returns
 * the byte offset where the body starts and fills {@link H}, or returns -1. Linear in the header length, no
 * backtracking, and no string is made: the scanner reads the bytes.
 */
export function scanHeader(b: Uint8Array, start: number, end: number): number {
  let p = skipMarks(b, start, end);
  let sig = 0;
  if (b[p] === 91 && p < end) {
    sig |= SIG_BRACKET;
    p = skipMarks(b, p + 1, end);
  }
  // First number.
  let v = 0;
  let n = 0;
  let d = 0;
  while (n < 4) {
    d = digitAt(b, p, end);
    if (d < 0) break;
    v = v * 10 + d;
    p += W;
    n++;
  }
  if (n === 0 || digitAt(b, p, end) >= 0) return -1;
  const n1 = v;
  const d1 = n;
  p = skipMarks(b, p, end);
  const sep = cpAt(b, p, end);
  if (sep === 46) sig |= SIG_SEP_DOT;
  else if (sep === 45) sig |= SIG_SEP_DASH;
  else if (sep !== 47) return -1;
  p = skipBlank(b, p + 1, end, 1);
  v = 0;
  n = 0;
  while (n < 2) {
    d = digitAt(b, p, end);
    if (d < 0) break;
    v = v * 10 + d;
    p += W;
    n++;
  }
  if (n === 0 || digitAt(b, p, end) >= 0) return -1;
  const n2 = v;
  p = skipMarks(b, p, end);
  if (cpAt(b, p, end) !== sep) return -1;
  p = skipBlank(b, p + 1, end, 1);
  v = 0;
  n = 0;
  while (n < 4) {
    d = digitAt(b, p, end);
    if (d < 0) break;
    v = v * 10 + d;
    p += W;
    n++;
  }
  if (n === 0 || digitAt(b, p, end) >= 0) return -1;
  const n3 = v;
  const d3 = n;
  if (d1 === 4) sig |= SIG_FIRST4;
  if (d3 === 4) sig |= SIG_LAST4;
  else if (d3 !== 2 || d1 === 4 || d1 === 3) {
    if (!(d1 === 4 && d3 <= 2)) return -1;
  }
  p = skipMarks(b, p, end);
  if (cpAt(b, p, end) === 46) {
    sig |= SIG_DATE_DOT;
    p = skipMarks(b, p + 1, end);
  }
  const comma = cpAt(b, p, end);
  if (comma === 44 || comma === 0x60c) {
    sig |= SIG_COMMA;
    p += W;
  }
  p = skipBlank(b, p, end, 3);
  if (digitAt(b, p, end) < 0) {
    for (const word of CONNECTORS) {
      if (bytesAt(b, p, end, word)) {
        sig |= SIG_WORD;
        p = skipBlank(b, p + word.length, end, 2);
        break;
      }
    }
  }
  let ampm = 0;
  if (digitAt(b, p, end) < 0) {
    const m = ampmAt(b, p, end);
    if (m === 0) return -1;
    ampm = m & 3;
    sig |= SIG_AMPM | SIG_AMPM_BEFORE;
    p = skipBlank(b, p + (m >> 2), end, 2);
  }
  // Time.
  v = 0;
  n = 0;
  while (n < 2) {
    d = digitAt(b, p, end);
    if (d < 0) break;
    v = v * 10 + d;
    p += W;
    n++;
  }
  if (n === 0) return -1;
  const hour = v;
  const tsep = cpAt(b, p, end);
  if (tsep === 46) sig |= SIG_TIME_DOT;
  else if (tsep !== 58) return -1;
  p++;
  const m1 = digitAt(b, p, end);
  p += W;
  const m2 = digitAt(b, p, end);
  p += W;
  if (m1 < 0 || m2 < 0) return -1;
  const minute = m1 * 10 + m2;
  let second = -1;
  if (cpAt(b, p, end) === tsep) {
    const s1 = digitAt(b, p + 1, end);
    const w1 = W;
    const s2 = digitAt(b, p + 1 + w1, end);
    if (s1 >= 0 && s2 >= 0) {
      second = s1 * 10 + s2;
      sig |= SIG_SECONDS;
      p += 1 + w1 + W;
    }
  }
  if (digitAt(b, p, end) >= 0) return -1;
  if (ampm === 0) {
    const q = skipBlank(b, p, end, 2);
    const m = q < end ? ampmAt(b, q, end) : 0;
    if (m !== 0) {
      ampm = m & 3;
      sig |= SIG_AMPM;
      p = q + (m >> 2);
    }
  }
  if (cpAt(b, p, end) === 46) {
    sig |= SIG_TIME_TRAIL_DOT;
    p++;
  }
  p = skipMarks(b, p, end);
  if (sig & SIG_BRACKET) {
    if (cpAt(b, p, end) !== 93) return -1;
    p++;
    if (isSpace(cpAt(b, p, end))) p += W;
  } else {
    const q = skipBlank(b, p, end, 2);
    const t = cpAt(b, q, end);
    if ((t === 45 || t === 0x2013) && q > p) {
      sig |= SIG_DASH;
      p = q + W;
      if (p < end) {
        if (!isSpace(cpAt(b, p, end))) return -1;
        p += W;
      }
    } else if (t === 58 && q === p && p + 1 < end && isSpace(cpAt(b, p + 1, end))) {
      sig |= SIG_COLON;
      p += 1 + W;
    } else {
      return -1;
    }
  }
  if (hour > 23 || minute > 59 || second > 59 || (ampm !== 0 && hour > 12)) return -1;
  H[0] = n1;
  H[1] = n2;
  H[2] = n3;
  H[3] = d1;
  H[4] = d3;
  H[5] = hour;
  H[6] = minute;
  H[7] = second;
  H[8] = ampm;
  H[9] = sig;
  return p;
}

function describeSignature(sig: number): string {
  const sep = sig & SIG_SEP_DOT ? '.' : sig & SIG_SEP_DASH ? '-' : '/';
  const date = sig & SIG_FIRST4 ? `yyyy${sep}n${sep}n` : `n${sep}n${sep}${sig & SIG_LAST4 ? 'yyyy' : 'yy'}`;
  const time = `${sig & SIG_AMPM_BEFORE ? 'AM ' : ''}h${sig & SIG_TIME_DOT ? '.' : ':'}mm${sig & SIG_SECONDS ? ':ss' : ''}${sig & SIG_AMPM && !(sig & SIG_AMPM_BEFORE) ? ' AM' : ''}`;
  const body = `${date}${sig & SIG_DATE_DOT ? '.' : ''}${sig & SIG_COMMA ? ',' : ''} ${sig & SIG_WORD ? 'word ' : ''}${time}`;
  return sig & SIG_BRACKET ? `[${body}]` : sig & SIG_DASH ? `${body} -` : `${body}:`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text classification

const DELETED = new Set([
  'This message was deleted',
  'You deleted this message',
  'Message deleted',
  'This message was deleted by admin',
  'Diese Nachricht wurde gelöscht',
  'Du hast diese Nachricht gelöscht',
  'Se eliminó este mensaje',
  'Eliminaste este mensaje',
  'Ce message a été supprimé',
  'Vous avez supprimé ce message',
  'Questo messaggio è stato eliminato',
  'Hai eliminato questo messaggio',
  'Dit bericht is verwijderd',
  'Je hebt dit bericht verwijderd',
  'Essa mensagem foi apagada',
  'Mensagem apagada',
  'Você apagou esta mensagem',
]);

const OMITTED_ANDROID = new Set(
  [
    'Media omitted',
    'Video message omitted',
    'Video note omitted',
    'Medien ausgeschlossen',
    'Medien weggelassen',
    'Videonachricht weggelassen',
    'Multimedia omitido',
    'Multimedia omitidos',
    'Archivo omitido',
    'Médias omis',
    'Média omis',
    'Fichier omis',
    'Media omessi',
    'Media weggelaten',
    'Mídia oculta',
    'Arquivo de mídia oculto',
    'Mídia omitida',
    'Media dihilangkan',
    'Medya dahil edilmedi',
    'Media pominięte',
    'Без медиафайлов',
    'Медиафайлы опущены',
    'Media utelatt',
    'Media udeladt',
    'Media utelämnad',
    'Media jätetty pois',
  ].map((s) => `<${s}>`),
);

/** {@link OMITTED_ANDROID}'s phrases as UTF-8 bytes, to recognise them in the export without decoding. */
const OMITTED_ANDROID_BYTES: readonly (readonly [Uint8Array, string])[] = [...OMITTED_ANDROID].map((phrase) => [
  ENCODER.encode(phrase),
  phrase,
]);

/** The {@link OMITTED_ANDROID} phrase that bytes [a, e) are, if they are one. */
function omittedPlaceholder(b: Uint8Array, a: number, e: number): string | undefined {
  for (const [bytes, phrase] of OMITTED_ANDROID_BYTES)
    if (bytes.length === e - a && bytesAt(b, a, e, bytes)) return phrase;
  return undefined;
}

const OMITTED_IOS =
  /^(image|photo|video|audio|GIF|sticker|Contact card|document|video note|video message|Bild|Foto|Audio|Video|Sticker|Kontaktkarte|Dokument|Videonachricht|Videonotiz|imagen|vídeo|documento|tarjeta de contacto|vidéo|autocollant|immagine|afbeelding) (omitted|weggelassen|ausgelassen|omitido|omitida|omise?|omessa|omesso|weggelaten)$/i;
const DOC_OMITTED = /^(.+?)(?: • .+?)? (document omitted|Dokument weggelassen|documento omitido)$/;
const IOS_ATTACHED = /\u200e?<([^<>\n:]{1,30}): ?([^<>\n]{1,255}?\.[A-Za-z0-9]{1,6})>/g;
const ANDROID_ATTACHED = /^\u200e?([^\n]{1,255}?\.(?:[A-Za-z0-9]{1,6})?) \(([^()\n]{2,40})\)$/;
const FILE_ATTACHED = new Set([
  'file attached',
  'Datei angehängt',
  'archivo adjunto',
  'fichier joint',
  'file allegato',
  'arquivo anexado',
  'bestand bijgevoegd',
  'plik załączony',
  'dosya ekli',
  'fil vedhæftet',
  'fil bifogad',
  'tiedosto liitetty',
  'файл прикреплен',
]);
const WA_MEDIA_NAME = /^(IMG|VID|AUD|PTT|STK|DOC|GIF)-\d{8}-WA\d{4}/;
const EDITED =
  /\s*\u200e?<(This message was edited|Diese Nachricht wurde bearbeitet|Se editó este mensaje\.?|Ce message a été modifié|Questo messaggio è stato modificato|Dit bericht is bewerkt|Essa mensagem foi editada|Mensagem editada)>$/;
const MAPS = /https:\/\/maps\.google\.com\/\?q=[-\d.,]+/;
const LIVE_LOCATION = /^(live location shared|Live-Standort wird geteilt\.?|ubicación en tiempo real compartida)$/i;
const SYSTEM_TEXT =
  /end-to-end|Ende-zu-Ende|security code|Sicherheitsnummer|Sicherheitscode| (added|removed|left|joined|created group|changed the subject|changed the group|changed this group|changed their phone|turned on|turned off|was added|were added|now an admin|deleted this group)|^(You|Du) |hinzugefügt|entfernt\.?$|verlassen\.?$|geändert\.?$|erstellt\.?$|beigetreten/;
const OMITTED_ENDINGS = [
  'omitted',
  'lassen',
  'omitido',
  'omitida',
  'omis',
  'omise',
  'omesso',
  'omessa',
  'weggelaten',
  'shared',
  'geteilt',
  'geteilt.',
  'compartida',
];
const ENCRYPTION =
  /^(Messages (and calls )?(you send )?(to this (group|chat) )?(are|is) (now )?(secured with )?end-to-end encrypt|Nachrichten und Anrufe sind Ende-zu-Ende)/;
/**
 * WhatsApp's notices about business accounts ("This business uses a secure service from Meta to manage this chat…"):
 * written under the business's name, but system notices, not its messages.
 */
const BUSINESS_NOTICE =
  /^(This business (uses a secure service from Meta|works with other companies|is now using a secure service|account has now registered as a standard account)|This chat is with (a|an official) business account)/;
const QUOTE = /["“”„]/;
const TITLE_PATTERNS: readonly RegExp[] = [
  /created group ["“](.+)["”]\s*$/,
  /changed the (?:subject|group name)(?: from ["“].*["”])? to ["“](.+)["”]\.?\s*$/,
  /die Gruppe ["„“](.+)["“”] erstellt\.?\s*$/,
  /Gruppennamen (?:von ["„“].*["“”] )?zu ["„“](.+)["“”] geändert\.?\s*$/,
];

const omittedKinds = new Map<string, AttachmentKind>();

/** Kind of a media placeholder ("image omitted", "<Media omitted>", …), cached: a chat repeats a few placeholders. */
function omittedKind(text: string): AttachmentKind {
  let kind = omittedKinds.get(text);
  if (kind === undefined) {
    kind = readOmittedKind(text);
    if (omittedKinds.size < 1000) omittedKinds.set(text, kind);
  }
  return kind;
}

function readOmittedKind(text: string): AttachmentKind {
  const t = text.toLowerCase();
  if (/image|photo|bild|foto|imagen|immagine|afbeelding|gif/.test(t)) return 'image';
  if (/video/.test(t)) return 'video';
  if (/audio/.test(t)) return 'audio';
  if (/sticker|autocollant/.test(t)) return 'sticker';
  if (/contact|kontakt/.test(t)) return 'contact';
  if (/document|dokument/.test(t)) return 'document';
  return 'other';
}

function stripMarks(text: string): string {
  let a = 0;
  while (a < text.length && isMark(text.charCodeAt(a))) a++;
  return a ? text.slice(a) : text;
}

function cleanAuthor(raw: string): string {
  let a = 0;
  let b = raw.length;
  while (a < b && (isMark(raw.charCodeAt(a)) || isSpace(raw.charCodeAt(a)))) a++;
  while (b > a && (isMark(raw.charCodeAt(b - 1)) || isSpace(raw.charCodeAt(b - 1)))) b--;
  if (raw.charCodeAt(a) === 126 /* ~ */) {
    a++;
    while (a < b && (isSpace(raw.charCodeAt(a)) || isMark(raw.charCodeAt(a)))) a++;
  }
  return a === 0 && b === raw.length ? raw : raw.slice(a, b);
}

function parsePoll(text: string): Poll | undefined {
  const lines = text.split('\n').map((l) => stripMarks(l).trim());
  if (!/^(POLL|UMFRAGE|ENCUESTA|SONDAGE):$/.test(lines[0] ?? '')) return undefined;
  const poll: Poll = { question: lines[1] ?? '', options: [] };
  for (const line of lines.slice(2)) {
    const m = /^(?:OPTION|OPTION|OPCIÓN):\s*(.*?)(?:\s*\((\d+) (?:votes?|Stimmen?|votos?)\))?$/.exec(line);
    if (m) {
      const option: { text: string; votes?: number } = { text: m[1] ?? '' };
      if (m[2] !== undefined) option.votes = Number(m[2]);
      poll.options.push(option);
    }
  }
  return poll;
}

// ---------------------------------------------------------------------------------------------------------------
// Detection helpers

const CHAT_NAME =
  /(^|\/)(_chat\.txt|WhatsApp Chat[^/]*\.txt|WhatsApp-Chat[^/]*\.txt|Chat de WhatsApp[^/]*\.txt|Discussion WhatsApp[^/]*\.txt)$/i;

/** Counts how many of the first non-empty lines of a text sample start with a WhatsApp header. */
export function headerShare(sample: string): { headers: number; lines: number; firstIsHeader: boolean } {
  const lines = sample.split('\n').slice(0, 40);
  if (sample.length >= 8000 && lines.length > 1) lines.pop();
  let headers = 0;
  let counted = 0;
  let firstIsHeader = false;
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const bytes = ENCODER.encode(line);
    const ok = scanHeader(bytes, 0, bytes.length) >= 0;
    if (counted === 0) firstIsHeader = ok;
    counted++;
    if (ok) headers++;
  }
  return { headers, lines: counted, firstIsHeader };
}

function chatEntries(input: ImportInput): ArchiveEntry[] {
  const named = input.entries.filter((e) => CHAT_NAME.test(e.path));
  if (named.length > 0) return named;
  return input.entries.filter((e) => {
    if (input.fromZip && !/\.txt$/i.test(e.path)) return false;
    const share = headerShare(input.peek(e, 8000));
    return share.headers > 0 && (share.firstIsHeader || share.headers * 2 >= share.lines);
  });
}

function titleFromName(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1).replace(/\.(txt|zip)$/i, '');
  const m =
    /^(?:WhatsApp Chat with|WhatsApp Chat -|WhatsApp-Chat mit|Chat de WhatsApp con|Discussion WhatsApp avec)\s+(.+)$/i.exec(
      base,
    );
  return m?.[1]?.trim();
}

// ---------------------------------------------------------------------------------------------------------------
// The parser

/** Longest header a {@link HeaderShape} learns. */
const MAX_SHAPE = 96;

/**
 * The byte shape of the last header {@link scanHeader} read (its literal bytes, and where the digits go), so the next
 * header of the same shape (nearly every line of an export) is read by comparing its literal bytes and reading its
 * runs of digits, instead of by the general
 * scanner. Only all-ASCII headers ending in a space are used as shapes: for those the general scanner looks at no byte
 * past the header, so a line that matches the shape byte for byte (digits for digits) gets exactly the result the
 * scanner would give it.
 */
class HeaderShape {
  /** Byte length of the header (0: nothing learnt); at most {@link MAX_SHAPE} bytes. */
  length = 0;
  sig = 0;
  ampm = 0;
  d1 = 0;
  d3 = 0;
  /** The shape compiled for {@link HeaderShape.read}: where its literal bytes are, and its runs of digits. */
  readonly #litAt = new Int16Array(MAX_SHAPE);
  readonly #litByte = new Int16Array(MAX_SHAPE);
  #lits = 0;
  readonly #runFrom = new Int16Array(8);
  readonly #runTo = new Int16Array(8);
  #runs = 0;

  /** Remembers the header just read at [start, body) by {@link scanHeader} (with {@link H} filled). */
  learn(b: Uint8Array, start: number, body: number): void {
    this.length = 0;
    const size = body - start;
    if (size > MAX_SHAPE || b[body - 1] !== 32) return;
    let runs = 0;
    let lits = 0;
    let inDigits = false;
    for (let i = 0; i < size; i++) {
      const c = b[start + i] as number;
      if (c >= 0x80) return;
      const isDigit = c >= 48 && c <= 57;
      if (isDigit && !inDigits) {
        if (runs === 8) return;
        this.#runFrom[runs] = i;
        runs++;
      }
      if (!isDigit) {
        if (inDigits) this.#runTo[runs - 1] = i;
        this.#litAt[lits] = i;
        this.#litByte[lits] = c;
        lits++;
      }
      inDigits = isDigit;
    }
    const sig = H[9] as number;
    if (runs !== (sig & SIG_SECONDS ? 6 : 5)) return;
    this.sig = sig;
    this.ampm = H[8] as number;
    this.d1 = H[3] as number;
    this.d3 = H[4] as number;
    this.#lits = lits;
    this.#runs = runs;
    this.length = size;
  }

  /**
   * Reads a header of this shape at `start` into {@link H}; returns the body offset, or -1 if the line differs. The
   * literal bytes are compared first (a line of another shape usually fails there), then each run of digits is read.
   */
  read(b: Uint8Array, start: number, end: number): number {
    const size = this.length;
    if (size === 0 || end - start < size) return -1;
    const litAt = this.#litAt;
    const litByte = this.#litByte;
    for (let k = 0; k < this.#lits; k++) if (b[start + (litAt[k] as number)] !== litByte[k]) return -1;
    const runFrom = this.#runFrom;
    const runTo = this.#runTo;
    for (let r = 0; r < this.#runs; r++) {
      let v = 0;
      for (let p = start + (runFrom[r] as number), q = start + (runTo[r] as number); p < q; p++) {
        const d = (b[p] as number) - 48;
        if (d < 0 || d > 9) return -1;
        v = v * 10 + d;
      }
      H[r < 3 ? r : r + 2] = v;
    }
    const hour = H[5] as number;
    const minute = H[6] as number;
    const second = this.sig & SIG_SECONDS ? (H[7] as number) : -1;
    if (hour > 23 || minute > 59 || second > 59 || (this.ampm !== 0 && hour > 12)) return -1;
    H[3] = this.d1;
    H[4] = this.d3;
    H[7] = second;
    H[8] = this.ampm;
    H[9] = this.sig;
    return start + size;
  }
}

/** Growable typed columns for the header candidates found in pass 1. */
class Candidates {
  n = 0;
  line = new Int32Array(256);
  start = new Int32Array(256);
  body = new Int32Array(256);
  /** Layout signature (SIG_ bits, all under 2^15). */
  sig = new Uint16Array(256);
  a = new Int16Array(256);
  b = new Int16Array(256);
  c = new Int16Array(256);
  hour = new Uint8Array(256);
  minute = new Uint8Array(256);
  second = new Int8Array(256);
  ampm = new Uint8Array(256);

  constructor(capacity: number) {
    this.grow(Math.max(256, capacity));
  }

  grow(capacity: number): void {
    const copy = <T extends Int32Array | Int16Array | Uint16Array | Uint8Array | Int8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.n) as never);
      return next;
    };
    this.line = copy(this.line, (k) => new Int32Array(k));
    this.start = copy(this.start, (k) => new Int32Array(k));
    this.body = copy(this.body, (k) => new Int32Array(k));
    this.sig = copy(this.sig, (k) => new Uint16Array(k));
    this.a = copy(this.a, (k) => new Int16Array(k));
    this.b = copy(this.b, (k) => new Int16Array(k));
    this.c = copy(this.c, (k) => new Int16Array(k));
    this.hour = copy(this.hour, (k) => new Uint8Array(k));
    this.minute = copy(this.minute, (k) => new Uint8Array(k));
    this.second = copy(this.second, (k) => new Int8Array(k));
    this.ampm = copy(this.ampm, (k) => new Uint8Array(k));
  }

  push(line: number, start: number, body: number): void {
    if (this.n === this.line.length) this.grow(this.n * 2);
    const i = this.n++;
    this.line[i] = line;
    this.start[i] = start;
    this.body[i] = body;
    this.sig[i] = H[9] as number;
    this.a[i] = H[0] as number;
    this.b[i] = H[1] as number;
    this.c[i] = H[2] as number;
    this.hour[i] = H[5] as number;
    this.minute[i] = H[6] as number;
    this.second[i] = H[7] as number;
    this.ampm[i] = H[8] as number;
  }
}

function fullYear(y: number, digits4: boolean): number {
  return digits4 || y >= 100 ? y : 2000 + y;
}

function inferOrder(cand: Candidates, dominant: number, sig: number): { order: DateOrder; how: string } {
  if (sig & SIG_FIRST4) return { order: 'ymd', how: 'year first' };
  let dmy = 0;
  let mdy = 0;
  for (let i = 0; i < cand.n; i++) {
    if (cand.sig[i] !== dominant) continue;
    if ((cand.a[i] as number) > 12) dmy++;
    if ((cand.b[i] as number) > 12) mdy++;
  }
  if (dmy > 0 && mdy === 0) return { order: 'dmy', how: 'a first number above 12' };
  if (mdy > 0 && dmy === 0) return { order: 'mdy', how: 'a second number above 12' };
  if (dmy > 0 && mdy > 0) {
    return {
      order: dmy >= mdy ? 'dmy' : 'mdy',
      how: `conflicting dates (${dmy} day-first, ${mdy} month-first); the majority was used`,
    };
  }
  // Undecided: the order under which dates go backwards less often is the right one.
  let backD = 0;
  let backM = 0;
  let prevD = -1;
  let prevM = -1;
  for (let i = 0; i < cand.n; i++) {
    if (cand.sig[i] !== dominant) continue;
    const y = cand.c[i] as number;
    const a = cand.a[i] as number;
    const b = cand.b[i] as number;
    const kd = y * 400 + b * 32 + a;
    const km = y * 400 + a * 32 + b;
    if (kd < prevD) backD++;
    if (km < prevM) backM++;
    prevD = kd;
    prevM = km;
  }
  if (backD < backM) return { order: 'dmy', how: 'dates run in order when read day-first' };
  if (backM < backD) return { order: 'mdy', how: 'dates run in order when read month-first' };
  return { order: 'dmy', how: 'undecidable (no day above 12 in the whole file); day-first assumed' };
}

/** UTF-16 length of the UTF-8 bytes [a, e), as a decoder would produce it for valid input. */
function utf16Length(b: Uint8Array, a: number, e: number): number {
  let n = 0;
  for (let i = a; i < e; i++) {
    const c = b[i] as number;
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT = new TextDecoder('utf-8', { ignoreBOM: true });

/** True when bytes are valid UTF-8; streamed in 64 KiB steps so a huge line is never decoded whole. */
function validUtf8(bytes: Uint8Array): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for (let off = 0; off < bytes.length; off += 65_536) {
      decoder.decode(bytes.subarray(off, off + 65_536), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

const PENDING = 16_384;
/** The table's code for a system event (see MessageTable.pushPlain). */
const SYSTEM_KIND = 1;

const FLAG_CR = 1;
const FLAG_LT = 2;
const FLAG_LF = 4;
const FLAG_QUESTION = 8;
/** A quotation mark: a system line with one may name the chat (see TITLE_PATTERNS). */
const FLAG_QUOTE = 16;
const ALL_FLAGS = 31;
/** Flag of each byte value: CR, "<", LF, "?", '"' (bytes of multi-byte characters are never these). */
const TEXT_CLASS = new Uint8Array(256);
TEXT_CLASS[13] = FLAG_CR;
TEXT_CLASS[60] = FLAG_LT;
TEXT_CLASS[10] = FLAG_LF;
TEXT_CLASS[63] = FLAG_QUESTION;
TEXT_CLASS[34] = FLAG_QUOTE;
const BATCH_BYTES = 1 << 20;

/**
 * Message regions cut in pass 2 but not yet made into messages. Their texts are copied into two byte batches (pure
 * ASCII, and the rest) that are each decoded with one `TextDecoder` call; each message's text is then a slice of a
 * batch string. The batch strings hold only message text (no headers), ASCII ones at one byte per character, and
 * nothing keeps the whole file decoded, which is what keeps peak memory near the size of the result.
 */
class Pending {
  n = 0;
  /** Regions held before a flush, and bytes per batch: up to 16,384 and 1 MiB, less for a small file. */
  readonly capacity: number;
  readonly batchBytes: number;
  readonly line: Int32Array;
  readonly lineEnd: Int32Array;
  readonly bodyStart: Int32Array;
  readonly textStart: Int32Array;
  readonly textEnd: Int32Array;
  readonly author: Int32Array;
  /** The table row appended for the region (filled in when the batch is decoded). */
  readonly row: Int32Array;
  /** 0: in the ASCII batch, 1: in the other batch, 2: decoded on its own (empty or large). */
  readonly where: Uint8Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly when: Float64Array;
  /** Hash lanes of each text (see hashText in hash.ts), made while copying ASCII text, else in the flush. */
  readonly th1: Int32Array;
  readonly th2: Int32Array;
  /** Which of CR, "<", LF and "?" the text holds ({@link TEXT_CLASS}), so classification skips searches. */
  readonly flags: Uint8Array;
  readonly ascii: Uint8Array;
  asciiUsed = 0;
  readonly other: Uint8Array;
  otherUsed = 0;
  /** UTF-16 length of the other batch so far (its slices are in UTF-16 units). */
  otherUnits = 0;

  constructor(fileBytes: number) {
    this.capacity = Math.min(PENDING, Math.max(64, fileBytes >> 5));
    this.batchBytes = Math.min(BATCH_BYTES, Math.max(4096, fileBytes));
    this.line = new Int32Array(this.capacity);
    this.lineEnd = new Int32Array(this.capacity);
    this.bodyStart = new Int32Array(this.capacity);
    this.textStart = new Int32Array(this.capacity);
    this.textEnd = new Int32Array(this.capacity);
    this.author = new Int32Array(this.capacity);
    this.row = new Int32Array(this.capacity);
    this.where = new Uint8Array(this.capacity);
    this.from = new Int32Array(this.capacity);
    this.to = new Int32Array(this.capacity);
    this.when = new Float64Array(this.capacity);
    this.th1 = new Int32Array(this.capacity);
    this.th2 = new Int32Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.ascii = new Uint8Array(this.batchBytes);
    this.other = new Uint8Array(this.batchBytes);
  }

  /** True when one more text of `size` bytes fits without a flush. */
  fits(size: number): boolean {
    if (this.n >= this.capacity) return false;
    return (
      size > this.batchBytes >> 2 ||
      (this.asciiUsed + size <= this.batchBytes && this.otherUsed + size <= this.batchBytes)
    );
  }

  /** Copies text bytes [a, e) into a batch and records where; returns the pending index. */
  add(b: Uint8Array, a: number, e: number): number {
    const k = this.n++;
    const size = e - a;
    if (size <= 0 || size > this.batchBytes >> 2) {
      this.where[k] = 2;
      this.flags[k] = ALL_FLAGS;
      return k;
    }
    scanText(b, a, e);
    let flags = scannedFlags;
    // A non-ASCII text's scan stopped early: the rest of its flags (non-ASCII bytes have none).
    if (scannedOr >= 0x80) for (let i = scannedStop; i < e; i++) flags |= TEXT_CLASS[b[i] as number] as number;
    this.flags[k] = flags;
    if (scannedOr < 0x80) {
      this.ascii.set(b.subarray(a, e), this.asciiUsed);
      this.th1[k] = textLanes[0] as number;
      this.th2[k] = textLanes[1] as number;
      this.where[k] = 0;
      this.from[k] = this.asciiUsed;
      this.asciiUsed += size;
      this.to[k] = this.asciiUsed;
      return k;
    }
    const other = this.other;
    let u = this.otherUnits;
    let o = this.otherUsed;
    this.from[k] = u;
    for (let i = a; i < e; i++) {
      const c = b[i] as number;
      other[o++] = c;
      if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
    }
    this.where[k] = 1;
    this.to[k] = u;
    this.otherUsed = o;
    this.otherUnits = u;
    return k;
  }

  clear(): void {
    this.n = 0;
    this.asciiUsed = 0;
    this.otherUsed = 0;
    this.otherUnits = 0;
  }
}

const AUTHOR_SEED = 0x811c9dc5 | 0;

/** Author names interned by their raw bytes, so each distinct name is decoded and cleaned once. */
class Authors {
  readonly #first = new Map<number, number>();
  readonly #next: number[] = [];
  readonly #raw: Uint8Array[] = [];
  /** Cleaned name, or null when the cleaned name is empty or over 100 characters (then it is not an author). */
  readonly names: (string | null)[] = [];
  /** The name has quotes or is long: the line may be a system event with a colon in it. */
  readonly suspect: boolean[] = [];
  /** Decoding the name replaced invalid bytes. */
  readonly bad: boolean[] = [];
  readonly #canonical = new Map<string, string>();

  /**
   * Direct-mapped cache of ids (plus one), checked before the map: a chat has a handful of authors. Its key is cheap
   * (the name's length and its first and last bytes), so the name's hash is only made when the cache misses.
   */
  readonly #recent = new Int32Array(1024);
  /**
   * Ids by the first two bytes of their header line's body (the name's first byte, and its second or the colon), each
   * chained to the next with the same two; see {@link Authors.match}.
   */
  readonly #byStart = new Int32Array(65_536).fill(-1);
  readonly #nextByStart: number[] = [];
  /** Set by a successful {@link Authors.match}: the colon's offset, and the bytes after it before the text. */
  matchedColon = 0;
  matchedRest = 0;

  /**
   * The id of a known author whose name's bytes start the body at `a` and are followed by the colon that ends a name
   * (see {@link colonRest}), or -1. Then the colon is the first such on the line, as a scan for it would find: the
   * known name came from a line where the colon after it was the first, and the same bytes decide the same here. So
   * a line by a known author is read without scanning for the colon first.
   */
  match(b: Uint8Array, a: number, textEnd: number): number {
    if (a + 1 >= textEnd) return -1;
    let id = this.#byStart[((b[a] as number) << 8) | (b[a + 1] as number)] as number;
    while (id >= 0) {
      const raw = this.#raw[id] as Uint8Array;
      const k = a + raw.length;
      if (k < textEnd && b[k] === 58 && this.#same(id, b, a, k)) {
        const rest = colonRest(b, k, textEnd);
        if (rest > 0) {
          this.matchedColon = k;
          this.matchedRest = rest;
          return id;
        }
      }
      id = this.#nextByStart[id] as number;
    }
    return -1;
  }

  /** The id of the author whose raw bytes are [a, e). */
  id(b: Uint8Array, a: number, e: number, decode: (bytes: Uint8Array) => string): number {
    const slot = (((b[a] as number) * 31 + (b[e - 1] as number)) * 31 + (e - a)) & 1023;
    const cached = (this.#recent[slot] as number) - 1;
    if (cached >= 0 && this.#same(cached, b, a, e)) return cached;
    let h = AUTHOR_SEED; // FNV-1a of the name's bytes, for the map
    for (let k = a; k < e; k++) h = Math.imul(h ^ (b[k] as number), 0x01000193);
    const id = this.#find(b, a, e, h, decode);
    this.#recent[slot] = id + 1;
    return id;
  }

  #same(id: number, b: Uint8Array, a: number, e: number): boolean {
    const raw = this.#raw[id] as Uint8Array;
    if (raw.length !== e - a) return false;
    for (let i = 0; i < raw.length; i++) if (raw[i] !== b[a + i]) return false;
    return true;
  }

  #find(b: Uint8Array, a: number, e: number, h: number, decode: (bytes: Uint8Array) => string): number {
    const first = this.#first.get(h);
    let id = first ?? -1;
    while (id >= 0) {
      if (this.#same(id, b, a, e)) return id;
      id = this.#next[id] as number;
    }
    id = this.names.length;
    const raw = b.slice(a, e);
    this.#raw.push(raw);
    this.#next.push(first ?? -1);
    this.#first.set(h, id);
    const start = ((raw[0] as number) << 8) | (raw.length > 1 ? (raw[1] as number) : 58);
    this.#nextByStart.push(this.#byStart[start] as number);
    this.#byStart[start] = id;
    const text = decode(raw);
    this.bad.push(lastBad);
    const clean = cleanAuthor(text);
    const ok = clean.length > 0 && clean.length <= 100;
    // Different raw bytes can clean to the same name ("~ Ana", "Ana"): all messages share one string.
    const name = this.#canonical.get(clean) ?? clean;
    this.#canonical.set(name, name);
    this.names.push(ok ? name : null);
    this.suspect.push(ok && (name.includes('"') || name.includes('“') || name.includes('„') || name.length > 60));
    return id;
  }
}

/**
 * Whether the ":" at k (before `textEnd`) ends an author's name, and how many bytes after it come before the text: 1
 * for a space, a line end or the end; 2 for a CRLF (the text starts on the next line, as after an LF alone) or a
 * no-break space (2 bytes in UTF-8); 0 when it does not end a name.
 */
function colonRest(b: Uint8Array, k: number, textEnd: number): number {
  const next = k + 1 < textEnd ? (b[k + 1] as number) : -1;
  if (next === 32 || next === -1 || next === 10) return 1;
  if (next === 13 && (k + 2 >= textEnd || b[k + 2] === 10)) return 2;
  if (next === 0xc2 && k + 2 < textEnd && b[k + 2] === 0xa0) return 2;
  return 0;
}

/** Whether the last {@link decodeBytes} call replaced something (set by it, read right after). */
let lastBad = false;

const DELETED_FIRST = new Set([...DELETED].map((d) => d.charCodeAt(0)));

/**
 * Pass 1 of the WhatsApp importer: every line start is checked for a message header, and each header found is
 * recorded in `cand`; lines longer than `maxLine` characters go to `giant` (line, start, length) instead. Returns the
 * number of lines. A function of its own, small, so the engine optimises this loop (a million lines) early.
 */
function findHeaders(
  b: Uint8Array,
  maxLine: number,
  cand: Candidates,
  giant: number[],
  checkAbort: () => void,
): number {
  const len = b.length;
  const shape = new HeaderShape();
  let pos = 0;
  let line = 0;
  while (pos < len) {
    line++;
    let nl = b.indexOf(10, pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && b[end - 1] === 13) end--;
    const size = end - pos;
    const chars = size > maxLine ? utf16Length(b, pos, end) : size;
    if (chars > maxLine) {
      giant.push(line, pos, chars);
    } else {
      const c = b[pos] as number;
      if (c === 91 || (c >= 48 && c <= 57) || c >= 0xd8) {
        let body = shape.read(b, pos, end);
        if (body < 0) {
          body = scanHeader(b, pos, end);
          if (body >= 0) shape.learn(b, pos, body);
        }
        if (body >= 0) cand.push(line, pos, body);
      }
    }
    pos = nl + 1;
    if ((line & 0xffff) === 0) checkAbort();
  }
  return line;
}

async function parseWhatsApp(context: ParseContext): Promise<ParseResult> {
  const { input, options, sink, notes } = context;
  const candidatesEntries = chatEntries(input);
  let entry: ArchiveEntry | undefined;
  if (candidatesEntries.length === 1 || (!input.fromZip && candidatesEntries.length > 0)) entry = candidatesEntries[0];
  else if (candidatesEntries.length === 0) entry = input.entries.find((e) => /\.txt$/i.test(e.path));
  else {
    const chosen = options.chat;
    entry = chosen
      ? candidatesEntries.find((e) => e.path === chosen || titleFromName(e.path) === chosen || e.path.includes(chosen))
      : undefined;
    if (!entry) {
      throw chooseError(
        candidatesEntries.map((e) => e.path),
        input.fileName,
        chosen,
      );
    }
  }
  if (!entry) throw chooseError([], input.fileName, options.chat);
  const file = input.fromZip ? entry.path : input.fileName;
  const { bytes: b, encoding, replaced } = input.utf8(entry);
  const len = b.length;
  const maxLine = options.limits.maxLineLength;
  const cand = new Candidates(Math.min(Math.ceil(len / 64), 1 << 22));
  const giant: number[] = []; // triples: line, start offset, length in characters
  const badLines: number[] = [];

  /** Decodes bytes, replacing invalid UTF-8 with U+FFFD; sets {@link lastBad} when something was replaced. */
  const decodeBytes = (bytes: Uint8Array): string => {
    let text: string;
    try {
      text = FATAL.decode(bytes);
      lastBad = replaced && text.includes('\ufffd');
    } catch {
      text = LENIENT.decode(bytes);
      lastBad = true;
    }
    return text;
  };
  /** Records the line of every U+FFFD in a decoded piece that starts on `firstLine`. */
  const markBad = (text: string, firstLine: number): void => {
    let at = text.indexOf('\ufffd');
    let line = firstLine;
    let from = 0;
    while (at >= 0) {
      for (let nl = text.indexOf('\n', from); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
        line++;
        from = nl + 1;
      }
      badLines.push(line);
      at = text.indexOf('\ufffd', at + 1);
    }
  };
  const decodeChecked = (a: number, e: number, firstLine: number): string => {
    const text = decodeBytes(b.subarray(a, e));
    if (lastBad) markBad(text, firstLine);
    return text;
  };

  // Pass 1: find header candidates.
  const linesRead = findHeaders(b, maxLine, cand, giant, context.checkAbort);
  sink.linesRead += linesRead;

  // Decide the layout and the date order from the whole file.
  const counts = new Map<number, number>();
  // Counted in runs of one layout (nearly the whole file is one run), not with a map update per header.
  for (let i = 0; i < cand.n; ) {
    const sig = cand.sig[i] as number;
    let j = i + 1;
    while (j < cand.n && cand.sig[j] === sig) j++;
    counts.set(sig, (counts.get(sig) ?? 0) + j - i);
    i = j;
  }
  let dominant = -1;
  let best = 0;
  for (const [sig, count] of counts) {
    if (count > best) {
      best = count;
      dominant = sig;
    }
  }
  if (dominant < 0) {
    throw new UnsupportedFormatError(
      `${file} has no line that starts with a WhatsApp date and time, so it is not a WhatsApp export.`,
      ['whatsapp: no message header found'],
    );
  }
  let order: DateOrder;
  if (options.dateOrder) {
    order = options.dateOrder;
  } else {
    const inferred = inferOrder(cand, dominant, dominant);
    order = inferred.order;
    const read = order === 'dmy' ? 'day first (day/month/year)' : 'month first (month/day/year)';
    if (/undecidable/.test(inferred.how)) {
      notes.push({
        line: 0,
        file,
        code: 'date-order',
        message: `No date in this export has a day above 12, so it cannot tell whether dates are written day first or month first. They were read ${read}: if the phone writes them the other way, choose that and the export is read again.`,
      });
    } else if (/conflicting/.test(inferred.how)) {
      notes.push({
        line: 0,
        file,
        code: 'date-order',
        message: `Some dates in this export only make sense day first and others only month first, so most of them decided: they were read ${read}. Check a few messages' dates against the phone, and choose the other order if they are wrong.`,
      });
    }
  }
  const platform = dominant & SIG_BRACKET ? 'ios' : dominant & SIG_DASH ? 'android' : 'legacy';
  const variant = `${platform}-${order}-${dominant & SIG_AMPM ? '12h' : '24h'}`;

  await context.pause();

  // Pass 2: cut messages between headers of the dominant layout.
  const media = new MediaIndex(input.entries, new Set([entry.path]));
  const authorTable = new Authors();
  const pending = new Pending(len);
  sink.reserve(sink.count + cand.n);
  const table = sink.table;
  table.textBytes = b;
  const fileIndex = table.fileIndex(file);
  const own = makeOwner();
  /** The table's author index for each of this parse's author ids (-1 until first used). */
  let tableAuthor = new Int32Array(16).fill(-1);
  const tableAuthorOf = (authorId: number): number => {
    if (authorId >= tableAuthor.length) {
      const grown = new Int32Array(Math.max(authorId + 1, tableAuthor.length * 2)).fill(-1);
      grown.set(tableAuthor);
      tableAuthor = grown;
    }
    let author = tableAuthor[authorId] as number;
    if (author < 0) {
      author = table.authorIndex(authorTable.names[authorId] as string);
      tableAuthor[authorId] = author;
    }
    return author;
  };
  /** One attachment list per media placeholder phrase ("<Media omitted>"), shared by the rows that have it. */
  const omittedLists = new Map<string, Attachment[]>();
  let title = titleFromName(input.fileName) ?? titleFromName(entry.path);
  let titleFromChat: string | undefined;
  const first4 = (dominant & SIG_FIRST4) !== 0;
  const last4 = (dominant & SIG_LAST4) !== 0;

  /** Turns pending region k, with its decoded text, into a message (classification, attachments, polls). */
  const finish = (k: number, raw: string): void => {
    const authorId = pending.author[k] as number;
    let author = authorId < 0 ? null : (authorTable.names[authorId] ?? null);
    let text = raw;
    let flags = pending.flags[k] as number;
    if (flags & FLAG_CR && text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    let hadMark = false;
    if (text.length > 0 && isMark(text.charCodeAt(0))) {
      hadMark = true;
      text = stripMarks(text);
    }
    let kind: Message['kind'] = 'message';
    let attachments = NO_ATTACHMENTS;
    let edited = false;
    let poll: Poll | undefined;
    if (author !== null && authorTable.suspect[authorId]) {
      const whole = `${author}: ${text}`;
      if (SYSTEM_TEXT.test(whole)) {
        author = null;
        text = LENIENT.decode(b.subarray(pending.bodyStart[k], pending.textEnd[k])).replace(/\r\n?/g, '\n');
        flags = ALL_FLAGS;
      }
    }
    // Edited marker.
    if (text.charCodeAt(text.length - 1) === 62 /* > */) {
      const m = EDITED.exec(text);
      if (m) {
        edited = true;
        text = text.slice(0, m.index);
      }
    }
    if (author === null) {
      kind = 'system';
    } else {
      const c0 = text.charCodeAt(0);
      if (text.length < 80 && DELETED_FIRST.has(c0)) {
        const plain = text.charCodeAt(text.length - 1) === 46 ? text.slice(0, -1) : text;
        if (DELETED.has(plain)) kind = 'deleted';
      }
      if (kind === 'deleted') {
        // nothing more to read
      } else if (
        (c0 === 80 || c0 === 85 || c0 === 69 || c0 === 83) &&
        (text.startsWith('POLL:') ||
          text.startsWith('UMFRAGE:') ||
          text.startsWith('ENCUESTA:') ||
          text.startsWith('SONDAGE:'))
      ) {
        const parsed = parsePoll(text);
        if (parsed) {
          kind = 'poll';
          poll = parsed;
        }
      } else if (((c0 === 77 || c0 === 78) && ENCRYPTION.test(text)) || (c0 === 84 && BUSINESS_NOTICE.test(text))) {
        kind = 'system';
        author = null;
      } else if (
        hadMark &&
        (author === title || author === titleFromChat || SYSTEM_TEXT.test(text)) &&
        !text.includes('<') &&
        !/omitted|weggelassen|ausgelassen/.test(text)
      ) {
        kind = 'system';
        author = null;
      }
    }
    if (kind === 'message' || kind === 'system') {
      attachments = findAttachments(text, media, flags);
      if (attachments.length > 0) text = stripAttachmentText(text);
    }
    // Every title pattern quotes the name, so a system line without a quote mark is not tried against them.
    if (kind === 'system' && QUOTE.test(text)) {
      for (const pattern of TITLE_PATTERNS) {
        const m = pattern.exec(text);
        if (m?.[1]) {
          titleFromChat = own(m[1]);
          break;
        }
      }
    }
    const extras: MessageExtras | undefined =
      edited || poll
        ? { ...(edited ? { edited: true } : {}), ...(poll ? { poll: ownPoll(poll, own) } : {}) }
        : undefined;
    if (attachments.length > 0) {
      for (const attachment of attachments) attachment.fileName = own(attachment.fileName);
    }
    // A text read as it stands in the file is kept as its bytes' place, not as a string (see MessageTable).
    const asRead = text === raw;
    const row = pending.row[k] as number;
    table.fill(
      row,
      author,
      asRead ? null : own(text),
      kind,
      attachments,
      extras,
      pending.textStart[k] as number,
      pending.textEnd[k] as number,
    );
    if (asRead) sink.setTextHash(row, pending.th1[k] as number, pending.th2[k] as number);
  };

  /** Decodes the batches and finishes every pending region, in file order. */
  const flush = (): void => {
    const asciiText = pending.asciiUsed > 0 ? LENIENT.decode(pending.ascii.subarray(0, pending.asciiUsed)) : '';
    const otherText = pending.otherUsed > 0 ? decodeBytes(pending.other.subarray(0, pending.otherUsed)) : '';
    const otherBad = pending.otherUsed > 0 && lastBad;
    for (let k = 0; k < pending.n; k++) {
      const where = pending.where[k];
      let text: string;
      if (where === 0) {
        text = asciiText.slice(pending.from[k], pending.to[k]);
      } else if (where === 1 && !otherBad) {
        const from = pending.from[k] as number;
        const to = pending.to[k] as number;
        text = otherText.slice(from, to);
        hashText(otherText, from, to);
        pending.th1[k] = textLanes[0] as number;
        pending.th2[k] = textLanes[1] as number;
      } else {
        const a = pending.textStart[k] as number;
        const e = pending.textEnd[k] as number;
        text = a < e ? decodeChecked(a, e, (pending.line[k] as number) + (a > 0 && b[a - 1] === 10 ? 1 : 0)) : '';
        hashText(text, 0, text.length);
        pending.th1[k] = textLanes[0] as number;
        pending.th2[k] = textLanes[1] as number;
      }
      finish(k, text);
    }
    pending.clear();
    context.checkAbort();
  };

  // Boundaries: indices into cand (dominant, valid) merged with giant lines.
  let gi = 0;
  let regionLine = 1; // first line of the current region
  let regionStart = 0; // offset of the current region's first line
  let current = -1; // candidate index owning the region, or -1 for orphan text, -2 for a giant line
  // The region's local time, in a typed array: a number that is not a small integer, kept in a variable the closures
  // share, would be boxed anew on each of a million assignments.
  const regionWhen = new Float64Array(1);
  let currentGiantChars = 0;

  const closeRegion = (endLine: number, endOffset: number): void => {
    // endOffset: offset of the next boundary's line start (or len); the region covers lines regionLine..endLine.
    if (endLine < regionLine) return;
    let textEnd = endOffset;
    if (textEnd > 0 && textEnd <= len && b[textEnd - 1] === 10) textEnd--;
    if (textEnd > 0 && b[textEnd - 1] === 13) textEnd--;
    if (current === -2) {
      notes.push({
        line: regionLine,
        file,
        message: `Line ${regionLine} is too long to be a chat message (${currentGiantChars} characters; at most ${maxLine} are read), so it was left out of the messages. Its first 200 characters are kept with the import warnings: check the original export if they matter.`,
      });
      let lineEnd = b.indexOf(10, regionStart);
      if (lineEnd < 0 || lineEnd > textEnd) lineEnd = textEnd;
      if (!validUtf8(b.subarray(regionStart, lineEnd))) badLines.push(regionLine);
      sink.warn({
        line: regionLine,
        lineEnd: regionLine,
        file,
        message: `The start of line ${regionLine}, which is too long to be a chat message.`,
        raw: LENIENT.decode(b.subarray(regionStart, Math.min(lineEnd, regionStart + 800))).slice(0, 200),
      });
      if (endLine > regionLine) {
        // Lines after the giant line up to the next boundary have no message to belong to.
        const rawStart = lineEnd < textEnd ? lineEnd + 1 : textEnd;
        sink.warn({
          line: regionLine + 1,
          lineEnd: endLine,
          file,
          message: `Lines ${regionLine + 1} to ${endLine} follow a line that was too long and belong to no message; its text is kept with the import warnings.`,
          raw: decodeChecked(rawStart, textEnd, regionLine + 1),
        });
      }
      return;
    }
    if (current === -1) {
      const raw = decodeChecked(regionStart, textEnd, regionLine);
      sink.warn({
        line: regionLine,
        lineEnd: endLine,
        file,
        message:
          raw.trim() === ''
            ? `The export starts with blank lines (${regionLine} to ${endLine}): nothing to check.`
            : `Lines ${regionLine} to ${endLine} come before the first message and belong to none; its text is kept with the import warnings.`,
        raw,
      });
      return;
    }
    const bodyStart = cand.body[current] as number;
    // Author: up to the first ": " (or ":" and a no-break space, or ":" at the end) on the header line; a known
    // author's name is recognised without the scan.
    let colon = -1;
    let afterColon = 1;
    const known = authorTable.match(b, bodyStart, textEnd);
    if (known >= 0) {
      colon = authorTable.matchedColon;
      afterColon = authorTable.matchedRest;
    } else {
      for (let k = bodyStart; k < textEnd; k++) {
        const c = b[k] as number;
        if (c === 10) break;
        if (c === 58) {
          const rest = colonRest(b, k, textEnd);
          if (rest > 0) {
            colon = k;
            afterColon = rest;
            break;
          }
        }
      }
    }
    let authorId = -1;
    let textStart = bodyStart;
    if (colon > bodyStart) {
      const id = known >= 0 ? known : authorTable.id(b, bodyStart, colon, decodeBytes);
      if (authorTable.bad[id]) badLines.push(regionLine);
      if (authorTable.names[id] !== null) {
        authorId = id;
        textStart = Math.min(colon + 1 + afterColon, textEnd);
      }
    }
    // Nothing in the text needs reading as text: the row is made from its bytes' place, with the hash just made. A
    // system line ("Ana added Ben") qualifies too, unless it may name the chat in quotation marks.
    if (
      (authorId < 0 || !authorTable.suspect[authorId]) &&
      plainText(b, textStart, textEnd) &&
      (authorId >= 0 || (plainFlags & FLAG_QUOTE) === 0)
    ) {
      table.pushPlain(
        authorId >= 0 ? tableAuthorOf(authorId) : -1,
        fileIndex,
        regionLine,
        endLine,
        regionWhen[0] as number,
        textStart,
        textEnd,
        textLanes[0] as number,
        textLanes[1] as number,
        authorId >= 0 ? 0 : SYSTEM_KIND,
      );
      return;
    }
    if (
      authorId >= 0 &&
      !authorTable.suspect[authorId] &&
      b[textStart] === 60 /* < */ &&
      b[textEnd - 1] === 62 /* > */ &&
      textEnd - textStart <= 64
    ) {
      // Android's "<Media omitted>" (or a translation): what `finish` makes of it, without the batch.
      const fileName = omittedPlaceholder(b, textStart, textEnd);
      if (fileName !== undefined) {
        // Every row with this placeholder shares one (frozen) attachment list.
        let attachments = omittedLists.get(fileName);
        if (attachments === undefined) {
          attachments = [{ fileName, kind: omittedKind(fileName), included: false }];
          omittedLists.set(fileName, attachments);
        }
        table.pushAttachmentsOnly(
          tableAuthorOf(authorId),
          fileIndex,
          regionLine,
          endLine,
          regionWhen[0] as number,
          textStart,
          attachments,
        );
        return;
      }
    }
    if (authorId >= 0 && !authorTable.suspect[authorId]) {
      // Android's "IMG-….jpg (file attached)": what `finish` makes of it, without the batch.
      const attachment = androidAttachment(b, textStart, textEnd, media);
      if (attachment !== undefined) {
        table.push(
          authorTable.names[authorId] as string,
          null,
          'message',
          [attachment],
          file,
          regionLine,
          endLine,
          regionWhen[0] as number,
          false,
          undefined,
          attachedCaption,
          textEnd,
        );
        return;
      }
    }
    if (!pending.fits(textEnd - textStart)) flush();
    const k = pending.add(b, textStart, textEnd);
    // The row is appended now, to keep file order, and filled in when its text has been decoded.
    pending.row[k] = table.push(
      null,
      null,
      'message',
      NO_ATTACHMENTS,
      file,
      regionLine,
      endLine,
      regionWhen[0] as number,
      false,
    );
    pending.line[k] = regionLine;
    pending.lineEnd[k] = endLine;
    pending.bodyStart[k] = bodyStart;
    pending.textStart[k] = textStart;
    pending.textEnd[k] = textEnd;
    pending.author[k] = authorId;
    pending.when[k] = regionWhen[0] as number;
  };

  let lastA = -1;
  let lastB = -1;
  let lastC = -1;
  let lastDay = Number.NaN;
  for (let i = 0; i <= cand.n; i++) {
    const isEnd = i === cand.n;
    const candLine = isEnd ? linesRead + 1 : (cand.line[i] as number);
    // Giant lines before this candidate become boundaries of their own.
    while (gi < giant.length && (giant[gi] as number) < candLine) {
      const gLine = giant[gi] as number;
      const gStart = giant[gi + 1] as number;
      closeRegion(gLine - 1, gStart);
      current = -2;
      regionLine = gLine;
      regionStart = gStart;
      currentGiantChars = giant[gi + 2] as number;
      gi += 3;
    }
    if (isEnd) break;
    const sig = cand.sig[i] as number;
    if (sig !== dominant) {
      notes.push({
        line: candLine,
        file,
        message: `Line ${candLine} looks like the start of a message written in another layout (${describeSignature(sig)}; this export writes ${describeSignature(dominant)}), as when part of another chat is pasted in. It was kept as part of the message above it.`,
      });
      continue;
    }
    const a = cand.a[i] as number;
    const bb = cand.b[i] as number;
    const c = cand.c[i] as number;
    // Neighbouring messages are mostly on the same day: its date is read and checked once.
    if (a !== lastA || bb !== lastB || c !== lastC) {
      lastA = a;
      lastB = bb;
      lastC = c;
      let y: number;
      let mo: number;
      let d: number;
      if (order === 'ymd') {
        y = fullYear(a, first4);
        mo = bb;
        d = c;
      } else if (order === 'dmy') {
        y = fullYear(c, last4);
        mo = bb;
        d = a;
      } else {
        y = fullYear(c, last4);
        mo = a;
        d = bb;
      }
      lastDay = validDate(y, mo, d) ? localMs(y, mo, d, 0, 0, 0) : Number.NaN;
    }
    if (Number.isNaN(lastDay)) {
      notes.push({
        line: candLine,
        file,
        message: `Line ${candLine} starts like a message, but its date is not a real date when read ${order === 'ymd' ? 'year first' : order === 'dmy' ? 'day first' : 'month first'}, so it was kept as part of the message above it.`,
      });
      continue;
    }
    let hour = cand.hour[i] as number;
    const ampm = cand.ampm[i] as number;
    if (ampm !== 0) hour = (hour % 12) + (ampm === 2 ? 12 : 0);
    const second = cand.second[i] as number;
    closeRegion(candLine - 1, cand.start[i] as number);
    current = i;
    regionLine = candLine;
    regionStart = cand.start[i] as number;
    regionWhen[0] = lastDay + ((hour * 60 + (cand.minute[i] as number)) * 60 + Math.max(second, 0)) * 1000;
  }
  closeRegion(linesRead, len);
  flush();
  if (badLines.length > 0) {
    if (!replaced) {
      notes.push({
        line: 0,
        file,
        message: replacedNote(input.fromZip ? `${input.fileName}:${entry.path}` : input.fileName, encoding),
      });
    }
    badLines.sort((x, y) => x - y);
    let last = -1;
    for (const bad of badLines) {
      if (bad === last) continue;
      last = bad;
      notes.push({
        line: bad,
        file,
        message: `Line ${bad} has characters that could not be read; they are shown as \ufffd.`,
      });
    }
  }
  if (!title) title = titleFromChat;
  if (!title) {
    const others = table
      .authorsByAppearance()
      .order.map((a) => table.authors[a] as string)
      .filter((a) => a !== 'You' && a !== 'Du');
    title = others.length > 0 && others.length <= 3 ? others.join(', ') : input.fileName.replace(/\.(txt|zip)$/i, '');
  }
  const unreferenced = media.unreferenced();
  if (input.fromZip && unreferenced > 0) {
    notes.push({
      line: 0,
      file: input.fileName,
      message: `${unreferenced === 1 ? '1 file' : `${unreferenced} files`} in the export ${unreferenced === 1 ? 'is' : 'are'} not attached to any message, so ${unreferenced === 1 ? 'it was' : 'they were'} left out.`,
    });
  }
  return { title, variant, media: media.used };
}

/**
 * Makes copies of strings that share no memory with the batch they were cut from. Texts are slices of 1 MiB batch
 * strings while a batch is read; one slice kept in the table would keep its whole batch alive. One per parse: its
 * cache of repeated short strings (media placeholders, file names) goes when the parse ends.
 */
function makeOwner(): (text: string) => string {
  const owned = new Map<string, string>();
  return (text) => {
    // V8 copies slices under 13 characters anyway; longer ones are copied through UTF-8 (no lone surrogates here).
    if (text.length < 13) return text;
    if (text.length > 64) return LENIENT.decode(ENCODER.encode(text));
    let copy = owned.get(text);
    if (copy === undefined) {
      copy = LENIENT.decode(ENCODER.encode(text));
      if (owned.size >= 4096) owned.clear();
      owned.set(copy, copy);
    }
    return copy;
  };
}

function ownPoll(poll: Poll, own: (text: string) => string): Poll {
  return {
    question: own(poll.question),
    options: poll.options.map((option) => ({ ...option, text: own(option.text) })),
  };
}

const POLL_PREFIXES = ['POLL:', 'UMFRAGE:', 'ENCUESTA:', 'SONDAGE:'].map((p) => ENCODER.encode(p));
const ENCRYPTION_PREFIXES = ['Messages ', 'Nachrichten '].map((p) => ENCODER.encode(p));
const BUSINESS_PREFIXES = ['This business ', 'This chat is with '].map((p) => ENCODER.encode(p));
const QUICK_FLAGS = FLAG_CR | FLAG_LT | FLAG_QUESTION;

function startsWithBytes(b: Uint8Array, a: number, e: number, prefixes: readonly Uint8Array[]): boolean {
  for (const prefix of prefixes) if (e - a >= prefix.length && bytesAt(b, a, e, prefix)) return true;
  return false;
}

/**
 * True when an author's text [a, e) can be kept as it stands, which is what `finish` would conclude after decoding
 * it: ASCII, no carriage return, no "<" or "?" (attachment and map forms), not ending in ">" (edited marker) or its
 * first line in ")" (Android attachment) or an omitted-media ending, and not starting like a deleted-message notice,
 * a poll or the encryption notice. Hashes the text into `textLanes` as `hashText` would (an ASCII byte is its code
 * unit). Anything else goes the long way, through `finish`.
 */
function plainText(b: Uint8Array, a: number, e: number): boolean {
  const size = e - a;
  if (size <= 0 || size > 2000) return false;
  scanText(b, a, e);
  // A non-ASCII text (emoji, accents) goes on from where the ASCII scan stopped, with its hash so far.
  if (scannedOr >= 0x80) return plainUtf8(b, a, e, scannedStop, scannedH1, scannedM, scannedFlags);
  plainFlags = scannedFlags;
  return (scannedFlags & QUICK_FLAGS) === 0 && plainShape(b, a, e, scannedFlags, size);
}

/** The {@link TEXT_CLASS} flags of the whole text {@link plainText} last found plain. */
let plainFlags = 0;

/**
 * What {@link scanText} last found: the OR of the bytes it scanned (0x80 or more when it stopped at a non-ASCII
 * byte), their {@link TEXT_CLASS} flags and, when it stopped, where (an even number of bytes from the start) and the
 * two hash lanes' state there (the second lane as `m`, see TEXT_SEED2_M).
 */
let scannedOr = 0;
let scannedFlags = 0;
let scannedStop = 0;
let scannedH1 = 0;
let scannedM = 0;

/**
 * Scans text bytes [a, e) once while they are ASCII: sets {@link scannedOr} and {@link scannedFlags}, and hashes the
 * bytes into `textLanes` with the steps of `hashText`, two at a time (an ASCII byte is its UTF-16 code unit). At the
 * first pair holding a non-ASCII byte it stops, leaving where and the hash state there (a UTF-8 text's ASCII start
 * hashes the same, so {@link plainUtf8} goes on from it); the flags then cover only the bytes before the stop.
 */
function scanText(b: Uint8Array, a: number, e: number): void {
  let flags = 0;
  let h1 = TEXT_SEED1;
  let m = TEXT_SEED2_M;
  let i = a;
  for (; i + 1 < e; i += 2) {
    const c0 = b[i] as number;
    const c1 = b[i + 1] as number;
    if ((c0 | c1) >= 0x80) break;
    flags |= (TEXT_CLASS[c0] as number) | (TEXT_CLASS[c1] as number);
    const x = c0 | (c1 << 16);
    h1 = Math.imul(h1 ^ x, TEXT_P1);
    m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
  }
  scannedFlags = flags;
  if (i + 1 < e || (i < e && (b[i] as number) >= 0x80)) {
    scannedOr = 0x80;
    scannedStop = i;
    scannedH1 = h1;
    scannedM = m;
    return;
  }
  if (i < e) {
    const c = b[i] as number;
    scannedFlags |= TEXT_CLASS[c] as number;
    h1 = Math.imul(h1 ^ c, TEXT_P1);
    m = Math.imul(m ^ c ^ (m >>> 15), TEXT_P2);
  }
  scannedOr = 0;
  finishText(h1, m ^ (m >>> 15), e - a);
}

/**
 * The checks of {@link plainText} that look at the text's ends: `units` is its length in UTF-16 code units. The first
 * byte and the last bytes of the first line must be ASCII (a leading mark or a non-ASCII ending goes the long way).
 */
function plainShape(b: Uint8Array, a: number, e: number, flags: number, units: number): boolean {
  if (b[e - 1] === 62 /* > */ || !plainStart(b, a, e, units)) return false;
  let firstEnd = e;
  if (flags & FLAG_LF) {
    const nl = b.indexOf(10, a);
    if (nl >= 0 && nl < e) firstEnd = nl;
  }
  if (firstEnd > a && b[firstEnd - 1] === 41 /* ) */ && androidBracket(b, a, firstEnd) >= 0) return false;
  if (firstEnd - a >= 3) {
    const t0 = b[firstEnd - 3] as number;
    const t1 = b[firstEnd - 2] as number;
    const t2 = b[firstEnd - 1] as number;
    // An ending that might be an omitted-media phrase (whatever the line's length) is read the long way. Those
    // phrases end in ASCII, so a line ending in another character (an emoji, say) is not one.
    if ((t0 | t1 | t2) < 0x80 && OMITTED_TAILS.has(tailKey(t0, t1, t2))) return false;
  }
  return true;
}

/**
 * The start checks of {@link plainShape}: an ASCII first byte, and not the start of a deleted-message notice, a poll
 * or the encryption notice (`units`: the text's length in UTF-16 code units).
 */
function plainStart(b: Uint8Array, a: number, e: number, units: number): boolean {
  const c0 = b[a] as number;
  if (c0 >= 0x80) return false;
  if (units < 80 && DELETED_FIRST.has(c0)) return false;
  if ((c0 === 80 || c0 === 85 || c0 === 69 || c0 === 83) && startsWithBytes(b, a, e, POLL_PREFIXES)) return false;
  if ((c0 === 77 || c0 === 78) && startsWithBytes(b, a, e, ENCRYPTION_PREFIXES)) return false;
  if (c0 === 84 && startsWithBytes(b, a, e, BUSINESS_PREFIXES)) return false;
  return true;
}

/** Where the caption of the attachment {@link androidAttachment} last read starts (its end is the text's). */
let attachedCaption = 0;

/**
 * An author's text [a, e) that is Android's attachment line ("IMG-20240101-WA0001.jpg (file attached)", any caption
 * on the lines after), read from its bytes to what `finish` makes of it: the attachment, with the caption from
 * {@link attachedCaption}. Undefined when the text is not plainly one (non-ASCII, a flag of {@link QUICK_FLAGS},
 * another form first, a name that is not a file, …); then it goes the long way.
 */
function androidAttachment(b: Uint8Array, a: number, e: number, media: MediaIndex): Attachment | undefined {
  const size = e - a;
  if (size <= 0 || size > 2000) return undefined;
  scanText(b, a, e);
  if (scannedOr >= 0x80 || (scannedFlags & QUICK_FLAGS) !== 0) return undefined;
  // A space or control character first would be trimmed from the name: such a text goes the long way.
  if (b[e - 1] === 62 /* > */ || !plainStart(b, a, e, size) || (b[a] as number) <= 32) return undefined;
  let firstEnd = e;
  if (scannedFlags & FLAG_LF) {
    const nl = b.indexOf(10, a);
    if (nl >= 0 && nl < e) firstEnd = nl;
  }
  const open = b[firstEnd - 1] === 41 /* ) */ ? androidBracket(b, a, firstEnd) : -1;
  if (open < 0) return undefined;
  // As ANDROID_ATTACHED reads it: the name up to " (", a dot at most 255 characters in; a phrase of 2 to 40.
  const phraseLength = firstEnd - 1 - (open + 1);
  if (phraseLength < 2 || phraseLength > 40 || b.lastIndexOf(46 /* . */, open - 2) - a > 255) return undefined;
  const name = LENIENT.decode(b.subarray(a, open - 1));
  const phrase = LENIENT.decode(b.subarray(open + 1, firstEnd - 1));
  if (!(FILE_ATTACHED.has(phrase) || WA_MEDIA_NAME.test(name) || media.find(name))) return undefined;
  attachedCaption = firstEnd < e ? firstEnd + 1 : e;
  return media.attach(name, kindFromFileName(name));
}

/**
 * For a first line [a, e) ending in ")": the offset of its "(" when the line has the ending of Android's attachment
 * line (see ANDROID_ATTACHED) — a dot and up to six letters or digits, a space, then a bracketed phrase of 2 to 40
 * characters without brackets — else -1. Most lines ending in ")" ("obs stable (bed 4)") do not, and need not be read
 * the long way.
 */
function androidBracket(b: Uint8Array, a: number, e: number): number {
  const close = e - 1;
  let open = close - 1;
  while (open >= a && b[open] !== 40 /* ( */ && b[open] !== 41 && b[open] !== 10) open--;
  if (open < a || b[open] !== 40) return -1;
  // The phrase's length in characters is at least its bytes / 4 and at most its bytes.
  const phraseBytes = close - open - 1;
  if (phraseBytes < 2 || phraseBytes > 160) return -1;
  if (open - 1 < a || b[open - 1] !== 32) return -1;
  let k = open - 2;
  let alnum = 0;
  while (k >= a && alnum <= 6) {
    const c = b[k] as number;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    alnum++;
    k--;
  }
  return alnum <= 6 && k > a && b[k] === 46 /* . */ ? open : -1;
}

/**
 * {@link plainText} for text with non-ASCII characters (emoji, accents), from where {@link scanText} stopped: the
 * bytes must be well-formed UTF-8 without U+FFFD, and are hashed as the UTF-16 code units they decode to, two at a
 * time, exactly as `hashText` hashes the decoded string.
 */
function plainUtf8(b: Uint8Array, a: number, e: number, from: number, h1: number, m: number, flags: number): boolean {
  // [a, from) is ASCII, already hashed into h1 and m, an even number of units.
  let units = from - a;
  let held = -1;
  let i = from;
  while (i < e) {
    const c = b[i] as number;
    // Two ASCII bytes on a pair boundary: one step, as in scanText (most of such a text is ASCII).
    if (c < 0x80 && held < 0 && i + 1 < e && (b[i + 1] as number) < 0x80) {
      const c1 = b[i + 1] as number;
      flags |= (TEXT_CLASS[c] as number) | (TEXT_CLASS[c1] as number);
      const x = c | (c1 << 16);
      h1 = Math.imul(h1 ^ x, TEXT_P1);
      m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
      units += 2;
      i += 2;
      continue;
    }
    let cp: number;
    if (c < 0x80) {
      flags |= TEXT_CLASS[c] as number;
      cp = c;
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      if ((c1 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      const c2 = i + 2 < e ? (b[i + 2] as number) : 0;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffd) return false;
      // Curly and low quotation marks, as QUOTE finds them.
      if (cp >= 0x201c && cp <= 0x201e) flags |= FLAG_QUOTE;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const c1 = i + 1 < e ? (b[i + 1] as number) : 0;
      const c2 = i + 2 < e ? (b[i + 2] as number) : 0;
      const c3 = i + 3 < e ? (b[i + 3] as number) : 0;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return false;
      cp = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return false;
      i += 4;
    } else {
      return false;
    }
    // One or two UTF-16 units, hashed in pairs.
    const count = cp < 0x10000 ? 1 : 2;
    for (let u = 0; u < count; u++) {
      const unit = count === 1 ? cp : u === 0 ? 0xd800 + ((cp - 0x10000) >> 10) : 0xdc00 + ((cp - 0x10000) & 0x3ff);
      units++;
      if (held < 0) {
        held = unit;
      } else {
        const x = held | (unit << 16);
        h1 = Math.imul(h1 ^ x, TEXT_P1);
        m = Math.imul(m ^ x ^ (m >>> 15), TEXT_P2);
        held = -1;
      }
    }
  }
  if (held >= 0) {
    h1 = Math.imul(h1 ^ held, TEXT_P1);
    m = Math.imul(m ^ held ^ (m >>> 15), TEXT_P2);
  }
  if (flags & QUICK_FLAGS) return false;
  if (!plainShape(b, a, e, flags, units)) return false;
  plainFlags = flags;
  finishText(h1, m ^ (m >>> 15), units);
  return true;
}

/** Last three characters of the endings an omitted-media line can have, as one number (a cheap first filter). */
const tailKey = (a: number, b: number, c: number): number => (a << 16) ^ (b << 8) ^ c;
const OMITTED_TAILS = new Set(
  OMITTED_ENDINGS.map((e) =>
    tailKey(e.charCodeAt(e.length - 3), e.charCodeAt(e.length - 2), e.charCodeAt(e.length - 1)),
  ),
);

function endsOmitted(text: string, end: number): boolean {
  if (end < 3) return false;
  return OMITTED_TAILS.has(tailKey(text.charCodeAt(end - 3), text.charCodeAt(end - 2), text.charCodeAt(end - 1)));
}

/** Attachments a message's text refers to; `flags` ({@link TEXT_CLASS}) says which searches can be skipped. */
function findAttachments(text: string, media: MediaIndex, flags: number): Attachment[] {
  if (text.length === 0 || text.length > 2000) return NO_ATTACHMENTS;
  if (flags & FLAG_LT && text.indexOf('<') >= 0) {
    const found: Attachment[] = [];
    IOS_ATTACHED.lastIndex = 0;
    let m: RegExpExecArray | null = IOS_ATTACHED.exec(text);
    while (m) {
      const name = stripMarks((m[2] as string).trim());
      found.push(media.attach(name, kindFromFileName(name)));
      m = IOS_ATTACHED.exec(text);
    }
    if (found.length > 0) return found;
    const trimmed = text.trim();
    if (OMITTED_ANDROID.has(trimmed)) return [{ fileName: trimmed, kind: omittedKind(trimmed), included: false }];
  }
  const nl = flags & FLAG_LF ? text.indexOf('\n') : -1;
  const firstEnd = nl < 0 ? text.length : nl;
  if (text.charCodeAt(firstEnd - 1) === 41 /* ) */) {
    const first = nl < 0 ? text : text.slice(0, nl);
    const m = ANDROID_ATTACHED.exec(first);
    if (m) {
      const name = stripMarks((m[1] as string).trim());
      const phrase = m[2] as string;
      if (FILE_ATTACHED.has(phrase) || WA_MEDIA_NAME.test(name) || media.find(name)) {
        return [media.attach(name, kindFromFileName(name))];
      }
    }
  }
  if (firstEnd < 300 && endsOmitted(text, firstEnd)) {
    const first = nl < 0 ? text : text.slice(0, nl);
    if (OMITTED_ENDINGS.some((e) => first.endsWith(e))) {
      const trimmed = first.trim();
      if (OMITTED_IOS.test(trimmed)) return [{ fileName: trimmed, kind: omittedKind(trimmed), included: false }];
      const doc = DOC_OMITTED.exec(trimmed);
      if (doc) return [{ fileName: (doc[1] as string).trim(), kind: 'document', included: false }];
      if (LIVE_LOCATION.test(trimmed)) return [{ fileName: trimmed, kind: 'location', included: false }];
    }
  }
  if (flags & FLAG_QUESTION && text.indexOf('maps.google') >= 0) {
    const m = MAPS.exec(text);
    if (m) return [{ fileName: m[0], kind: 'location', included: false }];
  }
  return NO_ATTACHMENTS;
}

/** Removes the attachment markers from a message's text, leaving any caption (the file itself is in attachments). */
function stripAttachmentText(text: string): string {
  if (text.indexOf('<') >= 0) {
    const replaced = text.replace(IOS_ATTACHED, '');
    if (replaced !== text) return replaced.replace(/[ \u200e]+$/gm, '').trim();
  }
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  if (MAPS.test(text) && !ANDROID_ATTACHED.test(first)) return text;
  return rest;
}

function chooseError(available: string[], fileName: string, chosen: string | undefined): ChatSelectionError {
  return new ChatSelectionError(
    available.length === 0
      ? `${fileName} holds no WhatsApp chat text file.`
      : chosen
        ? `No chat in ${fileName} matches '${chosen}'. Available: ${available.join(', ')}.`
        : `${fileName} holds ${available.length} WhatsApp chats; choose one with the chat option (--chat). Available: ${available.join(', ')}.`,
    available,
  );
}

/** The WhatsApp importer (see the module comment). */
export const whatsapp: FormatImporter = {
  format: 'whatsapp',
  detect(input: ImportInput): Detection {
    const named = input.entries.filter((e) => CHAT_NAME.test(e.path));
    if (named.length > 0) return { score: 0.95, reason: `chat file ${named[0]?.path}` };
    for (const entry of input.entries) {
      if (input.fromZip && !/\.txt$/i.test(entry.path)) continue;
      const sample = input.peek(entry, 8000);
      const share = headerShare(sample);
      if (share.headers > 0 && (share.firstIsHeader || share.headers * 2 >= share.lines)) {
        return {
          score: 0.5 + (0.4 * share.headers) / share.lines,
          reason: `${share.headers} of the first ${share.lines} lines start with a WhatsApp date and time`,
        };
      }
    }
    return {
      score: 0,
      reason:
        'no line starts with a WhatsApp date and time ("12/07/2017, 22:35 - Name: text" or "[12/07/2017, 22:35:01] Name: text")',
    };
  },
  parse: parseWhatsApp,
};
