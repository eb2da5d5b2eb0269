import { afterEach, describe, expect, it } from 'vitest';
import { CaseHold, holdChannelName, lockNameOf, whileNotOpen } from '../src/lib/case-hold.ts';

/** Node's own Web Locks and BroadcastChannel stand in for two tabs of one browser (one process, one origin). */
const opened: { hold: CaseHold; channel: BroadcastChannel }[] = [];

function tab(caseId: string, onAsked: () => Promise<void> = async () => {}, lettingGo?: Promise<unknown>) {
  const channel = new BroadcastChannel(holdChannelName);
  const hold = new CaseHold(caseId, { locks: navigator.locks, channel, onAsked, ...(lettingGo ? { lettingGo } : {}) });
  opened.push({ hold, channel });
  return hold;
}

afterEach(() => {
  for (const { hold, channel } of opened.splice(0)) {
    hold.close();
    channel.close();
  }
});

const heldLocks = async () => ((await navigator.locks.query()).held ?? []).map((lock) => lock.name);

describe('CaseHold', () => {
  it('lets one tab hold a case, and tells a second tab it is held elsewhere', async () => {
    const first = tab('a');
    const second = tab('a');
    expect(await first.claim()).toBe(true);
    expect(await second.claim()).toBe(false);
    expect(first.held).toBe(true);
    expect(second.held).toBe(false);
    expect(await heldLocks()).toEqual([lockNameOf('a')]);
  });

  it('keeps other cases independent', async () => {
    expect(await tab('a').claim()).toBe(true);
    expect(await tab('b').claim()).toBe(true);
  });

  it('hands the case over only after the holding tab has saved what it has', async () => {
    const events: string[] = [];
    const first = tab('a', async () => {
      events.push('asked');
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push('saved');
    });
    const second = tab('a');
    await first.claim();
    await second.claim();
    expect(await second.takeOver()).toBe(true);
    events.push('taken');
    expect(events).toEqual(['asked', 'saved', 'taken']);
    expect(first.held).toBe(false);
    expect(second.held).toBe(true);
  });

  it('hands it back the same way, as often as asked', async () => {
    let askedOfFirst = 0;
    let askedOfSecond = 0;
    const first = tab('a', async () => {
      askedOfFirst++;
    });
    const second = tab('a', async () => {
      askedOfSecond++;
    });
    await first.claim();
    await second.takeOver();
    expect(await first.takeOver()).toBe(true);
    expect(await second.takeOver()).toBe(true);
    expect([askedOfFirst, askedOfSecond]).toEqual([2, 1]);
    expect(second.held).toBe(true);
    expect(first.held).toBe(false);
  });

  it('still lets the case go when the save before a hand-over fails (the journal has the changes)', async () => {
    const first = tab('a', () => Promise.reject(new Error('storage full')));
    await first.claim();
    expect(await tab('a').takeOver()).toBe(true);
  });

  it('ignores an ask about another case', async () => {
    let asked = 0;
    const first = tab('a', async () => {
      asked++;
    });
    await first.claim();
    expect(await tab('b').takeOver()).toBe(true);
    expect(asked).toBe(0);
    expect(first.held).toBe(true);
  });

  it('lets the case go when it is closed, so the same tab can open it again at once', async () => {
    const first = tab('a');
    await first.claim();
    expect(await tab('a', undefined, first.close()).claim()).toBe(true);
  });

  it('stops waiting for a case closed in the asking tab before the holder let it go', async () => {
    const first = tab('a', () => new Promise(() => {})); // still saving
    await first.claim();
    const second = tab('a');
    const taking = second.takeOver();
    await new Promise((resolve) => setTimeout(resolve, 20));
    second.close();
    expect(await taking).toBe(false);
    expect(first.held).toBe(true);
  });
});

describe('whileNotOpen (deleting a case)', () => {
  it('does not run while another tab has the case open, and runs once it is closed', async () => {
    const open = tab('a');
    expect(await open.claim()).toBe(true);
    let deleted = 0;
    expect(await whileNotOpen(navigator.locks, 'a', async () => void deleted++)).toBe(false);
    expect(deleted).toBe(0);
    expect(await whileNotOpen(navigator.locks, 'b', async () => void deleted++)).toBe(true);
    expect(deleted).toBe(1);
    await open.close();
    expect(await whileNotOpen(navigator.locks, 'a', async () => void deleted++)).toBe(true);
    expect(deleted).toBe(2);
  });

  it('keeps the case from being opened while the work runs', async () => {
    let claimedMeanwhile: boolean | undefined;
    await whileNotOpen(navigator.locks, 'a', async () => {
      claimedMeanwhile = await tab('a').claim();
    });
    expect(claimedMeanwhile).toBe(false);
    expect(await tab('a').claim()).toBe(true);
  });
});
