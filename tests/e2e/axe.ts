import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

/** WCAG 2.2 AA (and the A/AA rules of earlier versions) — the NHS service standard's accessibility bar. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's browser build (about 560 KB), read once per test worker. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe on the page as it is now and fails with a readable list of violations.
 *
 * axe is evaluated into a document only when that document does not have it yet: a journey that checks several steps of
 * one page parses the 560 KB script once, where `@axe-core/playwright` injected it again for every check (and, by
 * default, opened a blank page to merge cross-origin frames' results, which none of the apps has). It is evaluated, not
 * added as a `<script>` element, so pages that must load no JavaScript still have none to count. A document keeps axe
 * across checks, and a new document on the same page evaluates it again.
 */
export async function expectNoAxeViolations(
  page: Page,
  context = page.url(),
  options: { soft?: boolean } = {},
): Promise<void> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    wcagTags,
  );
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join('\n    ')}`,
  );
  // Soft: a test that checks many pages goes on to the next and reports every page's violations at its end.
  (options.soft ? expect.soft : expect)(summary, `axe violations on ${context}`).toEqual([]);
}
