import { generateClinicalChat } from '@im-records/synthetic-chats';
const chat = await generateClinicalChat({ seed: 424242, messages: 200000, exportText: false });
const texts = chat.messages.map((m) => m.text).filter((t) => /\d/.test(t));
console.log('with digits', texts.length);
const streetTypes = 'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Place|Pl|Court|Ct|Gardens|Gdns|Crescent|Cres|Grove|Gr|Terrace|Tce|Hill|View|Walk|Park|Mews|Rise|Green|Square|Sq|Croft|Bank|Row|Meadow|Meadows|Gate|End';
const pats = [new RegExp(`(?<![\\w-])(?:(?:Flat|Apt|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:[\\p{Lu}][\\p{L}'’-]*\\s+){1,3}(?:${streetTypes})\\b\\.?`, 'gu'),
 /(?<![\d.])(\d{1,3})\s?(?:yo|y\/o|y\.o\.?|yrs?\s?old|years?\s?old|-years?-old|-yr-old|yr old)\b/gi,
 /\b(?:aged?|age:)\s*(\d{1,3})\b(?!\s*(?:mg|ml|kg|%|mmol|units?|\/))/gi,
 /(?<![\d+])(?:\+|\(\s*)?\d[\d\s().-]{6,20}\d(?![\w])/g,
 /(?<=,\s*|\b(?:in|at|from)\s+)((?:[\p{Lu}][\p{L}'’-]+)(?:[\s-](?:[\p{Lu}][\p{L}'’-]+|upon|on|under|over|le|in|by)){0,3})\s+(?=(?:GIR ?0AA|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})\b)/gu];
for (let rep = 0; rep < 3; rep++) for (const [pi, p] of pats.entries()) {
  let t = performance.now(); let a = 0;
  for (const s of texts) { p.lastIndex = 0; for (let m = p.exec(s); m; m = p.exec(s)) a++; }
  const t1 = performance.now() - t; t = performance.now(); let b = 0;
  for (let i = 0; i < texts.length; i += 512) { const j = texts.slice(i, i + 512).join('\n\u0000\n'); p.lastIndex = 0; for (let m = p.exec(j); m; m = p.exec(j)) b++; }
  const t2 = performance.now() - t;
  if (rep === 2) console.log(pi, 'per-message', t1.toFixed(1), 'joined', t2.toFixed(1), a, b);
}
