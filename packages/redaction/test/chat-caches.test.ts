import { generateClinicalChat } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { toConversation } from '../eval/conversation.ts';
import { keptChatAnswers } from '../src/chat-caches.ts';
import { detectPersonalDataSync, forgetChatCaches } from '../src/index.ts';

describe('forgetChatCaches', () => {
  it('empties what detection kept of a chat, and a chat read after another gives the result it gives alone', async () => {
    const first = toConversation(await generateClinicalChat({ seed: 31, messages: 1500 }));
    const second = toConversation(await generateClinicalChat({ seed: 32, messages: 1500 }));

    forgetChatCaches();
    const alone = detectPersonalDataSync(second, { mode: 'foi' });
    expect(keptChatAnswers()).toBeGreaterThan(0);

    forgetChatCaches();
    expect(keptChatAnswers()).toBe(0);

    detectPersonalDataSync(first, { mode: 'foi' });
    expect(detectPersonalDataSync(second, { mode: 'foi' })).toEqual(alone);
  });
});
