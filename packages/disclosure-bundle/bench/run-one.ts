/** One benchmark measurement in its own process (so peak memory is this size's alone). Prints one JSON line. */
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { buildBundle } from '../src/index.ts';
import { nodeFontLoader, request } from '../test/fixtures.ts';
import { goldDisclosure } from '../test/synthetic.ts';

const size = Number(process.argv[2]);
const mode = process.argv[3] ?? 'bundle';
const chat = await generateClinicalChat({ seed: 7, messages: size, exportText: false });
const { disclosed } = goldDisclosure(chat);
const start = performance.now();
let pages = 0;
let zipBytes = 0;
if (mode === 'bundle') {
  const result = await buildBundle({ disclosed, request, options: { loadFont: nodeFontLoader } });
  pages = result.manifest.counts.pages;
  zipBytes = result.zip.length;
} else {
  // Peer: the plainest pdf-lib transcript (Helvetica, one drawText per message, no wrapping, boxes, fonts or zip).
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let page = doc.addPage();
  let y = 780;
  for (const message of disclosed.messages) {
    const text = message.segments.map((s) => (s.type === 'text' ? s.text : `[${s.exemption}]`)).join('');
    if (y < 60) {
      page = doc.addPage();
      y = 780;
    }
    page.drawText(
      `${message.timestamp.slice(11, 16)} ${message.author ?? ''}: ${text}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 110),
      { x: 40, y, size: 9, font },
    );
    y -= 13;
  }
  const bytes = await doc.save();
  pages = doc.getPageCount();
  zipBytes = bytes.length;
}
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ size, mode, seconds, pages, zipBytes, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
