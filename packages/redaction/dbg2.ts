import { lexFlags, isEnglishWord, isCommonWord } from './src/lexicon.ts';
import { unknownWord } from './src/recognisers/names.ts';
for (const w of process.argv.slice(2)) console.log(w, lexFlags(w.toLowerCase()), isEnglishWord(w.toLowerCase()), isCommonWord(w.toLowerCase()), unknownWord(w));
