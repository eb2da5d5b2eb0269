/**
 * Playwright helpers shared by the chat disclosure specs (tests/e2e/chat-disclosure*.spec.ts): screenshots, the
 * service-worker-ready wait, a new case's details, a chat added and scoped, the "no request leaves the page" monitor and
 * test photos drawn by the browser.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page, Request } from '@playwright/test';

/** Where scripts/serve.mjs serves the tool: port 4322 unless PORT_CHAT_DISCLOSURE says otherwise. */
export const appUrl = `http://127.0.0.1:${process.env.PORT_CHAT_DISCLOSURE ?? 4322}`;
export const shotsDir = '/tmp/chat-shots';

/** Saves a full-page screenshot of the current step for review by eye. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

/** Opens the app and waits until its service worker has precached everything and controls the page. */
export async function openControlled(page: Page): Promise<void> {
  await page.goto(`${appUrl}/`);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  }
  await page.getByRole('heading', { level: 1, name: 'Your disclosure cases' }).waitFor();
}

/** The case details form filled in and saved, from the case list: the page is left on "Add chat exports". */
export async function startCase(
  page: Page,
  details: { type: 'SAR' | 'FOI'; reference: string; received: string; requester: string; passphrase?: string },
): Promise<void> {
  const [year, month, day] = details.received.split('-').map(Number);
  await page.getByRole('button', { name: 'Start a new case' }).click();
  await page
    .getByLabel(details.type === 'SAR' ? 'Subject access request (SAR)' : 'Freedom of Information (FOI)')
    .check();
  await page.getByLabel('Request reference').fill(details.reference);
  await page.getByLabel('Day').fill(String(day));
  await page.getByLabel('Month').fill(String(month));
  await page.getByLabel('Year').fill(String(year));
  await page.getByLabel('Who made the request').fill(details.requester);
  await page.getByLabel('Your name').fill('Ann Officer');
  if (details.passphrase) {
    await page.getByLabel('Encrypt this case in the browser with a passphrase').check();
    await page.getByLabel('Passphrase', { exact: true }).fill(details.passphrase);
    await page.getByLabel('Passphrase again').fill(details.passphrase);
  }
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

/**
 * A WhatsApp export (its text) added to the case, and the scope applied as it is: the page is left on the scope step's
 * result, which says `inScope` ("2 of 2 messages are in scope").
 */
export async function addChatAndApplyScope(page: Page, exportText: string, inScope: string): Promise<void> {
  await page.getByLabel('Choose chat export files').setInputFiles({
    name: 'WhatsApp Chat with Ward 7.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(exportText),
  });
  await page.getByRole('button', { name: 'Continue to scope' }).click();
  await page.getByRole('button', { name: 'Apply the scope' }).click();
  await page.getByTestId('scope-count').filter({ hasText: inScope }).waitFor({ timeout: 60_000 });
}

/**
 * Records every request made after this call, by the page, its workers or its service worker. A network request (http,
 * https, ws, wss, ftp) counts as leaving the browser unless the app's own service worker answered it from its cache.
 */
export function watchRequests(context: BrowserContext): { leaving: () => Promise<string[]> } {
  const seen: Request[] = [];
  context.on('request', (request) => seen.push(request));
  return {
    async leaving() {
      const out: string[] = [];
      for (const request of seen) {
        const url = request.url();
        // blob:, data: and the browser's own chrome:/chrome-extension: pages (its PDF viewer) never reach a network.
        if (!/^(https?|wss?|ftp):/.test(url)) continue;
        if (request.serviceWorker()) {
          out.push(`service worker fetched ${url}`);
          continue;
        }
        const response = await request.response();
        if (!response?.fromServiceWorker()) out.push(`${request.method()} ${url}`);
      }
      return out;
    },
  };
}

/** Draws two small JPEG photos in the page (a real encoder), returned as bytes. */
export async function drawPhotos(page: Page): Promise<Uint8Array[]> {
  const arrays = await page.evaluate(async () => {
    const out: number[][] = [];
    for (const colour of ['#005eb8', '#007f3b']) {
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 90;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.fillStyle = colour;
      context.fillRect(0, 0, 120, 90);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/jpeg', 0.8));
      out.push([...new Uint8Array(await blob.arrayBuffer())]);
    }
    return out;
  });
  return arrays.map((array) => new Uint8Array(array));
}

/** Saves a download and returns its bytes. */
export async function downloadBytes(page: Page, name: RegExp): Promise<{ bytes: Uint8Array; fileName: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return { bytes: new Uint8Array(await readFile(path)), fileName: download.suggestedFilename() };
}
