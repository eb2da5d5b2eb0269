import { generateClinicalChat, syntheticHospitalNumberPatterns } from '@im-records/synthetic-chats';
import { describe, expect, it } from 'vitest';
import { toConversation } from '../eval/conversation.ts';
import {
  type Candidate,
  DetectionAbortedError,
  detectPersonalData,
  detectPersonalDataSync,
  prepareDetection,
  type Recogniser,
} from '../src/index.ts';
import { conv, msg } from './helpers.ts';

describe('detectPersonalData (chunked, for a Web Worker)', () => {
  it('reports progress per chunk and gives the same result as the synchronous run', async () => {
    const chat = await generateClinicalChat({ seed: 11, messages: 500 });
    const c = toConversation(chat);
    const progress: number[] = [];
    const result = await detectPersonalData(c, {
      mode: 'foi',
      chunkSize: 100,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(result).toEqual(detectPersonalDataSync(c, { mode: 'foi' }));
  });

  // Before the test below: preparing is done once per process, and this one must find it not yet done.
  it('stops preparing when its signal aborts, changing no result, and prepares again on the next call', async () => {
    const c = toConversation(await generateClinicalChat({ seed: 14, messages: 800 }));
    const subject = { names: [c.participants[0]?.name ?? ''] };
    const before = [
      detectPersonalDataSync(c, { mode: 'foi' }),
      detectPersonalDataSync(c, { mode: 'sar', subject, keepHealthProfessionals: true }),
    ];
    const controller = new AbortController();
    const preparing = prepareDetection({ signal: controller.signal });
    // A few turns of the event loop: the warm-up chat is imported and part of it detected, then stopped mid-way.
    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    await expect(preparing).rejects.toBeInstanceOf(DetectionAbortedError);
    expect(detectPersonalDataSync(c, { mode: 'foi' })).toEqual(before[0]);
    expect(detectPersonalDataSync(c, { mode: 'sar', subject, keepHealthProfessionals: true })).toEqual(before[1]);
    // The stopped warm-up is not handed back: a new call starts again (here stopped at once by its own signal).
    const again = prepareDetection({ signal: AbortSignal.abort() });
    expect(again).not.toBe(preparing);
    await expect(again).rejects.toBeInstanceOf(DetectionAbortedError);
  });

  it('is ready ahead of time with prepareDetection, which changes no result', async () => {
    const c = toConversation(await generateClinicalChat({ seed: 13, messages: 800 }));
    const subject = { names: [c.participants[0]?.name ?? ''] };
    const before = [
      detectPersonalDataSync(c, { mode: 'foi' }),
      detectPersonalDataSync(c, { mode: 'sar', subject, keepHealthProfessionals: true }),
    ];
    const preparing = prepareDetection();
    expect(prepareDetection()).toBe(preparing);
    await preparing;
    expect(detectPersonalDataSync(c, { mode: 'foi' })).toEqual(before[0]);
    expect(detectPersonalDataSync(c, { mode: 'sar', subject, keepHealthProfessionals: true })).toEqual(before[1]);
    expect(before[0]?.proposals.length).toBeGreaterThan(100);
  });

  it('stops when the signal aborts', async () => {
    const chat = await generateClinicalChat({ seed: 12, messages: 2000 });
    const controller = new AbortController();
    const run = detectPersonalData(toConversation(chat), {
      mode: 'foi',
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 300) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(DetectionAbortedError);
  });

  it('lets other tasks run between its chunks: a stop from a timer gets through mid-way', async () => {
    const chat = toConversation(await generateClinicalChat({ seed: 12, messages: 2000 }));
    const controller = new AbortController();
    let reached = 0;
    // Not from onProgress (run inside detection's own turn): from a task of its own, as a worker's message would be.
    setTimeout(() => controller.abort(), 0);
    const run = detectPersonalData(chat, {
      mode: 'foi',
      chunkSize: 20,
      signal: controller.signal,
      onProgress: (done) => {
        reached = done;
      },
    });
    await expect(run).rejects.toBeInstanceOf(DetectionAbortedError);
    expect(reached).toBeLessThan(3 * 2000);
  });

  it('is deterministic and finds the synthetic gold identifiers', async () => {
    const chat = await generateClinicalChat({ seed: 13, messages: 400 });
    const c = toConversation(chat);
    const a = detectPersonalDataSync(c, { mode: 'foi', hospitalNumberPatterns: syntheticHospitalNumberPatterns });
    const b = detectPersonalDataSync(c, { mode: 'foi', hospitalNumberPatterns: syntheticHospitalNumberPatterns });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const nhsGold = chat.messages.flatMap((m) =>
      m.spans.filter((s) => s.label === 'nhs-number').map((s) => `${m.id}:${s.start}`),
    );
    const nhsFound = new Set(
      a.proposals.filter((p) => p.category === 'nhs-number').map((p) => `${p.messageId}:${p.start}`),
    );
    expect(nhsGold.length).toBeGreaterThan(10);
    expect(nhsGold.filter((g) => !nhsFound.has(g))).toEqual([]);
  });

  // The chat tool sends these to its page as they are when no decision is made yet: it relies on both.
  it("gives each proposal its own id, in the chat's order (message by message, by start within one)", async () => {
    const c = toConversation(await generateClinicalChat({ seed: 15, messages: 1500 }));
    const place = new Map(Array.from(c.messages, (m, i) => [m.id, i]));
    for (const options of [
      { mode: 'foi' as const },
      { mode: 'sar' as const, subject: { names: [c.participants[1]?.name ?? ''] }, keepHealthProfessionals: true },
    ]) {
      const { proposals } = detectPersonalDataSync(c, options);
      expect(proposals.length).toBeGreaterThan(200);
      expect(new Set(proposals.map((p) => p.id)).size).toBe(proposals.length);
      const order = proposals.map((p) => [place.get(p.messageId) ?? -1, p.start] as const);
      expect(order.every(([at]) => at >= 0)).toBe(true);
      const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(order).toEqual(sorted);
    }
  });

  it('takes extra recognisers (a statistical model can plug in)', () => {
    const model: Recogniser = {
      id: 'toy-model',
      categories: ['custom'],
      find: (text): Candidate[] => {
        const at = text.indexOf('Project Falcon');
        return at < 0 ? [] : [{ start: at, end: at + 14, category: 'custom', confidence: 0.5, rule: 'toy-model' }];
      },
    };
    const r = detectPersonalDataSync(conv([msg('m1', 'A B', 'about Project Falcon today')]), {
      mode: 'foi',
      extraRecognisers: [model],
    });
    expect(r.proposals.map((p) => [p.text, p.rule])).toEqual([['Project Falcon', 'toy-model']]);
  });
});
