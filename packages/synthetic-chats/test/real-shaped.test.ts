import { describe, expect, it } from 'vitest';
import {
  arabicChat,
  emojiChat,
  hindiPunjabiChat,
  oneToOneChat,
  pharmacyBusinessChat,
  wardGroupChat,
} from '../src/index.ts';

describe('real-shaped exports', () => {
  const all = [oneToOneChat(), wardGroupChat(), pharmacyBusinessChat(), arabicChat(), emojiChat(), hindiPunjabiChat()];

  it('are WhatsApp Android exports named as WhatsApp names them, the same every time', () => {
    for (const chat of all) {
      expect(chat.fileName).toMatch(/^WhatsApp Chat with .+\.txt$/);
      expect(chat.text.split('\n')[0]).toMatch(/^\d\d\/\d\d\/\d{4}, \d\d:\d\d - /);
    }
    expect(oneToOneChat()).toEqual(oneToOneChat());
  });

  it('hold what each is for: a title that is a name, ambiguous dates, scripts, ZWJ sequences', () => {
    expect(oneToOneChat().fileName).toContain('Derek Thompson');
    expect(
      wardGroupChat()
        .text.match(/^\d\d\/(\d\d)\//gm)
        ?.every((date) => Number(date.slice(0, 2)) <= 12),
    ).toBe(true);
    expect(pharmacyBusinessChat().text).toContain('This business uses a secure service from Meta');
    expect(arabicChat().text).toMatch(/[\u0600-\u06ff].*\d.*Ward 25/);
    expect(emojiChat().text).toContain('\u200d');
    expect(hindiPunjabiChat().text).toMatch(/[\u0900-\u097f][\s\S]*[\u0a00-\u0a7f]/);
  });
});
