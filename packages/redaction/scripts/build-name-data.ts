/**
 * Builds `src/data/name-lists.json`: UK first-name and surname lists from faker's en_GB locale data (which falls back to
 * en for people's names), plus the project's own short list of common UK names, and the safe-list flag for names that
 * are also ordinary English words (from dictionary-en-gb), so "Will you…" and "Grace period" are not taken as names.
 *
 * Also `src/data/world-names.json`: Bloom filters of the first names and surnames of every Latin-script faker locale
 * (about 15,000 and 14,000), which the name model reads as features; the rules keep to the UK lists.
 *
 * Run: `node scripts/build-name-data.ts` in packages/redaction. The output is committed; nothing runs at install time.
 */
import { writeFileSync } from 'node:fs';
import { allLocales } from '@faker-js/faker';
import dictionary from 'dictionary-en-gb';
import { BloomFilter } from '../src/bloom.ts';
import { supplementFirstNames, supplementSurnames } from './uk-names.ts';

type NameTable = Record<string, string[] | undefined> | string[] | undefined;

function flatten(table: NameTable): string[] {
  if (table === undefined) return [];
  if (Array.isArray(table)) return table;
  return Object.values(table).flatMap((list) => list ?? []);
}

const chain = [allLocales.en_GB, allLocales.en];
const pick = (key: 'first_name' | 'last_name'): string[] => {
  for (const locale of chain) {
    const list = flatten(locale?.person?.[key] as NameTable);
    if (list.length > 0) return list;
  }
  return [];
};

const clean = (names: string[]): string[] =>
  [...new Set(names.map((n) => n.trim()).filter((n) => /^[\p{Lu}][\p{L}'’-]+$/u.test(n) && n.length >= 2))].sort();

const first = clean([...pick('first_name'), ...supplementFirstNames]);
const last = clean([...pick('last_name'), ...supplementSurnames]);

const lowerWords = new Set<string>();
const allWords = new Set<string>();
const capitalised = new Set<string>();
for (const line of new TextDecoder().decode(dictionary.dic).split('\n').slice(1)) {
  const word = line.split('/')[0] ?? '';
  const flags = line.split('/')[1] ?? '';
  if (/^[a-z]+$/.test(word)) lowerWords.add(word);
  if (/^[A-Z][a-z'-]*$/.test(word)) capitalised.add(word.toLowerCase());
  if (/^[A-Za-z][a-z'-]*$/.test(word)) {
    allWords.add(word.toLowerCase());
    // Regular plural and possessive forms, so "Bloods" or "Nurses" are known words too.
    if (/[SM]/.test(flags)) allWords.add(`${word.toLowerCase()}s`);
  }
}
// Months, days and a few ward words are capitalised in English but still are not names on their own.
const alsoCommon = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'christmas',
  'easter',
];
for (const w of alsoCommon) lowerWords.add(w);

// Names that a hunspell list also has in lower case (slang or rare senses) but that in a ward chat are names.
const namesFirst = new Set([
  'John',
  'Peter',
  'Harry',
  'Charlie',
  'Timothy',
  'Jack',
  'Jimmy',
  'Johnny',
  'Martin',
  'Smith',
  'Begum',
  'Khan',
  'Shah',
  'Sheila',
  'Graham',
  'Victor',
  'Veronica',
  'Maria',
  'Mike',
  'Nick',
  'Tom',
  'Tony',
  'Ted',
  'Terry',
  'Roger',
  'Rick',
  'Sally',
  'Molly',
  'Jenny',
  'Patsy',
  'Ken',
  'Matt',
  'Josh',
  'Bob',
  'Bobby',
  'Billy',
  'Nelson',
  'Hector',
  'Phoebe',
  'Rhea',
  'Parry',
  'Margarita',
  'Jean',
  'Colleen',
  'Clement',
  'Derrick',
  'Kelvin',
  'Marina',
  'Beryl',
  'Hazel',
  'Heather',
  'Jasmine',
  'Jasper',
  'Phoebe',
  'Hank',
  'Chad',
  'Brad',
  'Curt',
  'Troy',
  'Trey',
  'Drake',
  'Eve',
  'Fanny',
  'Jimmy',
  'Joey',
  'Kitty',
  'Lulu',
  'Napoleon',
  'Homer',
  'Sibyl',
  'Tromp',
  'Witting',
  'Borer',
  'Bode',
  'Fritz',
]);
const common = [
  ...new Set([...first, ...last].filter((n) => lowerWords.has(n.toLowerCase()) && !namesFirst.has(n))),
].sort();

const out = {
  source:
    'faker en_GB (en fallback) person names + project UK supplement; common = also a lower-case word in dictionary-en-gb',
  first: first.join('|'),
  last: last.join('|'),
  common: common.join('|'),
};
// The English word filter: every dictionary word (and proper nouns such as places) that is not in the name lists.
const names = new Set([...first, ...last].map((n) => n.toLowerCase()));
const english = [...allWords].filter((w) => !names.has(w));
const m = Math.ceil((-english.length * Math.log(0.01)) / Math.LN2 ** 2);
const k = 7;
const bloom = BloomFilter.empty(m, k);
for (const w of english) bloom.add(w);
// Proper nouns: words the dictionary has only with a capital ("Igor", "London"), so a lower-case use is not English.
const proper = [...capitalised].filter((w) => !lowerWords.has(w) && !names.has(w)).sort();
const properM = Math.ceil((-proper.length * Math.log(0.01)) / Math.LN2 ** 2);
const properBloom = BloomFilter.empty(properM, k);
for (const w of proper) properBloom.add(w);
writeFileSync(
  new URL('../src/data/english-words.json', import.meta.url),
  `${JSON.stringify({ source: 'dictionary-en-gb 3.0.0 words not in the name lists, Bloom filter 1% false positives; proper: the words it has only capitalised', words: english.length, m, k, bits: bloom.toBase64(), properWords: proper.length, properM, properBits: properBloom.toBase64() })}\n`,
);
writeFileSync(new URL('../src/data/name-lists.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`first ${first.length}, last ${last.length}, common ${common.length}`);

// World names, for the model: every Latin-script locale's first names and surnames (lower case).
const world = { first: new Set<string>(), last: new Set<string>() };
for (const locale of Object.values(allLocales)) {
  const person = (locale as { person?: Record<string, NameTable> }).person;
  if (!person) continue;
  for (const [key, set] of [
    ['first_name', world.first],
    ['last_name', world.last],
  ] as const) {
    for (const n of flatten(person[key])) {
      if (/^[\p{Lu}][\p{Ll}'’-]+$/u.test(n) && /^[\p{Script=Latin}'’-]+$/u.test(n)) set.add(n.toLowerCase());
    }
  }
}
const worldFilter = (set: Set<string>): { words: number; m: number; k: number; bits: string } => {
  const words = [...set].sort();
  const size = Math.ceil((-words.length * Math.log(0.01)) / Math.LN2 ** 2);
  const filter = BloomFilter.empty(size, k);
  for (const w of words) filter.add(w);
  return { words: words.length, m: size, k, bits: filter.toBase64() };
};
writeFileSync(
  new URL('../src/data/world-names.json', import.meta.url),
  `${JSON.stringify({ source: 'faker (all Latin-script locales) first names and surnames, lower case; Bloom filters, 1% false positives', first: worldFilter(world.first), last: worldFilter(world.last) }, null, 2)}\n`,
);
console.log(`world first names ${world.first.size}, surnames ${world.last.size}`);
