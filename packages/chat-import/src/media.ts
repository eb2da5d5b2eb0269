import type { Attachment, AttachmentKind } from './model.ts';
import type { ArchiveEntry } from './zip.ts';

const EXT_KIND: Record<string, AttachmentKind> = {};
for (const e of ['jpg', 'jpeg', 'png', 'heic', 'heif', 'gif', 'bmp', 'tif', 'tiff']) EXT_KIND[e] = 'image';
for (const e of ['mp4', 'mov', '3gp', 'avi', 'mkv', 'm4v', 'webm']) EXT_KIND[e] = 'video';
for (const e of ['opus', 'ogg', 'oga', 'mp3', 'm4a', 'aac', 'wav', 'amr', 'flac']) EXT_KIND[e] = 'audio';
for (const e of [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'txt',
  'csv',
  'rtf',
  'odt',
  'ods',
  'odp',
  'pages',
  'numbers',
  'key',
  'zip',
  'html',
  'htm',
  'md',
  'json',
  'eml',
  'msg',
])
  EXT_KIND[e] = 'document';
EXT_KIND.vcf = 'contact';
EXT_KIND.webp = 'sticker';
EXT_KIND.tgs = 'sticker';

/** Guesses an attachment's kind from WhatsApp's file-name prefixes (IMG-, PTT-, …) and then the extension. */
export function kindFromFileName(name: string): AttachmentKind {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const upper = base.toUpperCase();
  if (/^(IMG|PHOTO)-|^\d{8}-PHOTO-/.test(upper)) return 'image';
  if (/^(VID|VIDEO)-|^\d{8}-VIDEO-/.test(upper)) return 'video';
  if (/^(AUD|PTT|AUDIO)-|^\d{8}-AUDIO-/.test(upper)) return 'audio';
  if (/^(STK|STICKER)-|^\d{8}-STICKER-/.test(upper)) return 'sticker';
  if (/^(GIF)-|^\d{8}-GIF-/.test(upper)) return 'video';
  if (/^(DOC)-/.test(upper)) return 'document';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return 'other';
  return EXT_KIND[base.slice(dot + 1).toLowerCase()] ?? 'other';
}

/** Guesses an attachment's kind from a MIME type (Telegram, Slack). */
export function kindFromMime(mime: string | undefined): AttachmentKind | undefined {
  if (!mime) return undefined;
  if (mime.startsWith('image/')) return mime === 'image/webp' ? 'sticker' : 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime === 'text/vcard' || mime === 'text/x-vcard') return 'contact';
  if (mime.startsWith('application/') || mime.startsWith('text/')) return 'document';
  return undefined;
}

/** Finds attachment files inside an archive by path or by base name (exports refer to files by base name). */
export class MediaIndex {
  readonly #byPath = new Map<string, ArchiveEntry>();
  readonly #byBase = new Map<string, ArchiveEntry>();
  readonly used = new Map<string, Uint8Array>();

  constructor(entries: readonly ArchiveEntry[], exclude: ReadonlySet<string> = new Set()) {
    for (const entry of entries) {
      if (exclude.has(entry.path)) continue;
      this.#byPath.set(entry.path.normalize('NFC'), entry);
      const base = entry.path.slice(entry.path.lastIndexOf('/') + 1).normalize('NFC');
      if (!this.#byBase.has(base)) this.#byBase.set(base, entry);
    }
  }

  get size(): number {
    return this.#byPath.size;
  }

  /** The entry for a referenced file name or relative path, if the archive holds it. */
  find(name: string): ArchiveEntry | undefined {
    const clean = name.trim().replace(/\\/g, '/').replace(/^\.\//, '').normalize('NFC');
    return this.#byPath.get(clean) ?? this.#byBase.get(clean.slice(clean.lastIndexOf('/') + 1));
  }

  /** Builds an attachment, marking it included (and recording its bytes) when the archive holds the file. */
  attach(fileName: string, kind: AttachmentKind, mimeType?: string): Attachment {
    const entry = this.find(fileName);
    const attachment: Attachment = { fileName, kind, included: entry !== undefined };
    if (entry) {
      attachment.mediaKey = entry.path;
      this.used.set(entry.path, entry.bytes);
    }
    if (mimeType) attachment.mimeType = mimeType;
    return attachment;
  }

  /** Number of archive files no message referred to. */
  unreferenced(): number {
    return this.#byPath.size - this.used.size;
  }
}
