/**
 * Hospital (MRN) number formats differ from trust to trust, so a trust describes its own as shapes that an IG lead can
 * write without knowing regular expressions: `#` is a digit, `@` is a capital letter, and any other character stands for
 * itself. `RJ1######` is "RJ1" then six digits; `@@ ### ####` is two letters, a space, three digits, a space and four
 * digits. The redaction engine matches the pattern made from a shape as a whole token, case-sensitively.
 */
import { HospitalNumberShapeError } from '../errors.ts';

/** Fewest digits a shape must hold: with fewer, bed numbers, bleeps and doses would match. */
export const MIN_HOSPITAL_NUMBER_DIGITS = 5;
/** Longest shape accepted (hospital numbers are short; a long line is a paste gone wrong). */
export const MAX_HOSPITAL_NUMBER_SHAPE = 24;

/**
 * The regular-expression source for a hospital-number shape (see the module comment). Throws
 * {@link HospitalNumberShapeError} naming the shape and the problem when it is empty, too long, holds fewer than
 * {@link MIN_HOSPITAL_NUMBER_DIGITS} digits or a character that cannot be part of a number.
 */
export function hospitalNumberPattern(shape: string): string {
  const written = shape.trim();
  if (written === '') throw new HospitalNumberShapeError('A hospital number shape is empty.');
  if (written.length > MAX_HOSPITAL_NUMBER_SHAPE) {
    throw new HospitalNumberShapeError(
      `Hospital number shape "${written}" is ${written.length} characters long; the most allowed is ${MAX_HOSPITAL_NUMBER_SHAPE}.`,
    );
  }
  let digits = 0;
  let source = '';
  for (const ch of written) {
    if (ch === '#') {
      digits++;
      source += '\\d';
    } else if (ch === '@') {
      source += '[A-Z]';
    } else if (/^[A-Za-z0-9 /-]$/.test(ch)) {
      if (/\d/.test(ch)) digits++;
      // Letters, digits, space, hyphen and slash mean themselves in a pattern (with or without the u flag).
      source += ch;
    } else {
      throw new HospitalNumberShapeError(
        `Hospital number shape "${written}" has "${ch}", which cannot be part of a number. Use # for a digit, @ for a capital letter, and letters, digits, spaces, hyphens or slashes as written.`,
      );
    }
  }
  if (digits < MIN_HOSPITAL_NUMBER_DIGITS) {
    throw new HospitalNumberShapeError(
      `Hospital number shape "${written}" has ${digits} digit${digits === 1 ? '' : 's'}; it needs at least ${MIN_HOSPITAL_NUMBER_DIGITS}, or it would match bed numbers, bleeps and doses.`,
    );
  }
  return source;
}
