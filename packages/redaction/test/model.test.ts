import { describe, expect, it } from 'vitest';
import { forgetChatCaches } from '../src/chat-caches.ts';
import {
  buildContext,
  createNameModelRecogniser,
  createNameRecogniser,
  defaultRecognisers,
  detectPersonalDataSync,
  nameRecogniser,
} from '../src/index.ts';
import { KnownNames } from '../src/known-names.ts';
import { type FeatureContext, tokenFeatures } from '../src/model/features.ts';
import { builtInNameModel } from '../src/model/load.ts';
import { decode, NameModel } from '../src/model/tagger.ts';
import { clusterGroup, wordCluster } from '../src/model/word-clusters.ts';
import { isWorldPlace } from '../src/model/world-places.ts';
import { tokenise, tokens } from '../src/recognisers/names/tokens.ts';
import { WordCounts } from '../src/word-counts.ts';
import { hashWord } from '../src/word-gate.ts';
import { conv, msg, texts } from './helpers.ts';

const context = buildContext(conv([]), { mode: 'foi' });
const rules = createNameRecogniser({ model: null });
const find = (r: typeof nameRecogniser, text: string): string[] => texts(text, r.find(text, context));

describe('the built-in name model', () => {
  it('loads from the committed weights and reads the tokens a name can be, skipping everyday words', () => {
    const model = builtInNameModel();
    const text = 'spoke to Olaide Brito about the results';
    const count = tokenise(text, new KnownNames());
    const p = Array.from(model.tag(text, count, new WordCounts()).slice(0, count));
    const words = Array.from({ length: count }, (_, i) => text.slice(tokens.start[i], tokens.end[i]));
    const byWord = Object.fromEntries(words.map((w, i) => [w, p[i]]));
    expect(byWord.Olaide).toBeGreaterThan(0.5);
    expect(byWord.Brito).toBeGreaterThan(0.5);
    // "to", "about" and "the" are function words: not read at all.
    expect(Number.isNaN(byWord.to)).toBe(true);
    expect(Number.isNaN(byWord.the)).toBe(true);
  });

  it('gives the same probabilities on every run (deterministic)', () => {
    const text = 'Lionel Messi scored again';
    const run = (): number[] => {
      const count = tokenise(text, new KnownNames());
      return Array.from(builtInNameModel().tag(text, count, new WordCounts()).slice(0, count));
    };
    expect(run()).toEqual(run());
  });

  it("keeps each word's own weights by word, and scores every token as the training's sum of all its features", () => {
    // Random weights in a small table: each feature counts, and a feature hashed into the wrong part would show.
    const bits = 12;
    let seed = 7;
    const weights = Int8Array.from({ length: 1 << bits }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      return ((seed >>> 16) % 255) - 127;
    });
    const model = new NameModel(weights, bits, 0.01, 1, 0);
    const features = new Int32Array(160);
    const trainingSum = (i: number, f: FeatureContext): number => {
      const n = tokenFeatures(i, f, features);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += weights[(features[k] as number) & ((1 << bits) - 1)] as number;
      return sum * 0.01;
    };
    // The same words in other places, cases and neighbours: "Okafor" is kept from the first and met again.
    const chat = [
      'Okafor said Dave will ring',
      'dave okafor is here, Okafor too',
      'Ring Dave Okafor @okafor',
      "Dave's wife said Okafor's fine, isn't she",
    ];
    forgetChatCaches();
    let read = 0;
    for (const text of [...chat, ...chat]) {
      const count = tokenise(text, new KnownNames());
      const got = Array.from(model.margins(text, count, new WordCounts()).slice(0, count));
      const expected = new Float32Array(count);
      decode(text, count, new WordCounts(), trainingSum, expected);
      expect(got).toEqual(Array.from(expected));
      read += model.read;
    }
    // Every capitalised word and the rarer lower-case ones are read, and their words met again in the second round.
    expect(read).toBeGreaterThan(20);
  });

  it('refuses weights that do not fill its table, saying what is wrong', () => {
    expect(() => new NameModel(new Int8Array(10), 4, 1, 1, 0)).toThrow('name model: 10 weights for a table of 2^4');
  });

  it('as a recogniser alone proposes runs of name tokens as name:model, @ included', () => {
    const model = createNameModelRecogniser();
    const text = 'thanks @kellyexeter and Olaide Brito';
    const found = model.find(text, context);
    expect(found.map((c) => [text.slice(c.start, c.end), c.rule])).toEqual([
      ['@kellyexeter', 'name:model'],
      ['Olaide Brito', 'name:model'],
    ]);
  });
});

describe('rules and model together', () => {
  it('needs to be surer to add a name in a message that is mostly not English (a capital is no evidence there)', () => {
    const text = 'Despedimos el año con victoria y líderes';
    // The model alone takes the capitalised first word of a Spanish sentence for a name…
    expect(find(createNameModelRecogniser(undefined, 0.1), text)).toContain('Despedimos');
    // …which it would add beside the rules at a low bar, but not at the bar for text that is not English.
    expect(find(createNameRecogniser({ thresholds: { add: 0.1, addForeign: 0.1 } }), text)).toContain('Despedimos');
    expect(find(nameRecogniser, text)).toEqual([]);
    // An English message keeps the usual bar: the same word is added there.
    expect(find(nameRecogniser, 'we met Despedimos at the match')).toEqual(['Despedimos']);
  });

  it("reads the world's towns as a feature (GeoNames, run together as hashtags write them)", () => {
    expect(['lismore', 'ballina', 'alicesprings'].map(isWorldPlace)).toEqual([true, true, true]);
    expect(['okafor', 'olaide', 'kellyexeter'].map(isWorldPlace)).toEqual([false, false, false]);
  });

  it('reads what kind of word a word is by its cluster of word vectors: words used alike share one', () => {
    const cluster = (w: string): number => wordCluster(hashWord(w));
    // Companies with companies, footballers with footballers, counties with counties, first names with first names.
    expect(cluster('raytheon')).toBe(cluster('boeing'));
    expect(cluster('messi')).toBe(cluster('ronaldo'));
    expect(cluster('leitrim')).toBe(cluster('yorkshire'));
    expect(cluster('james')).toBe(cluster('david'));
    expect(new Set(['raytheon', 'messi', 'leitrim', 'james'].map(cluster)).size).toBe(4);
    // A word outside the 100,000 has none (nor its group).
    expect(cluster('kellyexeter')).toBe(-1);
    expect(clusterGroup(-1)).toBe(-1);
    expect(clusterGroup(cluster('wigan'))).toBeGreaterThanOrEqual(0);
    expect(clusterGroup(cluster('wigan'))).toBeLessThan(32);
  });

  it("drops a guess of the rules the model rules out: an organisation's handle, a city in the surname list", () => {
    // (An organisation word makes a handle no name at all: "@SonyCentreTO", see handles.test.ts.)
    expect(find(rules, 'great show at @Trimega tonight')).toEqual(['@Trimega']);
    expect(find(nameRecogniser, 'great show at @Trimega tonight')).toEqual([]);
    expect(find(rules, 'Lovely day in London')).toEqual(['London']);
    expect(find(nameRecogniser, 'Lovely day in London')).toEqual([]);
  });

  it('adds a name the rules miss (a first name in lower case that no list has)', () => {
    expect(find(rules, 'watching Masterchef with bruno mars')).toEqual(['Masterchef']);
    const both = nameRecogniser.find('watching Masterchef with bruno mars', context);
    expect(both.map((c) => c.rule)).toContain('name:model');
    expect(texts('watching Masterchef with bruno mars', both)).toContain('bruno');
  });

  it('keeps evidence it cannot overrule (a participant, a title) whatever it thinks', () => {
    const chat = conv([msg('a', 'Will Best', 'Mr Table will call'), msg('b', 'Will Best', 'Best to wait')]);
    const result = detectPersonalDataSync(chat, { mode: 'foi' });
    expect(result.proposals.find((p) => p.messageId === 'a')?.rule).toBe('name:title');
  });

  it('confirms a guess it is sure of, so the name is carried through the chat', () => {
    const text = 'Discharge letter for Alexandru Danciu sent';
    const guess = rules.find(text, context).find((c) => text.slice(c.start, c.end) === 'Danciu');
    const sure = nameRecogniser.find(text, context).find((c) => c.start === guess?.start);
    // The rules alone only guess "Danciu" (the neighbour of an unknown capitalised word): a guess is not carried.
    expect([guess?.rule, guess?.confirms]).toEqual(['name:neighbour', false]);
    expect([sure?.rule, sure?.confirms]).toEqual(['name:neighbour', true]);
    // In a chat, its other uses are then proposed wherever they are (here by the model itself, or carried).
    const chat = conv([msg('a', 'Sam Jones', text), msg('b', 'Sam Jones', 'DANCIU to theatre')]);
    const rulesOnly = defaultRecognisers.map((r) => (r.id === 'name' ? rules : r));
    expect(
      detectPersonalDataSync(chat, { mode: 'foi', recognisers: rulesOnly }).proposals.filter(
        (p) => p.messageId === 'b',
      ),
    ).toEqual([]);
    expect(
      detectPersonalDataSync(chat, { mode: 'foi' })
        .proposals.filter((p) => p.messageId === 'b')
        .map((p) => p.text),
    ).toEqual(['DANCIU']);
  });
});
