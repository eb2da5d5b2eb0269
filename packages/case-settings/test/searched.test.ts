import { describe, expect, it } from 'vitest';
import { describeSearch } from '../src/index.ts';

describe('describeSearch', () => {
  it('names the app, the disclosed title and the request dates', () => {
    expect(
      describeSearch({ formats: ['whatsapp'], titles: ['Ward 7 handover'], from: '2024-01-01', to: '2024-03-31' }),
    ).toBe('WhatsApp chat "Ward 7 handover", 1 January 2024 to 31 March 2024');
  });

  it('says an open end of the range in words', () => {
    expect(describeSearch({ formats: ['slack'], titles: ['#ward-7'], from: '2024-03-01' })).toBe(
      'Slack chat "#ward-7", from 1 March 2024',
    );
    expect(describeSearch({ formats: ['signal'], titles: ['Ward 7'], from: '', to: '2024-03-04' })).toBe(
      'Signal chat "Ward 7", up to 4 March 2024',
    );
  });

  it('names each app once and every chat of a case', () => {
    expect(
      describeSearch({ formats: ['whatsapp', 'whatsapp', 'telegram'], titles: ['Ward 7', 'On call', '[Relative 1]'] }),
    ).toBe('WhatsApp and Telegram chats "Ward 7", "On call" and "[Relative 1]"');
  });
});
