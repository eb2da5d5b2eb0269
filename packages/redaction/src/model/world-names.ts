/**
 * First names and surnames from every Latin-script locale of faker (about 15,000 and 14,000, built into
 * `src/data/world-names.json` by `scripts/build-name-data.ts` as Bloom filters): the name model reads them as
 * features, so "Mitt" or "Giroud" look like names although the UK lists the rules use do not have them.
 */
import { BloomFilter } from '../bloom.ts';
import data from '../data/world-names.json' with { type: 'json' };

let first: BloomFilter | undefined;
let last: BloomFilter | undefined;

/** Whether a lower-case word is (probably) a first name somewhere in the world. */
export function isWorldFirstName(lower: string): boolean {
  first ??= BloomFilter.fromBase64(data.first.bits, data.first.m, data.first.k);
  return first.has(lower);
}

/** Whether a lower-case word is (probably) a surname somewhere in the world. */
export function isWorldSurname(lower: string): boolean {
  last ??= BloomFilter.fromBase64(data.last.bits, data.last.m, data.last.k);
  return last.has(lower);
}
