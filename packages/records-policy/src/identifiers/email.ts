import { type FindOptions, type IdentifierMatch, scan } from './match.ts';

const EMAIL_SOURCE = String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b`;

/**
 * A new global regex matching email-address candidates in free text (ASCII local part and domain). Validate each
 * candidate with {@link isValidEmail}, which also rejects leading, trailing or doubled dots.
 */
export function emailPattern(): RegExp {
  return new RegExp(EMAIL_SOURCE, 'g');
}

const LOCAL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The address with its domain lower-cased, or undefined when it is not a plausible address: local part of dot-separated
 * atoms (at most 64 characters), domain of at least two labels (each 1–63 characters, no leading or trailing hyphen),
 * a top-level domain of letters, at most 254 characters overall. Quoted local parts and IP-literal domains are not
 * accepted because they do not occur in clinical messages.
 */
export function normaliseEmail(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 254) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1] ?? '';
  if (!/^[A-Za-z]{2,63}$/.test(tld)) return undefined;
  return `${local}@${domain.toLowerCase()}`;
}

/** Whether `text` is a plausible email address; see {@link normaliseEmail}. */
export function isValidEmail(text: string): boolean {
  return normaliseEmail(text) !== undefined;
}

/** Every plausible email address in free text. */
export function findEmails(text: string, options: FindOptions = {}): IdentifierMatch[] {
  return scan(text, emailPattern(), 'email', normaliseEmail, options);
}
