/**
 * Fictional identifiers with the real shapes: NHS numbers in the 999 test range, Ofcom drama-range phone numbers,
 * real-shaped postcodes, NI numbers, hospital numbers. None of them belongs to a real person.
 */
import type { Random } from './random.ts';

function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

/** Groups ten digits as the NHS prints them (3-3-4) with the chosen separator. */
function groupNhs(digits: string, random: Random): string {
  const style = random.int(0, 9);
  if (style < 5) return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  if (style < 8) return digits;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** A checksum-valid NHS number from the 999 range, which is never issued to a patient. */
export function validNhsNumber(random: Random): string {
  for (;;) {
    const nine = `999${random.digits(6)}`;
    const check = nhsCheckDigit(nine);
    if (check !== 10) return groupNhs(nine + String(check), random);
  }
}

/** An NHS number typed with a wrong check digit (a typo a clinician might make). */
export function invalidNhsNumber(random: Random): string {
  const nine = `999${random.digits(6)}`;
  const check = nhsCheckDigit(nine);
  const wrong = (check + random.int(1, 9)) % 10;
  return groupNhs(nine + String(wrong === check ? (wrong + 1) % 10 : wrong), random);
}

/** A phone number from Ofcom's ranges reserved for drama, in one of the ways people type them. */
export function dramaPhone(random: Random): string {
  const kind = random.int(0, 9);
  const tail3 = random.digits(3);
  if (kind < 6) {
    const style = random.int(0, 5);
    if (style === 0) return `07700900${tail3}`;
    if (style === 1) return `+44 7700 900${tail3}`;
    if (style === 2) return `+447700900${tail3}`;
    if (style === 3) return `07700 900 ${tail3}`;
    return `07700 900${tail3}`;
  }
  if (kind < 8) return random.chance(0.5) ? `01632 960${tail3}` : `(01632) 960 ${tail3}`;
  return random.chance(0.6) ? `020 7946 0${tail3}` : `+44 20 7946 0${tail3}`;
}

const postcodeAreas = [
  'B',
  'BS',
  'CF',
  'CB',
  'DN',
  'E',
  'EC',
  'G',
  'L',
  'LS',
  'M',
  'N',
  'NE',
  'NG',
  'NW',
  'OX',
  'PL',
  'S',
  'SE',
  'SO',
  'SW',
  'W',
  'YO',
  'EH',
  'BT',
  'LE',
  'CV',
  'TR',
];
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode with the real positional shape (area, district, sector digit, two allowed unit letters). */
export function ukPostcode(random: Random): string {
  const area = random.pick(postcodeAreas);
  const district = String(random.int(1, area.length === 1 ? 20 : 30));
  const unit = `${random.int(0, 9)}${inwardLetters[random.int(0, 19)]}${inwardLetters[random.int(0, 19)]}`;
  const style = random.int(0, 9);
  if (style === 0) return `${area}${district}${unit}`;
  if (style === 1) return `${area}${district} ${unit}`.toLowerCase();
  return `${area}${district} ${unit}`;
}

const ninoFirst = 'ABCEGHJKLMNOPRSTWXYZ';
const ninoSecond = 'ABCEGHJKLMNPRSTWXYZ';
const badPrefixes = new Set(['BG', 'GB', 'NK', 'KN', 'NT', 'TN', 'ZZ']);

/** A National Insurance number with an allowed prefix and suffix A–D, spaced or not. */
export function niNumber(random: Random): string {
  for (;;) {
    const prefix = `${ninoFirst[random.int(0, ninoFirst.length - 1)]}${ninoSecond[random.int(0, ninoSecond.length - 1)]}`;
    if (badPrefixes.has(prefix)) continue;
    const d = random.digits(6);
    const suffix = 'ABCD'[random.int(0, 3)];
    return random.chance(0.5)
      ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`
      : `${prefix}${d}${suffix}`;
  }
}

/** A hospital (MRN) number in one of the trust shapes the eval configures: RX1234567, K123456, H1234567. */
export function hospitalNumber(random: Random): string {
  const shape = random.int(0, 2);
  if (shape === 0) return `RX${random.digits(7)}`;
  if (shape === 1) return `K${random.digits(6)}`;
  return `H${random.digits(7)}`;
}

/** The patterns a trust would configure for {@link hospitalNumber}'s shapes. */
export const syntheticHospitalNumberPatterns: readonly string[] = ['RX\\d{7}', 'K\\d{6}', 'H\\d{7}'];
