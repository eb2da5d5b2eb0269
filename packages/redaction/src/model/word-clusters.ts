/**
 * What kind of word a word is, by what it means: the commonest 100,000 English words (lower case) in 256 clusters of
 * GloVe word vectors, and those clusters in 32 groups, built into `src/data/word-clusters.json` by
 * `scripts/build-word-clusters.ts`. The name model reads a token's cluster and its neighbours' groups as features, so a
 * capitalised word no name list has still says whether it is used like a town, a county, a company, a footballer's
 * surname or a first name ("Wigan", "Leitrim", "Raytheon", "Messi"). A feature, not a rule: many surnames are towns
 * too, and the model weighs the context. Keyed by the word's FNV-1a hash (`hashWord`): no word ships.
 */
import data from '../data/word-clusters.json' with { type: 'json' };

let hashes: Uint32Array | undefined;
let clusters: Uint8Array | undefined;
let groups: Uint8Array | undefined;

function bytes(base64: string): Uint8Array {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Decodes the table: the sorted hashes are written as the gaps between them, seven bits a byte (see the script). */
function load(): Uint32Array {
  const raw = bytes(data.hashGaps);
  const table = new Uint32Array(data.words);
  let at = 0;
  let h = 0;
  for (let j = 0; j < table.length; j++) {
    let gap = 0;
    let scale = 1;
    for (;;) {
      const b = raw[at++] as number;
      gap += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    h += gap;
    table[j] = h;
  }
  clusters = bytes(data.cluster);
  groups = bytes(data.group);
  hashes = table;
  return table;
}

/** The cluster (0–255) of the word whose FNV-1a hash is `h`, or -1 for a word outside the 100,000. */
export function wordCluster(h: number): number {
  const table = hashes ?? load();
  const key = h >>> 0;
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = table[mid] as number;
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return (clusters as Uint8Array)[mid] as number;
  }
  return -1;
}

/** The group (0–31) of a cluster, or -1 for -1 (no cluster). */
export function clusterGroup(cluster: number): number {
  if (cluster < 0) return -1;
  if (groups === undefined) load();
  return (groups as Uint8Array)[cluster] as number;
}
