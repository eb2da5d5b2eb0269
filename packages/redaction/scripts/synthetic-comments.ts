/**
 * Synthetic comment threads for the name model's training (`scripts/train-name-model.ts --comment-threads N`): short
 * posts of the kind people leave under a video, an article or a forum question, with people's names placed the way
 * such posts place them — a full name or a surname alone as the subject, after a preposition, with a possessive
 * ("Okafor's"), in quotes, written in lower case by someone typing fast — and as many capitalised words that are not
 * names (films, games, apps, brands, towns, the first word of a sentence, a post in capitals), labelled as not names so
 * the model learns what separates the two as well as what a name looks like.
 *
 * Every sentence pattern is written for this project. People are drawn from the project's name lists
 * (`src/data/name-lists.json`) and from invented names built of syllables, which no list holds (so a name is learned
 * from where it stands, not from a list); titles of films and games, brands and towns are invented the same way or
 * built of everyday words. Seeded: the same seed gives the same threads.
 */
import { readFileSync } from 'node:fs';
import { Random } from '@im-records/synthetic-chats';
import type { LabelledText } from '../eval/conll.ts';
import type { Span } from '../eval/score.ts';

const lists = JSON.parse(readFileSync(new URL('../src/data/name-lists.json', import.meta.url), 'utf8')) as {
  first: string;
  last: string;
  common: string;
};
const everydayNames = new Set(lists.common.split('|'));
/** Listed names that are not also everyday words (a "Rose" or "Brown" in these patterns would teach little). */
const firstNames = lists.first.split('|').filter((n) => !everydayNames.has(n));
const lastNames = lists.last.split('|').filter((n) => !everydayNames.has(n));
/** Listed names that are also everyday words ("Bill", "Rose", "Butler"): a name only by where it stands. */
const everydayList = [...everydayNames];

const onsets = [
  'b',
  'br',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'h',
  'j',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'sh',
  't',
  'v',
  'z',
  'th',
  'w',
  'y',
  '',
];
const vowels = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ee', 'ia'];
const codas = ['', '', '', 'n', 'l', 'r', 's', 'k', 'm', 'x', 'y', 'nd', 'rt', 'sh', 'h'];

/** A word of two or three syllables that no list holds (mostly), capitalised. */
function invented(random: Random): string {
  let word = '';
  const syllables = random.chance(0.8) ? 2 : 3;
  for (let i = 0; i < syllables; i++)
    word += random.pick(onsets) + random.pick(vowels) + (i === syllables - 1 ? random.pick(codas) : '');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Everyday words that titles of films, shows, games and songs are built from. */
const titleWords = [
  'Silent',
  'Harbour',
  'Iron',
  'Valley',
  'Night',
  'Garden',
  'Broken',
  'Crown',
  'Last',
  'Summer',
  'Dark',
  'Water',
  'Empire',
  'Lost',
  'Signal',
  'Glass',
  'House',
  'Red',
  'River',
  'Shadow',
  'Kingdom',
  'Ghost',
  'Station',
  'Wild',
  'Hearts',
  'Frozen',
  'Road',
  'Storm',
  'Island',
  'Black',
  'Mirror',
  'Golden',
  'Hour',
  'Deep',
  'Space',
  'Little',
  'Secrets',
  'Final',
  'Fantasy',
  'Star',
  'Quest',
  'Legends',
  'Edge',
  'City',
  'Paper',
  'Towns',
  'Blue',
  'Moon',
];
const gameSuffixes = ['2', '3', 'IV', 'Remastered', 'Online', 'Origins', 'Reborn', 'Deluxe'];
const brandEndings = ['ify', 'ly', 'io', 'ex', 'ora', 'tron', 'zy', 'Hub', 'Box', 'Pay', 'Tube', 'Cart'];
const placeEndings = ['ton', 'ford', 'bury', 'field', 'wick', 'mouth', 'ville', 'burg', 'stad', 'pur'];
/** Things people name in posts that are nobody: operating systems, tools, sites, teams, shows (generic sorts). */
const products = [
  'Windows',
  'Linux',
  'Android',
  'Python',
  'Excel',
  'Chrome',
  'Firefox',
  'Photoshop',
  'Minecraft',
  'Netflix',
  'Reddit',
  'YouTube',
  'Spotify',
  'Amazon',
  'Google',
  'Twitter',
  'Xbox',
  'PlayStation',
  'Steam',
  'Discord',
  'iPhone',
  'Samsung',
  'Ubuntu',
  'Java',
  'Docker',
  'Tesla',
  'Nintendo',
  'Wikipedia',
  'Instagram',
  'Facebook',
  'Uber',
  'Ikea',
  'Lego',
];
const places = [
  'London',
  'Texas',
  'Paris',
  'Berlin',
  'Canada',
  'Florida',
  'Tokyo',
  'Brazil',
  'Ohio',
  'India',
  'Dublin',
  'Leeds',
  'Sydney',
  'Chicago',
  'Scotland',
  'Mexico',
  'Manchester',
  'California',
  'Europe',
  'Asia',
  'Africa',
  'Vegas',
  'Madrid',
];
const groups = [
  'Republicans',
  'Democrats',
  'Labour',
  'Tories',
  'Christians',
  'Muslims',
  'Americans',
  'Brits',
  'Germans',
  'Marvel',
  'Disney',
  'NASA',
  'FIFA',
  'NHS',
  'BBC',
  'CNN',
  'Apple',
  'Microsoft',
];

/** A piece of a sentence: plain text, or a slot the thread fills. */
type Slot = 'N' | 'S' | 'F' | 'T' | 'P' | 'L' | 'G';
/** Patterns: `{N}` a full name, `{S}` a surname alone, `{F}` a first name alone (people); `{T}` a title (film, show,
 * game, song), `{P}` a product, app or brand, `{L}` a place, `{G}` a group or organisation (not people). */
const personPatterns = [
  'I think {N} is overrated tbh',
  '{N} was so good in that scene',
  'honestly {S} deserved better than this',
  'did anyone else notice {F} laughing at the end',
  'my mum loves {N}, she watches every interview',
  "{N}'s new song has been on repeat all week",
  "can't believe {S} actually said that on live TV",
  'this is why {N} is the best at what he does',
  'this is why {N} is the best at what she does',
  'the interview with {N} was painful to watch',
  '{F} and {F} need their own show',
  'saw {N} live last year and it was amazing',
  'who else came here after {N} posted it?',
  '{S} should have won, not {S}',
  'lol {F} looks exactly like {N}',
  'rip {N}, gone too soon',
  'shoutout to {F} for the edit',
  'Is it just me or does {N} never age?',
  '"{N}" is trending again and I have no idea why',
  '{N} vs {N}, who wins?',
  'Thanks {F}, this fixed it for me.',
  'As {N} said in the talk, you have to test it first.',
  'The answer from {F} above is the right one.',
  'I voted for {S} and I regret nothing',
  '{S} is a joke and everyone knows it',
  'Why does everyone hate {F} so much',
  'I met {N} once at an airport, really nice guy',
  'I met {N} once at an airport, really nice lady',
  'my brother is obsessed with {N}',
  'no one sings it like {N}',
  'how is {F} only 19',
  'Anyone know what happened to {N}?',
  'the part where {F} walks out gets me every time',
  'If {S} runs again I am moving',
  "{F}'s voice in this is unreal",
  'imagine being {N} right now',
  'Can we talk about how {F} carried the whole team',
  'So {S} finally admitted it.',
  'she reminds me of {N} when she was younger',
  'he reminds me of {N} in the old days',
  'whoever told {F} this was a good idea needs to be fired',
  'Great video! {F} explains it better than my teacher',
  'what did {N} even do wrong',
  '{N} and {N} in one film? take my money',
  'Listening to {N} while studying',
  'He sounds like {S} in this clip',
  'Watching this because {F} told me to',
  'I miss {F} so much',
  '{S} said the same thing back in 2010',
  'proud of you {F}',
  'Happy birthday {F}!!',
  'the way {F} looked at {F}',
];
const thingPatterns = [
  'I think {T} is overrated tbh',
  '{T} was so good, the ending though',
  'just finished {T} and I need a second season',
  'my mum loves {T}, she has watched it three times',
  'who else came here after watching {T}?',
  '{T} vs {T}, which is better?',
  'Is it just me or does {P} keep crashing?',
  'Try reinstalling {P}, that fixed it for me.',
  'This works in {P} but not in {P}.',
  'I updated {P} last night and now nothing loads',
  'played {T} for six hours straight',
  'Does anyone know if {T} is coming to {P}?',
  'Greetings from {L}!',
  'watching this in {L} at 3am',
  'anyone else from {L}?',
  'I moved to {L} last year and the weather is awful',
  'the {G} will never admit it',
  '{G} ruined it again',
  'Thanks, {P} finally works.',
  'Great video! {T} is my favourite',
  'can we talk about the {T} soundtrack',
  '{P} is down again lol',
  'I use {P} every day for work',
  'why is {T} so underrated',
  '"{T}" is still the best episode',
  'So {G} finally admitted it.',
  'Happy new year from {L}',
  'the way {T} ended',
  'no one makes games like {G}',
  'Listening to {T} while studying',
  "{T}'s ending made me cry",
  'I miss the old {P}',
  'If {G} wins again I am moving to {L}',
  'This is the best {P} tutorial on here',
];
/** Posts with nothing of the kind: capitals that are only sentence starts, shouting, everyday words. */
const plainPosts = [
  'This is the best thing I have seen all year',
  'LOL',
  'WHAT DID I JUST WATCH',
  'Nobody: absolutely nobody:',
  'First!',
  'Same here.',
  'Honestly this made my day',
  'Who is watching this in 2017?',
  'Does this work on the new version?',
  'BEST VIDEO EVER',
  'Thank you so much, worked perfectly.',
  'I came here for the comments',
  'Edit: thanks for the likes!',
  'Love this song',
  'Wow. Just wow.',
  'Still better than the movie',
  'Anyone else here in lockdown?',
  'Subscribed!',
  'Came for the music, stayed for the comments',
  'Please make more of these',
  'OMG YES',
  'The Best Moment Of The Whole Season',
  'Sorry, I meant the second one.',
  'You Are Amazing',
];

interface Person {
  first: string;
  last: string;
}

/** One thread: a cast of people and things the posts return to, read as one chat. */
export function syntheticCommentThread(
  seed: number,
  posts: number,
  options: { invented?: number; lowerCase?: number; everyday?: number; sentences?: number } = {},
): LabelledText[] {
  const inventedShare = options.invented ?? 0.45;
  const lowerShare = options.lowerCase ?? 1;
  const everydayShare = options.everyday ?? 0;
  const maxSentences = options.sentences ?? 1;
  const listed = (names: readonly string[]): string =>
    random.pick(everydayShare > 0 && random.chance(everydayShare) ? everydayList : names);
  const random = new Random(seed);
  const person = (): Person =>
    random.chance(inventedShare)
      ? { first: invented(random), last: invented(random) }
      : { first: listed(firstNames), last: listed(random.chance(0.3) ? firstNames : lastNames) };
  const people = Array.from({ length: random.int(3, 6) }, person);
  const title = (): string => {
    const r = random.float();
    if (r < 0.4) return `${random.pick(titleWords)} ${random.pick(titleWords)}`;
    if (r < 0.6) return `The ${random.pick(titleWords)}`;
    if (r < 0.8) return `${invented(random)} ${random.pick(gameSuffixes)}`;
    return random.pick(titleWords);
  };
  const titles = Array.from({ length: random.int(2, 4) }, title);
  const brand = (): string =>
    random.chance(0.5) ? random.pick(products) : invented(random).replace(/[aeiou]?$/, '') + random.pick(brandEndings);
  const brands = Array.from({ length: random.int(2, 4) }, brand);
  const place = (): string =>
    random.chance(0.5) ? random.pick(places) : invented(random).replace(/[aeiou]?$/, '') + random.pick(placeEndings);
  const placeList = Array.from({ length: random.int(1, 3) }, place);

  const docs: LabelledText[] = [];
  for (let n = 0; n < posts; n++) {
    const r = random.float();
    const draw = (r: number): string =>
      r < 0.5 ? random.pick(personPatterns) : r < 0.88 ? random.pick(thingPatterns) : random.pick(plainPosts);
    // A post of one sentence, or (up to `sentences`) a few run together as people write them.
    let pattern = draw(r);
    const more = maxSentences > 1 && random.chance(0.4) ? random.int(1, maxSentences - 1) : 0;
    for (let k = 0; k < more; k++) pattern += random.pick(['. ', ' ', '! ', ' .. ', ' - ']) + draw(random.float());
    // How this post is written: as typed (most), all in lower case, with only the names in lower case, or shouted.
    const c = random.float();
    const style =
      c < 0.93 - 0.25 * lowerShare
        ? 'as-typed'
        : c < 0.93 - 0.1 * lowerShare
          ? 'lower'
          : c < 0.93
            ? 'names-lower'
            : 'shout';
    let text = '';
    const spans: Span[] = [];
    const used = new Set<Person>();
    const parts = pattern.split(/(\{[NSFTPLG]\})/);
    for (const part of parts) {
      const slot = /^\{([NSFTPLG])\}$/.exec(part)?.[1] as Slot | undefined;
      if (!slot) {
        text += part;
        continue;
      }
      let word: string;
      const isPerson = slot === 'N' || slot === 'S' || slot === 'F';
      // A pattern naming two people names two different ones ("{F} and {F}").
      let who = random.pick(people);
      while (isPerson && used.has(who) && used.size < people.length) who = random.pick(people);
      if (isPerson) used.add(who);
      if (slot === 'N') word = `${who.first} ${who.last}`;
      else if (slot === 'S') word = who.last;
      else if (slot === 'F') word = who.first;
      else if (slot === 'T') word = random.pick(titles);
      else if (slot === 'P') word = random.pick(brands);
      else if (slot === 'L') word = random.pick(placeList);
      else word = random.pick(groups);
      if (isPerson && style === 'names-lower') word = word.toLowerCase();
      if (isPerson) spans.push({ start: text.length, end: text.length + word.length, label: 'person-name' });
      text += word;
    }
    // Case changes keep every offset (ASCII only).
    if (style === 'lower') text = text.toLowerCase();
    else if (style === 'shout') text = text.toUpperCase();
    docs.push({ text, spans });
  }
  return docs;
}
