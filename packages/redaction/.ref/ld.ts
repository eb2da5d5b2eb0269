import { hasLetterDigit } from '/work/main/packages/redaction/src/char-scan.ts';
const re = /[A-Za-z]\d|GIR ?0/i;
const alphabet = ['a','Z','g','G','i','I','r','R',' ','0','5','\u017f','\u212a','é','-','\n'];
let bad = 0;
for (let t = 0; t < 300000; t++) {
  let s = ''; const n = Math.floor(Math.random() * 7);
  for (let k = 0; k < n; k++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  if (re.test(s) !== hasLetterDigit(s)) { bad++; if (bad < 5) console.log(JSON.stringify(s)); }
}
console.log('bad', bad);
