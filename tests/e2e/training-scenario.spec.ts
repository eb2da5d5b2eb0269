import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { scenarioData, scenarioSlugs, screenshots, site, waitForIsland } from './training-helpers.ts';

// Every test opens its own page and changes nothing shared, so the file's tests are spread over both workers.
test.describe.configure({ mode: 'parallel' });

const slug = 'unknown-number-joins';

test('a learner completes a scenario, going back, reloading and starting again', async ({ page }) => {
  const { nodes } = scenarioData(slug);
  await page.goto(`${site}/scenarios/${slug}/`);
  await waitForIsland(page);
  const player = page.locator('[data-view]');
  await expect(page.getByRole('heading', { name: 'Decision 1' })).toBeVisible();
  await expectNoAxeViolations(page, 'scenario: first decision');
  await screenshots(page, 'scenario-decision');

  // Confirming without a choice shows an error.
  await page.getByRole('button', { name: 'Confirm choice' }).click();
  await expect(page.getByText('Choose what you would do')).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeFocused();
  await expect(page.locator('fieldset')).toHaveAttribute('aria-describedby', /-error$/);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, 'scenario: error');

  // A weaker first choice, whose consequence survives a reload.
  const first = nodes.joined?.choices?.find((c) => c.id === 'carry-on');
  await page.getByLabel(first?.text ?? '', { exact: true }).check();
  await page.getByRole('button', { name: 'Confirm choice' }).click();
  await expect(page.getByRole('heading', { name: 'What happened' })).toBeFocused();
  await expect(page).not.toHaveTitle(/^Error: /);
  await expect(page.getByText('Not the safest choice')).toBeVisible();
  await expectNoAxeViolations(page, 'scenario: consequence');
  await screenshots(page, 'scenario-consequence');
  await page.reload();
  await waitForIsland(page);
  await expect(player).toHaveAttribute('data-view', 'consequence');

  // Go back and choose the safe option instead.
  await page.getByRole('button', { name: 'Go back' }).click();
  await expect(player).toHaveAttribute('data-node', 'joined');
  await expect(player).toHaveAttribute('data-view', 'decision');

  // Play the best choice at every decision to the ending.
  for (let guard = 0; guard < 10; guard++) {
    const view = await player.getAttribute('data-view');
    if (view === 'ending') break;
    if (view === 'consequence') {
      await expect(page.getByText('A safe choice')).toBeVisible();
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    const nodeId = (await player.getAttribute('data-node')) ?? '';
    const best = [...(nodes[nodeId]?.choices ?? [])].sort((a, b) => b.points - a.points)[0];
    await page.getByLabel(best?.text ?? '', { exact: true }).check();
    await page.getByRole('button', { name: 'Confirm choice' }).click();
  }
  await expect(player).toHaveAttribute('data-view', 'ending');
  await expect(page.getByText('Good outcome')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You scored 6 out of 6' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your choices' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reporting a breach' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'scenario: ending');
  await screenshots(page, 'scenario-ending');

  // The ending survives a reload too; then start again.
  await page.reload();
  await waitForIsland(page);
  await expect(player).toHaveAttribute('data-view', 'ending');
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.getByRole('heading', { name: 'Decision 1' })).toBeVisible();
  await page.reload();
  await waitForIsland(page);
  await expect(page.getByRole('heading', { name: 'Decision 1' })).toBeVisible();
});

// One test a scenario, so each has its own time budget on a loaded machine.
for (const s of scenarioSlugs.filter((other) => other !== slug)) {
  test(`${s} opens on its first decision, names its sources and its consequence passes axe`, async ({ page }) => {
    await page.goto(`${site}/scenarios/${s}/`);
    await waitForIsland(page);
    await expect(page.getByRole('heading', { name: 'Decision 1' })).toBeVisible();
    await expect(page.locator('[data-source-id]').first()).toBeVisible();
    const radios = page.getByRole('radio');
    await radios.first().check();
    await page.getByRole('button', { name: 'Confirm choice' }).click();
    await expect(page.getByRole('heading', { name: 'What happened' })).toBeVisible();
    await expectNoAxeViolations(page, `${s}: consequence`);
  });
}

test('the subject access request scenario plays to a good ending with the safest choices', async ({ page }) => {
  const s = 'a-request-in-the-ward-group';
  const { nodes } = scenarioData(s);
  await page.goto(`${site}/scenarios/${s}/`);
  await waitForIsland(page);
  const player = page.locator('[data-view]');
  await expect(page.getByText('{{')).toHaveCount(0);
  for (let guard = 0; guard < 12; guard++) {
    const view = await player.getAttribute('data-view');
    if (view === 'ending') break;
    if (view === 'consequence') {
      await page.getByRole('button', { name: 'Continue' }).click();
      continue;
    }
    const nodeId = (await player.getAttribute('data-node')) ?? '';
    const best = [...(nodes[nodeId]?.choices ?? [])].sort((a, b) => b.points - a.points)[0];
    await page.getByLabel(best?.text ?? '', { exact: true }).check();
    await page.getByRole('button', { name: 'Confirm choice' }).click();
  }
  await expect(page.getByText('Good outcome')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You scored 8 out of 8' })).toBeVisible();
  await expectNoAxeViolations(page, `${s}: ending`);
  await screenshots(page, 'scenario-sar-ending');
});
