import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '../src/lib/case-model.ts';
import { CaseSaver } from '../src/lib/case-saver.ts';
import { caseReducer, newCase } from '../src/lib/reducer.ts';
import { CaseStore } from '../src/lib/store.ts';

let dbCounter = 0;

const first = newCase({
  id: 'c',
  at: '2025-06-01T09:00:00.000Z',
  officer: 'Ann',
  request: { type: 'foi', reference: 'FOI-1', received: '2025-05-20', requester: 'Jo Requester', organisation: '' },
});
const atStep = (step: 'archives' | 'scope' | 'review') =>
  caseReducer(first, { type: 'step/go', at: '2025-06-02T00:00:00.000Z', step });

/** A store with case `c` saved, encrypted when `passphrase` is given; and a saver for it (a 50 ms pause unless given). */
async function setUp(passphrase?: string, delayMs = 50) {
  const store = await CaseStore.open(`saver-${++dbCounter}`);
  await store.saveCase(first, null);
  const key = passphrase ? await store.encryptCase('c', passphrase, 1000) : null;
  const errors: unknown[] = [];
  const saver = new CaseSaver({ store, keyOf: () => key, onError: (error) => errors.push(error), delayMs });
  const stored = async (): Promise<CaseRecord> => store.loadCase('c', key);
  return { store, key, saver, errors, stored };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 120));

describe('CaseSaver', () => {
  it('writes a change after the pause, and the newest of a quick run of changes', async () => {
    const { saver, stored, errors } = await setUp();
    saver.changed(atStep('archives'));
    saver.changed(atStep('scope'));
    expect((await stored()).step).toBe('start');
    await settled();
    expect((await stored()).step).toBe('scope');
    expect(errors).toEqual([]);
  });

  it('as the page is left, requests the write of a case in clear there and then, committed at once', async () => {
    const { store, saver, stored } = await setUp();
    const save = vi.spyOn(store, 'saveCase');
    saver.changed(atStep('review'));
    saver.leaving();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]?.[2]).toEqual({ atOnce: true });
    await settled();
    expect((await stored()).step).toBe('review');
    // The pause's own write was cancelled: nothing is written twice.
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('seals an encrypted case as it changes, so leaving writes the sealed copy without waiting', async () => {
    // A pause that cannot end during the test, and the sealing awaited itself: a fixed wait of 10 ms for "sealed, the
    // pause not over" failed on a loaded machine, where sealing took longer.
    const { store, saver, stored, errors } = await setUp('correct horse battery', 60_000);
    const put = vi.spyOn(store, 'putSealedCase');
    const seal = store.sealCase.bind(store);
    const sealed = Promise.withResolvers<void>();
    const sealCase = vi.spyOn(store, 'sealCase').mockImplementation(async (...args) => {
      const copy = await seal(...args);
      setTimeout(sealed.resolve); // after the saver has taken the sealed copy
      return copy;
    });
    saver.changed(atStep('review'));
    await sealed.promise;
    expect(sealCase).toHaveBeenCalledTimes(1);
    expect(put).not.toHaveBeenCalled();
    saver.leaving();
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]?.[1]).toEqual({ atOnce: true });
    await settled();
    expect((await stored()).step).toBe('review');
    expect((await store.list())[0]?.encrypted).toBe(true);
    expect(errors).toEqual([]);
  });

  it('keeps an encrypted change not yet sealed when the tab is only hidden, and writes it after the pause', async () => {
    const { saver, stored } = await setUp('correct horse battery');
    saver.changed(atStep('scope'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    saver.changed(atStep('review'));
    saver.leaving(); // writes "scope", the newest sealed; "review" is still being sealed
    await vi.waitFor(async () => expect((await stored()).step).toBe('review'), { timeout: 5000 });
  });

  it('never writes an older sealed copy over a newer one', async () => {
    const { store, saver, stored } = await setUp('correct horse battery');
    const seal = store.sealCase.bind(store);
    // The first change's sealing finishes last.
    let calls = 0;
    vi.spyOn(store, 'sealCase').mockImplementation(async (...args) => {
      const slow = ++calls === 1;
      const sealed = await seal(...args);
      if (slow) await new Promise((resolve) => setTimeout(resolve, 80));
      return sealed;
    });
    saver.changed(atStep('scope'));
    saver.flush();
    saver.changed(atStep('review'));
    saver.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await stored()).step).toBe('review');
  });
});
