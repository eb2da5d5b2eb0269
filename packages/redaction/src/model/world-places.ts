/**
 * The world's towns and cities of 1,000 people or more (GeoNames, about 117,000 names in lower case, run together
 * where they have several words), built into `src/data/world-places.json` by `scripts/build-place-data.ts` as a Bloom
 * filter: the name model reads it as a feature, so "Ballina" or "#AliceSprings" look like places although no UK list
 * has them. A feature, not a rule: many surnames are towns too (Hamilton, Jackson), and the model weighs the context.
 */
import { BloomFilter } from '../bloom.ts';
import data from '../data/world-places.json' with { type: 'json' };

let places: BloomFilter | undefined;

/** Whether a lower-case word is (probably) the name of a town or city somewhere in the world. */
export function isWorldPlace(lower: string): boolean {
  places ??= BloomFilter.fromBase64(data.bits, data.m, data.k);
  return places.has(lower);
}
