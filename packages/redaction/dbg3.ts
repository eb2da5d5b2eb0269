import { isEnglishWord } from '/tmp/red/orig-src/lexicon.ts';
import { isEnglishWord as now } from '/work/main/packages/redaction/src/lexicon.ts';
for (const w of ['kalani','abdi','vale','cord','zbigniewski','olumide']) console.log(w, isEnglishWord(w), now(w));
