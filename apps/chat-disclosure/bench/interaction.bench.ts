/**
 * The review screen's interaction at 100,000 messages, in headless Chromium: typing in search to the results on screen,
 * J to the next proposal, and scrolling the conversation. Measured in the page (an input event to the list painted with the results; frame
 * times while scrolling), so Playwright's own round trips are not counted, and repeated so one slow frame on a shared
 * machine does not decide. `npm run bench:browser` measures the same from outside the page, with the import.
 *
 * Run with `node bench/interaction.bench.ts` against the served build at APP_URL (default http://127.0.0.1:4322).
 * BASELINE_URL (another build served elsewhere, e.g. main's) is measured in the same run, interleaved, and the ratio
 * printed. PROFILE=1 also records Chromium's CPU profile while the review opens, during a round of searches and one of
 * scrolling, and prints where the time went by script (PROFILE=functions: by function, with its line and column in
 * the bundle). TRACE=1 records a Chromium trace of a round of searches and prints its style, layout and paint events.
 */
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { type Browser, chromium, type Page } from '@playwright/test';
import { chromiumPath, startCase } from './browser-case.ts';

const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:4322';
const baselineUrl = process.env.BASELINE_URL;
const messages = Number(process.env.MESSAGES ?? 100_000);
const rounds = Number(process.env.ROUNDS ?? 3);
/** The review's typing pause before it asks for results (ReviewStep's useMessageSearch). */
const typingPause = 120;
const queries = ['bed 4', 'daughter', 'NHS', 'ward 7', 'drug round late'];

let caseCount = 0;

/** A case with one export of `messages` messages, open on its review screen. */
async function openReview(browser: Browser, url: string, bytes: Buffer): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await startCase(page, url, `BENCH-INTERACTION-${++caseCount}`);
  await page
    .getByLabel('Choose chat export files')
    .setInputFiles({ name: 'bench.txt', mimeType: 'text/plain', buffer: bytes });
  await page.locator('.nhsuk-card', { hasText: 'bench.txt' }).waitFor({ timeout: 180_000 });
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByTestId('scope-count').waitFor({ timeout: 180_000 });
  const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.getByTestId('review-counts').waitFor({ timeout: 180_000 });
  await page.locator('.app-message').first().waitFor();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    console.log(
      `${url}: main-thread self time from "Continue to review" to the first message shown\n${selfTimeByScript(profile)}`,
    );
    await cdp.detach();
  }
  // Search answers once its index, built after the review opens, is ready; then let the page settle.
  await page.getByTestId('search-getting-ready').waitFor({ state: 'detached', timeout: 180_000 });
  await page.waitForTimeout(2000);
  return page;
}

/**
 * Types `query` (as one input event, as a paste or Playwright's fill does) and resolves with the time until the result
 * line says how many messages match and the frame showing them has been painted. Clearing the box first is timed too:
 * the whole list comes back.
 */
function typeAndWait(page: Page, query: string): Promise<{ clear: number; search: number | undefined }> {
  return page.evaluate(async (query) => {
    const input = document.querySelector('#search') as HTMLInputElement;
    const result = document.querySelector('#search-result') as HTMLElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set as (v: string) => void;
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        if (done()) return resolve();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    const type = async (value: string, done: () => boolean) => {
      const started = performance.now();
      setValue.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await until(done);
      await painted();
      return performance.now() - started;
    };
    const clear = await type('', () => !/matching/.test(result.textContent ?? ''));
    if (!query) return { clear, search: undefined };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const search = await type(query, () => /matching message/.test(result.textContent ?? ''));
    return { clear, search };
  }, query);
}

/** Scrolls the conversation `steps` times by 900 px, a frame each, and returns the frame times. */
function scrollFrames(page: Page, steps: number): Promise<number[]> {
  return page.evaluate(async (steps) => {
    const list = document.querySelector('.app-chat') as HTMLElement;
    list.scrollTop = 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const durations: number[] = [];
    let last = performance.now();
    for (let i = 0; i < steps; i++) {
      list.scrollTop += 900;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      durations.push(now - last);
      last = now;
    }
    return durations;
  }, steps);
}

/**
 * Presses J on the conversation `presses` times and resolves with the time from each key press to the next proposal
 * focused and painted. The first press after the list changed walks the whole view for the keyboard's order.
 */
function pressNext(page: Page, presses: number): Promise<number[]> {
  return page.evaluate(async (presses) => {
    const list = document.querySelector('.app-chat') as HTMLElement;
    list.focus();
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const durations: number[] = [];
    for (let i = 0; i < presses; i++) {
      const before = document.activeElement;
      const started = performance.now();
      (document.activeElement ?? list).dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      while (document.activeElement === before && performance.now() - started < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await painted();
      durations.push(performance.now() - started);
    }
    return durations;
  }, presses);
}

const percentile = (samples: number[], q: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

interface Figures {
  search: number[];
  clear: number[];
  frames: number[];
  /** J: the first press after the whole list came back, and the presses after it. */
  firstKey: number[];
  nextKey: number[];
}

async function measureSearch(page: Page, figures: Figures): Promise<void> {
  for (const query of queries) {
    const { clear, search } = await typeAndWait(page, query);
    figures.search.push((search ?? 0) - typingPause);
    figures.clear.push(clear);
  }
  await typeAndWait(page, '');
}

async function measureScroll(page: Page, figures: Figures): Promise<void> {
  figures.frames.push(...(await scrollFrames(page, 200)));
}

async function measureKeys(page: Page, figures: Figures): Promise<void> {
  const [first, ...next] = await pressNext(page, 4);
  figures.firstKey.push(first ?? 0);
  figures.nextKey.push(...next);
}

async function measure(page: Page, figures: Figures): Promise<void> {
  await measureSearch(page, figures);
  await measureKeys(page, figures);
  await measureScroll(page, figures);
}

/** Self time of a CPU profile, by script file name, in ms (the biggest first). */
function selfTimeByScript(profile: {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string {
  const urlOf = new Map(
    profile.nodes.map((node) => [
      node.id,
      process.env.PROFILE === 'functions'
        ? `${node.callFrame.url.split('/').at(-1)} ${node.callFrame.functionName}:${(node.callFrame as { lineNumber?: number }).lineNumber}:${(node.callFrame as { columnNumber?: number }).columnNumber}`
        : node.callFrame.url.split('/').at(-1) || node.callFrame.functionName,
    ]),
  );
  const totals = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const key = urlOf.get(id) ?? '?';
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, ms]) => `    ${name.padEnd(40)} ${ms.toFixed(0)} ms`)
    .join('\n');
}

const chat = await generateClinicalChat({ seed: 11, messages, style: 'android' });
const bytes = Buffer.from(chat.exportText);
const browser = await chromium.launch({
  ...(chromiumPath ? { executablePath: chromiumPath } : {}),
  args: ['--no-sandbox'],
});
const builds = [{ name: 'this build', url: appUrl }, ...(baselineUrl ? [{ name: 'baseline', url: baselineUrl }] : [])];
const pages = new Map<string, Page>();
const figures = new Map<string, Figures>();
for (const build of builds) {
  pages.set(build.name, await openReview(browser, build.url, bytes));
  figures.set(build.name, { search: [], clear: [], frames: [], firstKey: [], nextKey: [] });
}

for (let round = 0; round < rounds; round++) {
  for (const build of builds) await measure(pages.get(build.name) as Page, figures.get(build.name) as Figures);
}

if (process.env.PROFILE) {
  for (const build of builds) {
    const page = pages.get(build.name) as Page;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    for (const [part, run] of [
      ['searches', measureSearch],
      ['key presses', measureKeys],
      ['scrolling', measureScroll],
    ] as const) {
      await cdp.send('Profiler.start');
      await run(page, { search: [], clear: [], frames: [], firstKey: [], nextKey: [] });
      const { profile } = await cdp.send('Profiler.stop');
      console.log(
        `${build.name}: main-thread self time during one round of ${part}, by script\n${selfTimeByScript(profile)}`,
      );
    }
  }
}

if (process.env.TRACE) {
  for (const build of builds) {
    const page = pages.get(build.name) as Page;
    const cdp = await page.context().newCDPSession(page);
    const events: {
      name: string;
      ts: number;
      dur?: number;
      ph: string;
      args?: { beginData?: Record<string, unknown>; elementCount?: number };
    }[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline' });
    await measureSearch(page, { search: [], clear: [], frames: [], firstKey: [], nextKey: [] });
    await cdp.send('Tracing.end');
    await done;
    const totals = new Map<string, { n: number; ms: number; max: number }>();
    for (const event of events) {
      if (event.ph !== 'X' || event.dur === undefined) continue;
      const t = totals.get(event.name) ?? { n: 0, ms: 0, max: 0 };
      t.n++;
      t.ms += event.dur / 1000;
      t.max = Math.max(t.max, event.dur / 1000);
      totals.set(event.name, t);
    }
    console.log(`${build.name}: trace of a round of searches`);
    for (const [name, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
      console.log(`    ${name.padEnd(30)} ${t.n} events, ${t.ms.toFixed(0)} ms, longest ${t.max.toFixed(0)} ms`);
    const layouts = events.filter((e) => e.name === 'Layout' && e.ph === 'X');
    console.log(
      '    layouts (ms / dirty / total objects):',
      layouts
        .filter((e) => (e.dur ?? 0) > 2000)
        .map(
          (e) =>
            `${((e.dur ?? 0) / 1000).toFixed(0)}/${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}`,
        )
        .join(' '),
    );
    // A long style recalculation: how many elements it restyled (a large subtree invalidated, or a costly selector),
    // and how much of it was a garbage collection of the main thread's heap that happened to run inside it.
    const collections = events.filter((e) => (e.name === 'MajorGC' || e.name === 'MinorGC') && e.ph === 'X');
    const collectedIn = (e: (typeof events)[number]) =>
      collections.reduce(
        (sum, gc) =>
          sum + Math.max(0, Math.min(e.ts + (e.dur ?? 0), gc.ts + (gc.dur ?? 0)) - Math.max(e.ts, gc.ts)) / 1000,
        0,
      );
    console.log(
      '    style recalculations over 10 ms (ms / elements / ms of it collecting garbage):',
      events
        .filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X' && (e.dur ?? 0) > 10_000)
        .map((e) => `${((e.dur ?? 0) / 1000).toFixed(0)}/${e.args?.elementCount}/${collectedIn(e).toFixed(0)}`)
        .join(' '),
    );
  }
}

const count = messages.toLocaleString('en-GB');
const summary = new Map<string, { search: number; frame: number }>();
for (const build of builds) {
  const f = figures.get(build.name) as Figures;
  const search = percentile(f.search, 0.5);
  const frame = percentile(f.frames, 0.5);
  summary.set(build.name, { search, frame });
  console.log(
    `${build.name} (${build.url}), ${count} messages, ${rounds} rounds:\n` +
      `  search: typing to results painted, beyond the ${typingPause} ms pause: median ${search.toFixed(0)} ms, worst ${percentile(f.search, 1).toFixed(0)} ms (${f.search.length} searches)\n` +
      `  clearing the search to the whole list painted: median ${percentile(f.clear, 0.5).toFixed(0)} ms, worst ${percentile(f.clear, 1).toFixed(0)} ms\n` +
      `  J to the next proposal focused and painted: first after the whole list came back median ${percentile(f.firstKey, 0.5).toFixed(0)} ms, worst ${percentile(f.firstKey, 1).toFixed(0)} ms; the presses after it median ${percentile(f.nextKey, 0.5).toFixed(0)} ms\n` +
      `  scrolling: frame median ${frame.toFixed(1)} ms, 95th percentile ${percentile(f.frames, 0.95).toFixed(1)} ms, worst ${percentile(f.frames, 1).toFixed(1)} ms, ${f.frames.filter((d) => d > 50).length} of ${f.frames.length} frames over 50 ms`,
  );
}
const ours = summary.get('this build');
const theirs = summary.get('baseline');
if (ours && theirs) {
  console.log(
    `ratio (baseline / this build): search ${(theirs.search / Math.max(ours.search, 1)).toFixed(1)}×, scroll frame median ${(theirs.frame / ours.frame).toFixed(2)}×`,
  );
}
await browser.close();
