import { describe, expect, it } from 'vitest';
import type { Scorm12Reporting } from '../src/player/course-data.ts';
import {
  findScorm12Api,
  type Scorm12Api,
  Scorm12Tracker,
  scormRawScore,
  scormTimespan,
} from '../src/player/scorm12.ts';

/** An LMS's API reduced to a data model and a call log, enough to see what the package writes. */
function fakeApi(initial: Record<string, string> = {}): Scorm12Api & { data: Record<string, string>; calls: string[] } {
  const data: Record<string, string> = {
    'cmi.core.lesson_status': 'not attempted',
    'cmi.core.lesson_mode': 'normal',
    ...initial,
  };
  const calls: string[] = [];
  const logged = (name: string) => () => {
    calls.push(name);
    return 'true';
  };
  return {
    data,
    calls,
    LMSInitialize: logged('LMSInitialize'),
    LMSFinish: logged('LMSFinish'),
    LMSGetValue: (element) => data[element] ?? '',
    LMSSetValue: (element, value) => {
      calls.push(`set ${element}`);
      data[element] = value;
      return 'true';
    },
    LMSCommit: logged('LMSCommit'),
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
  };
}

async function session(api: ReturnType<typeof fakeApi>, reporting: Scorm12Reporting = 'passed-failed', now = () => 0) {
  const tracker = new Scorm12Tracker(api, reporting, now);
  return { tracker, launch: await tracker.begin() };
}

describe('the SCORM 1.2 tracker', () => {
  it('marks a first launch incomplete and reads the mastery score and saved progress', async () => {
    const api = fakeApi({ 'cmi.student_data.mastery_score': '75', 'cmi.suspend_data': 'p1~saved' });
    const { launch } = await session(api);
    expect(launch).toMatchObject({
      connected: true,
      masteryScore: 0.75,
      suspendData: 'p1~saved',
      passedBefore: false,
      mode: 'normal',
    });
    expect(api.data['cmi.core.lesson_status']).toBe('incomplete');
    expect(api.calls.slice(0, 3)).toEqual(['LMSInitialize', 'set cmi.core.lesson_status', 'LMSCommit']);
  });

  it.each([
    ['passed-failed', 'passed', 'failed'],
    ['passed-incomplete', 'passed', 'incomplete'],
    ['completed-failed', 'completed', 'failed'],
    ['completed-incomplete', 'completed', 'incomplete'],
  ] as const)('reports %s as %s / %s', async (reporting, pass, fail) => {
    const api = fakeApi();
    const { tracker } = await session(api, reporting);
    tracker.recordAttempt({ correct: 7, total: 16, passed: false });
    expect(api.data['cmi.core.lesson_status']).toBe(fail);
    expect(api.data['cmi.core.score.raw']).toBe('43.75');
    tracker.recordAttempt({ correct: 13, total: 16, passed: true });
    expect(api.data).toMatchObject({
      'cmi.core.lesson_status': pass,
      'cmi.core.score.raw': '81.25',
      'cmi.core.score.min': '0',
      'cmi.core.score.max': '100',
    });
  });

  it('keeps a pass and its best score through later attempts, and exits normally once passed', async () => {
    let clock = 0;
    const api = fakeApi();
    const { tracker } = await session(api, 'passed-failed', () => clock);
    tracker.recordAttempt({ correct: 15, total: 16, passed: true });
    tracker.recordAttempt({ correct: 2, total: 16, passed: false });
    tracker.recordAttempt({ correct: 13, total: 16, passed: true });
    expect(api.data['cmi.core.lesson_status']).toBe('passed');
    expect(api.data['cmi.core.score.raw']).toBe('93.75');
    clock = 3_723_450;
    await tracker.end();
    await tracker.end();
    expect(api.data['cmi.core.session_time']).toBe('0001:02:03.45');
    expect(api.data['cmi.core.exit']).toBe('');
    expect(api.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
    expect(api.calls.at(-1)).toBe('LMSFinish');
  });

  it('suspends an unfinished course, records nothing in review mode, and says browsed in browse mode', async () => {
    const unfinished = fakeApi();
    const first = await session(unfinished);
    first.tracker.save('p1~x');
    await first.tracker.end();
    expect(unfinished.data['cmi.core.exit']).toBe('suspend');
    expect(unfinished.data['cmi.suspend_data']).toBe('p1~x');

    const review = fakeApi({
      'cmi.core.lesson_mode': 'review',
      'cmi.core.lesson_status': 'passed',
      'cmi.core.score.raw': '90',
    });
    const reviewed = await session(review);
    expect(reviewed.launch).toMatchObject({ mode: 'review', passedBefore: true });
    reviewed.tracker.save('p1~y');
    reviewed.tracker.recordAttempt({ correct: 0, total: 16, passed: false });
    await reviewed.tracker.end();
    expect(review.calls.filter((c) => c.startsWith('set '))).toEqual([]);

    const browse = fakeApi({ 'cmi.core.lesson_mode': 'browse' });
    await session(browse);
    expect(browse.data['cmi.core.lesson_status']).toBe('browsed');
  });

  it('refuses suspend data over 4,096 characters rather than let the LMS cut it', async () => {
    const { tracker } = await session(fakeApi());
    expect(() => tracker.save('x'.repeat(4097))).toThrow(/limit/);
  });

  it('works unconnected when there is no API or the LMS will not start a session', async () => {
    expect((await new Scorm12Tracker(null, 'passed-failed').begin()).connected).toBe(false);
    const refusing = {
      ...fakeApi(),
      LMSInitialize: () => 'false',
      LMSGetLastError: () => '101',
      LMSGetErrorString: () => 'General exception',
    };
    const launch = await new Scorm12Tracker(refusing, 'passed-failed').begin();
    expect(launch).toMatchObject({ connected: false });
    expect(launch.problem).toMatch(/General exception/);
  });
});

describe('finding the API', () => {
  it('looks up the parent chain, past a window of another origin, then the opener', () => {
    const api = fakeApi();
    const top = { API: api } as unknown as Window & { parent: Window };
    (top as { parent: Window }).parent = top;
    const foreign = { parent: top } as unknown as Window;
    Object.defineProperty(foreign, 'API', {
      get() {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    const frame = { parent: foreign } as unknown as Window;
    expect(findScorm12Api(frame)).toBe(api);
    const orphan = { opener: frame } as unknown as Window & { parent: Window };
    (orphan as { parent: Window }).parent = orphan;
    expect(findScorm12Api(orphan)).toBe(api);
    const alone = {} as Window & { parent: Window };
    (alone as { parent: Window }).parent = alone;
    expect(findScorm12Api(alone)).toBeNull();
  });

  it('formats times and scores as SCORM 1.2 expects', () => {
    expect(scormTimespan(0)).toBe('0000:00:00.00');
    expect(scormRawScore(1, 3)).toBe('33.33');
    expect(scormRawScore(16, 16)).toBe('100');
  });
});
