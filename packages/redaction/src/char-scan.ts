/**
 * Character-level pre-filters shared by the recognisers: loops over UTF-16 code units that tell, without a regular
 * expression or an allocation, that a message cannot hold a pattern's match, so most messages skip the pattern.
 */

/**
 * Whether the text has an ASCII letter followed by a digit, or "GIR 0" / "GIR0" in any case — the shape every UK
 * postcode has (the same test as `/[A-Za-z]\d|GIR ?0/i`).
 */
export function hasLetterDigit(text: string): boolean {
  const n = text.length - 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) continue;
    const d = text.charCodeAt(i + 1);
    if (d >= 48 && d <= 57) return true;
    if (c === 103 && (d | 32) === 105 && i + 3 <= n && (text.charCodeAt(i + 2) | 32) === 114) {
      let j = i + 3;
      if (text.charCodeAt(j) === 32) j++;
      if (text.charCodeAt(j) === 48) return true;
    }
  }
  return false;
}
