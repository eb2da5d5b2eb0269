import { describe, expect, it } from 'vitest';
import { attachmentChoices, metadataRemovedOnInclude } from '../src/lib/attachments.ts';

describe('metadataRemovedOnInclude', () => {
  it('is true for the image types the bundle cleans, by name or MIME type', () => {
    expect(metadataRemovedOnInclude('IMG-20240304-WA0001.jpg')).toBe(true);
    expect(metadataRemovedOnInclude('STK-20240304-WA0002.webp')).toBe(true);
    expect(metadataRemovedOnInclude('photo', 'image/png')).toBe(true);
    expect(metadataRemovedOnInclude('funny.GIF')).toBe(true);
  });
  it('is false for files included as exported: documents, video, audio, contacts, HEIC', () => {
    for (const name of ['Discharge letter.pdf', 'VID-20240304-WA0003.mp4', 'PTT-20240304-WA0004.opus', 'Derek.vcf'])
      expect(metadataRemovedOnInclude(name)).toBe(false);
    expect(metadataRemovedOnInclude('IMG_0042.HEIC', 'image/heic')).toBe(false);
  });
});

describe('attachmentChoices', () => {
  it('keeps the latest choice per attachment', () => {
    const at = '2024-05-01T10:00:00Z';
    const choices = attachmentChoices([
      { action: 'include-attachment', messageId: 'm1', fileName: 'a.jpg', by: 'o', at },
      { action: 'withhold-attachment', messageId: 'm1', fileName: 'a.jpg', reason: 'Not relevant', by: 'o', at },
    ]);
    expect(choices.get('m1\u0000a.jpg')).toEqual({ action: 'withhold-attachment', reason: 'Not relevant' });
  });
});
