/**
 * "Try it with a sample case": a WhatsApp export zip built from the project's own synthetic clinical chat (seeded, never
 * real data), with small generated photos for the image attachments, so a newcomer sees the whole journey — import,
 * detection, image previews, packaging — without a real chat.
 */
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { zipSync } from 'fflate';

const colours = ['#005eb8', '#007f3b', '#ffb81c', '#da291c', '#330072', '#00a499'];

/** Draws a small JPEG (a coloured card with a number) in the worker; null where OffscreenCanvas is missing. */
async function samplePhoto(label: string, index: number): Promise<Uint8Array | null> {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const canvas = new OffscreenCanvas(160, 120);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = colours[index % colours.length] ?? '#005eb8';
  context.fillRect(0, 0, 160, 120);
  context.fillStyle = '#ffffff';
  context.font = 'bold 20px sans-serif';
  context.fillText(`Sample ${label}`, 12, 66);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  return new Uint8Array(await blob.arrayBuffer());
}

/** A minimal one-page PDF standing in for a shared document. */
function samplePdf(): Uint8Array {
  return new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** Builds the sample export zip for a seed: same seed, same chat. */
export async function buildSampleArchive(
  seed: number,
  messages: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const chat = await generateClinicalChat({ seed, messages, style: 'android' });
  const files: Record<string, Uint8Array> = {};
  files[`WhatsApp Chat with ${chat.title}.txt`] = new TextEncoder().encode(chat.exportText);
  let photos = 0;
  for (const message of chat.messages) {
    if (!message.attachment) continue;
    if (/\.jpe?g$/i.test(message.attachment)) {
      const photo = await samplePhoto(String(photos + 1), photos);
      photos++;
      if (photo) files[message.attachment] = photo;
    } else if (/\.pdf$/i.test(message.attachment)) {
      files[message.attachment] = samplePdf();
    }
  }
  // Fixed entry times, so the sample is the same bytes every time.
  const bytes = zipSync(files, { mtime: new Date(Date.UTC(2024, 2, 4, 12)) });
  return { fileName: `Sample case ${seed} - WhatsApp Chat with ${chat.title}.zip`, bytes };
}
