import { buildContext, nameRecogniser } from './src/index.ts';
import { conv, msg } from './test/helpers.ts';
const ctx = buildContext(conv([msg('a','Sam Smith','x')]), { mode: 'foi' });
for (const t of process.argv.slice(2)) console.log(t, '=>', nameRecogniser.find(msg('x','A',t), ctx).map(c=>`${t.slice(c.start,c.end)}|${c.rule}|${c.confidence}`));
