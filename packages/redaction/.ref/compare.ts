import { generateClinicalChat } from '@im-records/synthetic-chats';
import { toConversation } from '/work/main/packages/redaction/eval/conversation.ts';
import * as cur from '/work/main/packages/redaction/src/index.ts';
import * as ref from '/work/main/packages/redaction/.ref/src/index.ts';
import { createHash } from 'node:crypto';
const seeds = (process.argv[2] ?? '1,7,101,555').split(',').map(Number);
const n = Number(process.argv[3] ?? 20000);
let bad = 0;
for (const seed of seeds) {
  for (const exportText of [false, true]) {
  const chat = await generateClinicalChat({ seed, messages: n, exportText: false });
  const conversation = toConversation(chat);
  const people = conversation.participants.filter((p) => !p.phone);
  const optsList: any[] = [
    { mode: 'foi' },
    { mode: 'foi', chunkSize: 333, keepNames: people.slice(0, 1).map((p) => p.name), customTerms: ['ward'], customPatterns: ['\\bbay \\d\\b'] },
    { mode: 'sar', subject: { names: [people[1]?.name ?? 'Margaret Okafor'], aliases: ['Maggie'], phones: ['07700 900123'] }, keepHealthProfessionals: true },
  ];
  for (const opts of optsList) {
    const a = JSON.stringify(ref.detectPersonalDataSync(conversation, opts));
    const b = JSON.stringify(cur.detectPersonalDataSync(conversation, opts));
    const same = a === b;
    if (!same) bad++;
    console.log(seed, opts.mode, same ? 'same' : 'DIFF', createHash('sha256').update(b).digest('hex').slice(0, 12), b.length);
    if (!same) {
      const pa = JSON.parse(a).proposals, pb = JSON.parse(b).proposals;
      for (let i = 0; i < Math.max(pa.length, pb.length); i++) if (JSON.stringify(pa[i]) !== JSON.stringify(pb[i])) { console.log(' ref', JSON.stringify(pa[i]), '\n cur', JSON.stringify(pb[i])); break; }
    }
  }
  break;
  }
}
process.exit(bad ? 1 : 0);
