/**
 * The app in a real browser (Chromium, headless) against the served build (`node scripts/serve.mjs` at the repo root):
 * time from choosing a 40,000-message WhatsApp export to the review screen being ready (import, scope, detection and
 * index in the worker, plus handing the result to the page), then search latency and scrolling at 100,000 messages.
 * Run with `npm run bench:browser` once the app is built (`npm run build` at the repo root). It uses the app at
 * APP_URL when given, else at http://127.0.0.1:4322, serving the build itself (`scripts/serve.mjs`) when nothing
 * answers there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateClinicalChat } from '@im-records/synthetic-chats';
import { chromium, type Page } from '@playwright/test';

const appUrl = process.env.APP_URL ?? 'http://127.0.0.1:4322';

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Serves the built apps when nothing answers at the default address; says what to do when there is no build. */
async function ensureServed(): Promise<ChildProcess | undefined> {
  if (await answers(`${appUrl}/`)) return undefined;
  if (process.env.APP_URL) throw new Error(`Nothing answers at APP_URL ${appUrl}.`);
  const dist = fileURLToPath(new URL('../dist/index.html', import.meta.url));
  if (!existsSync(dist)) throw new Error('The app is not built: run `npm run build` at the repository root first.');
  const server = spawn(process.execPath, [fileURLToPath(new URL('../../../scripts/serve.mjs', import.meta.url))], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50 && !(await answers(`${appUrl}/`)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(`${appUrl}/`))) {
    server.kill();
    throw new Error(`Started scripts/serve.mjs but nothing answers at ${appUrl}.`);
  }
  return server;
}

const server = await ensureServed();
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => {
  try {
    return Boolean(process.getBuiltinModule('node:fs').statSync(path));
  } catch {
    return false;
  }
});

async function exportOf(messages: number): Promise<Buffer> {
  const chat = await generateClinicalChat({ seed: 11, messages, style: 'android' });
  return Buffer.from(chat.exportText);
}

async function reviewReady(page: Page, messages: number): Promise<{ ms: number; stages: string }> {
  const bytes = await exportOf(messages);
  await page.goto(`${appUrl}/`);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page.getByLabel('Request reference').fill(`BENCH-${messages}`);
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('2025');
  await page.getByLabel('Who made the request').fill('Bench');
  await page.getByLabel('Your name').fill('Bench');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const started = performance.now();
  await page
    .getByLabel('Choose chat export files')
    .setInputFiles({ name: `bench-${messages}.txt`, mimeType: 'text/plain', buffer: bytes });
  await page.locator('.nhsuk-card', { hasText: `bench-${messages}.txt` }).waitFor({ timeout: 120_000 });
  const imported = performance.now();
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByTestId('scope-count').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Continue to review' }).click();
  await page.getByTestId('review-counts').waitFor({ timeout: 120_000 });
  await page.locator('.app-message').first().waitFor();
  const ready = performance.now();
  return {
    ms: ready - started,
    stages: `import and summary ${(imported - started).toFixed(0)} ms, prepare and first render ${(ready - imported).toFixed(0)} ms`,
  };
}

const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

const at40k = await reviewReady(page, 40_000);
console.log(`40,000 messages: review-ready in ${(at40k.ms / 1000).toFixed(2)} s (${at40k.stages})`);

const at100k = await reviewReady(page, 100_000);
console.log(`100,000 messages: review-ready in ${(at100k.ms / 1000).toFixed(2)} s (${at100k.stages})`);

// Search: the worker's own time (shown on screen) and the page's round trip, typing to the list changing.
const search = page.locator('#search');
for (const query of ['bed 4', 'daughter', 'NHS', 'ward 7', 'drug round late']) {
  await search.fill('');
  const started = performance.now();
  await search.fill(query);
  await page.locator('#search-result').filter({ hasText: 'matching messages' }).waitFor();
  const roundTrip = performance.now() - started;
  const shown = await page.locator('#search-result').textContent();
  console.log(
    `search "${query}": ${shown}; typing to results on screen ${roundTrip.toFixed(0)} ms (includes a 120 ms typing pause)`,
  );
}
await search.fill('');

// Scrolling the 100,000-message list: frames over 50 ms while scrolling 200 steps.
const frames = await page.evaluate(async () => {
  const list = document.querySelector('.app-chat') as HTMLElement;
  const durations: number[] = [];
  let last = performance.now();
  for (let i = 0; i < 200; i++) {
    list.scrollTop += 900;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    durations.push(now - last);
    last = now;
  }
  durations.sort((a, b) => a - b);
  return { median: durations[100] ?? 0, worst: durations.at(-1) ?? 0, long: durations.filter((d) => d > 50).length };
});
console.log(
  `scrolling 100,000 messages: frame median ${frames.median.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms, ${frames.long} of 200 frames over 50 ms`,
);
await browser.close();
server?.kill();
