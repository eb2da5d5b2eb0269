/**
 * Every phrase WhatsApp writes in an export, in every language the importer knows, written once. The importer reads
 * most messages as bytes and the rest as strings (see `plain.ts` and `classify.ts`); both forms of each rule are made
 * here from the one list, so a phrase added to a list is known to both routes. `test/whatsapp-phrases.test.ts` reads
 * these lists and checks that both routes read every phrase alike.
 */
import type { AttachmentKind } from '../../model.ts';
import { ENCODER } from './utf8.ts';

/** A phrase as a regular expression source that matches it literally. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regular expression source matching any of `phrases` exactly (longest first, so none hides a longer one). */
const anyOf = (phrases: readonly string[]): string =>
  [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map(literal)
    .join('|');
const bytesOf = (phrases: readonly string[]): readonly Uint8Array[] =>
  [...new Set(phrases)].map((phrase) => ENCODER.encode(phrase));

// ---------------------------------------------------------------------------------------------------------------
// Headers

/** 12-hour markers written as words (after the time, or before it in Chinese, Japanese and Korean): 1 am, 2 pm. */
const AMPM_WORD_LIST: readonly (readonly [string, 1 | 2])[] = [
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
];
/** {@link AMPM_WORD_LIST} as UTF-8 bytes with their value (1 am, 2 pm). Latin `am`/`pm` forms are read by the scanner. */
export const AMPM_WORDS: readonly (readonly [Uint8Array, 1 | 2])[] = AMPM_WORD_LIST.map(
  ([word, value]) => [ENCODER.encode(word), value] as const,
);
/**
 * First code points of the {@link AMPM_WORD_LIST} words: a character before which no marker word can start is passed
 * over without trying every word.
 */
export const AMPM_FIRST: ReadonlySet<number> = new Set(AMPM_WORD_LIST.map(([word]) => word.codePointAt(0) as number));

/** Words between the date and the time ("klo 14.05", "à 14:05", "um 14:05"), each with its following space. */
export const CONNECTORS: readonly Uint8Array[] = bytesOf([
  'klo ',
  'kl. ',
  'à ',
  'um ',
  'alle ',
  'a las ',
  'às ',
  'om ',
]);

// ---------------------------------------------------------------------------------------------------------------
// Export file names

/** How each language names the exported chat file, and the words between that and the chat's name. */
const CHAT_FILE_NAMES: readonly { start: string; before: readonly string[] }[] = [
  { start: 'WhatsApp Chat', before: ['with', '-'] },
  { start: 'WhatsApp-Chat', before: ['mit'] },
  { start: 'Chat de WhatsApp', before: ['con'] },
  { start: 'Discussion WhatsApp', before: ['avec'] },
];
/** A path whose file is an exported chat: iOS `_chat.txt`, Android `WhatsApp Chat with X.txt` and its translations. */
export const CHAT_FILE = new RegExp(
  `(^|/)(_chat\\.txt|${CHAT_FILE_NAMES.map(({ start }) => `${literal(start)}[^/]*\\.txt`).join('|')})$`,
  'i',
);
/** The chat's name in an export's file name ("WhatsApp Chat with Ward 7" → "Ward 7"), as group 1. */
export const CHAT_FILE_TITLE = new RegExp(
  `^(?:${anyOf(CHAT_FILE_NAMES.flatMap(({ start, before }) => before.map((word) => `${start} ${word}`)))})\\s+(.+)$`,
  'i',
);

// ---------------------------------------------------------------------------------------------------------------
// Messages that are notices

/** The phone owner's own name in system lines ("You added Ana"); never taken for the chat's title. */
export const YOU: readonly string[] = ['You', 'Du'];

/** Texts that replace a deleted message (a full stop after them is allowed). */
export const DELETED: ReadonlySet<string> = new Set([
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
/** A text at least this long (in UTF-16 units) is never a deleted-message notice. */
export const DELETED_MAX_LENGTH = 80;
/** First characters of the {@link DELETED} notices: a text starting otherwise is not one, without a lookup. */
export const DELETED_FIRST: ReadonlySet<number> = new Set([...DELETED].map((text) => text.charCodeAt(0)));

/** The heading, option word and vote words of a poll, per language ("POLL:", "OPTION: 08:00 (2 votes)"). */
export const POLLS: readonly { heading: string; option: string; votes: readonly string[] }[] = [
  { heading: 'POLL', option: 'OPTION', votes: ['vote', 'votes'] },
  { heading: 'UMFRAGE', option: 'OPTION', votes: ['Stimme', 'Stimmen'] },
  { heading: 'ENCUESTA', option: 'OPCIÓN', votes: ['voto', 'votos'] },
  { heading: 'SONDAGE', option: 'OPTION', votes: ['vote', 'votes'] },
];
/** A poll's first line, as written: `POLL:` and its translations. */
export const POLL_HEADINGS: readonly string[] = POLLS.map(({ heading }) => `${heading}:`);
/** One option line of a poll: the option's text (group 1) and its vote count (group 2), if shown. */
export const POLL_OPTION = new RegExp(
  `^(?:${anyOf(POLLS.map(({ option }) => option))}):\\s*(.*?)(?:\\s*\\((\\d+) (?:${anyOf(POLLS.flatMap(({ votes }) => votes))})\\))?$`,
);

/**
 * The notice that messages are end-to-end encrypted, as an opening phrase and the rest of the pattern: written under
 * an author's name in some exports, but a system event. The openings tell the byte route which texts might be one.
 */
const ENCRYPTION_NOTICES: readonly { start: string; rest: string }[] = [
  {
    start: 'Messages ',
    rest: '(and calls )?(you send )?(to this (group|chat) )?(are|is) (now )?(secured with )?end-to-end encrypt',
  },
  { start: 'Nachrichten ', rest: 'und Anrufe sind Ende-zu-Ende' },
];
/**
 * WhatsApp's notices about business accounts ("This business uses a secure service from Meta to manage this chat…"):
 * written under the business's name, but system notices, not its messages.
 */
const BUSINESS_NOTICES: readonly { start: string; rest: string }[] = [
  {
    start: 'This business ',
    rest: '(uses a secure service from Meta|works with other companies|is now using a secure service|account has now registered as a standard account)',
  },
  { start: 'This chat is with ', rest: '(a|an official) business account' },
];
const noticePattern = (notices: readonly { start: string; rest: string }[]): RegExp =>
  new RegExp(`^(${notices.map(({ start, rest }) => `${literal(start)}${rest}`).join('|')})`);
/** Opening phrases of the encryption and business notices, for a cheap test before the patterns. */
export const NOTICE_STARTS: readonly string[] = [...ENCRYPTION_NOTICES, ...BUSINESS_NOTICES].map(({ start }) => start);
/** A text that is the encryption notice or a business notice (see {@link NOTICE_STARTS}). */
export const NOTICE = noticePattern([...ENCRYPTION_NOTICES, ...BUSINESS_NOTICES]);

/**
 * Words that mark a system event (someone added, left, changed the group), in English and German. Tried on the whole
 * line when an author's name may be part of one (a name with quotes), and on a text with a leading mark.
 */
const SYSTEM_ANYWHERE = [
  'end-to-end',
  'Ende-zu-Ende',
  'security code',
  'Sicherheitsnummer',
  'Sicherheitscode',
  'hinzugefügt',
  'beigetreten',
];
/** English actions, after the name and a space ("Ana added Ben"). */
const SYSTEM_ACTIONS = [
  'added',
  'removed',
  'left',
  'joined',
  'created group',
  'changed the subject',
  'changed the group',
  'changed this group',
  'changed their phone',
  'turned on',
  'turned off',
  'was added',
  'were added',
  'now an admin',
  'deleted this group',
];
/** German verbs that end the line ("Ana hat Ben entfernt."). */
const SYSTEM_ENDINGS = ['entfernt', 'verlassen', 'geändert', 'erstellt'];
/** A text (or a whole line) that reads as a system event: see {@link SYSTEM_ANYWHERE} and its neighbours. */
export const SYSTEM_TEXT = new RegExp(
  [
    ...SYSTEM_ANYWHERE.map(literal),
    ` (${SYSTEM_ACTIONS.map(literal).join('|')})`,
    `^(${YOU.map(literal).join('|')}) `,
    ...SYSTEM_ENDINGS.map((word) => `${literal(word)}\\.?$`),
  ].join('|'),
);

/** Quotation marks a system line may name the chat between ("Ana changed the subject to “Ward 7”"). */
export const QUOTE_MARKS = '"“”„';
/** Any of {@link QUOTE_MARKS}. */
export const QUOTE = new RegExp(`[${QUOTE_MARKS}]`);
/** Code points of the {@link QUOTE_MARKS} outside ASCII (the byte route finds these in decoded characters). */
export const QUOTE_CODES: ReadonlySet<number> = new Set(
  [...QUOTE_MARKS].map((mark) => mark.charCodeAt(0)).filter((code) => code >= 0x80),
);
/** System lines that name the chat, in quotation marks; the name is group 1. */
export const TITLE_PATTERNS: readonly RegExp[] = [
  /created group ["“](.+)["”]\s*$/,
  /changed the (?:subject|group name)(?: from ["“].*["”])? to ["“](.+)["”]\.?\s*$/,
  /die Gruppe ["„“](.+)["“”] erstellt\.?\s*$/,
  /Gruppennamen (?:von ["„“].*["“”] )?zu ["„“](.+)["“”] geändert\.?\s*$/,
];

/** The words of the marker after an edited message's text ("<This message was edited>"). */
export const EDITED_MARKERS: readonly string[] = [
  'This message was edited',
  'Diese Nachricht wurde bearbeitet',
  'Se editó este mensaje',
  'Se editó este mensaje.',
  'Ce message a été modifié',
  'Questo messaggio è stato modificato',
  'Dit bericht is bewerkt',
  'Essa mensagem foi editada',
  'Mensagem editada',
];
/** The marker after an edited message's text, with any space and mark before it. */
export const EDITED = new RegExp(`\\s*\\u200e?<(${anyOf(EDITED_MARKERS)})>$`);

// ---------------------------------------------------------------------------------------------------------------
// Media

/** Android's placeholders for media left out of an export ("<Media omitted>"), with the kind each names. */
const ANDROID_PLACEHOLDERS: readonly (readonly [string, AttachmentKind])[] = [
  ['Media omitted', 'other'],
  ['Video message omitted', 'video'],
  ['Video note omitted', 'video'],
  ['Medien ausgeschlossen', 'other'],
  ['Medien weggelassen', 'other'],
  ['Videonachricht weggelassen', 'video'],
  ['Multimedia omitido', 'other'],
  ['Multimedia omitidos', 'other'],
  ['Archivo omitido', 'other'],
  ['Médias omis', 'other'],
  ['Média omis', 'other'],
  ['Fichier omis', 'other'],
  ['Media omessi', 'other'],
  ['Media weggelaten', 'other'],
  ['Mídia oculta', 'other'],
  ['Arquivo de mídia oculto', 'other'],
  ['Mídia omitida', 'other'],
  ['Media dihilangkan', 'other'],
  ['Medya dahil edilmedi', 'other'],
  ['Media pominięte', 'other'],
  ['Без медиафайлов', 'other'],
  ['Медиафайлы опущены', 'other'],
  ['Media utelatt', 'other'],
  ['Media udeladt', 'other'],
  ['Media utelämnad', 'other'],
  ['Media jätetty pois', 'other'],
];
/** Android placeholders as written, `<Media omitted>`, with their kinds. */
export const ANDROID_PLACEHOLDER_KINDS: ReadonlyMap<string, AttachmentKind> = new Map(
  ANDROID_PLACEHOLDERS.map(([phrase, kind]) => [`<${phrase}>`, kind]),
);
/** {@link ANDROID_PLACEHOLDER_KINDS}' placeholders as UTF-8 bytes, to recognise them without decoding. */
export const ANDROID_PLACEHOLDER_BYTES: readonly (readonly [Uint8Array, string])[] = [
  ...ANDROID_PLACEHOLDER_KINDS.keys(),
].map((placeholder) => [ENCODER.encode(placeholder), placeholder] as const);

/** iOS names the kind of media left out, then says it was ("image omitted", "Bild weggelassen"): the names by kind. */
export const IOS_MEDIA_NAMES: readonly (readonly [AttachmentKind, readonly string[]])[] = [
  ['image', ['image', 'photo', 'GIF', 'Bild', 'Foto', 'imagen', 'immagine', 'afbeelding']],
  ['video', ['video', 'video note', 'video message', 'Videonachricht', 'Videonotiz', 'vídeo', 'vidéo']],
  ['audio', ['audio']],
  ['sticker', ['sticker', 'autocollant']],
  ['contact', ['Contact card', 'Kontaktkarte', 'tarjeta de contacto']],
  ['document', ['document', 'Dokument', 'documento']],
];
/** The words that say media was left out, after its name; also the ends of the Android document form. */
export const OMITTED_WORDS: readonly string[] = [
  'omitted',
  'weggelassen',
  'ausgelassen',
  'omitido',
  'omitida',
  'omis',
  'omise',
  'omessa',
  'omesso',
  'weggelaten',
];
/** Kinds of the iOS media names, lower-cased (the placeholders are matched in any case). */
const IOS_MEDIA_KIND: ReadonlyMap<string, AttachmentKind> = new Map(
  IOS_MEDIA_NAMES.flatMap(([kind, names]) => names.map((name) => [name.toLowerCase(), kind] as const)),
);
/** An iOS placeholder, "image omitted": the media name is group 1. */
export const IOS_PLACEHOLDER = new RegExp(
  `^(${anyOf(IOS_MEDIA_NAMES.flatMap(([, names]) => names))}) (${anyOf(OMITTED_WORDS)})$`,
  'i',
);
/** The kind of the media an {@link IOS_PLACEHOLDER}'s name (its group 1) names. */
export const iosPlaceholderKind = (name: string): AttachmentKind => IOS_MEDIA_KIND.get(name.toLowerCase()) ?? 'other';
/** A word of {@link OMITTED_WORDS} anywhere: a text with one is a media placeholder, not a system event. */
export const OMITTED_WORD = new RegExp(`\\b(${anyOf(OMITTED_WORDS)})\\b`);
/** The words after the name of a document iOS left out. */
export const DOCUMENT_OMITTED: readonly string[] = ['document omitted', 'Dokument weggelassen', 'documento omitido'];
/** iOS's left-out document with its name, "scan.pdf • 2 pages document omitted": the file name is group 1. */
export const DOCUMENT_PLACEHOLDER = new RegExp(`^(.+?)(?: • .+?)? (${anyOf(DOCUMENT_OMITTED)})$`);
/** The placeholder for a shared live location. */
export const LIVE_LOCATION_PHRASES: readonly string[] = [
  'live location shared',
  'Live-Standort wird geteilt',
  'Live-Standort wird geteilt.',
  'ubicación en tiempo real compartida',
];
/** A shared live location's placeholder (any case). */
export const LIVE_LOCATION = new RegExp(`^(${anyOf(LIVE_LOCATION_PHRASES)})$`, 'i');
/**
 * How a first line that may be one of the placeholders above ends: an omitted word or a live location's last word.
 * A line ending otherwise is none of them, without trying the patterns (the byte route tests the last three bytes).
 */
export const PLACEHOLDER_ENDINGS: readonly string[] = [
  ...new Set([...OMITTED_WORDS, ...LIVE_LOCATION_PHRASES.map((phrase) => phrase.slice(phrase.lastIndexOf(' ') + 1))]),
];

/** Android's attachment line: "IMG-20240101-WA0001.jpg (file attached)"; name in group 1, the phrase in group 2. */
export const ANDROID_ATTACHED = /^\u200e?([^\n]{1,255}?\.(?:[A-Za-z0-9]{1,6})?) \(([^()\n]{2,40})\)$/;
/** The phrases in Android's attachment line's brackets. */
export const FILE_ATTACHED: ReadonlySet<string> = new Set([
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
/** WhatsApp's own media file names (IMG-20240101-WA0001): an attachment line naming one is an attachment. */
export const WA_MEDIA_NAME = /^(IMG|VID|AUD|PTT|STK|DOC|GIF)-\d{8}-WA\d{4}/;
/** iOS's attachment form, `<attached: 00000012-PHOTO-….jpg>`: the file name is group 2. */
export const IOS_ATTACHED = /\u200e?<([^<>\n:]{1,30}): ?([^<>\n]{1,255}?\.[A-Za-z0-9]{1,6})>/g;
/** A shared location's map link. */
export const MAPS = /https:\/\/maps\.google\.com\/\?q=[-\d.,]+/;
