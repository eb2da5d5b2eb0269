import { expect, type Page } from '@playwright/test';

/**
 * Checks for WCAG 2.2 criteria axe does not test (axe.ts runs the rest): 2.5.8 Target Size (Minimum), 2.4.11 Focus Not
 * Obscured (Minimum), 2.4.7 Focus Visible and 1.4.10 Reflow. Each fails with a readable list of the controls at fault.
 *
 * They measure the page as laid out, so a spec runs them at the widths that matter (1280 and 320 CSS px). They are
 * geometric approximations of the criteria, strict where that is cheap: a control counts as obscured only when none of
 * 25 points across it reaches it, and focus as visible when the pixels around the control change as it takes focus.
 */

/** Every control a pointer or the keyboard can reach. */
const controlSelector = [
  'a[href]',
  'button',
  'input:not([type=hidden])',
  'select',
  'textarea',
  'summary',
  '[role=button]',
  '[role=link]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=tab]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * 2.5.8: every control is at least 24 × 24 CSS px, or a 24 px circle on its centre meets no other control (nor the
 * circle of another small one). Links inside a sentence are exempt, as the criterion says; so are controls hidden until
 * focused (the skip link) and those scrolled out of sight inside a scrolling box (the browser cannot hit them).
 */
export async function expectTargetSize(page: Page, context = page.url()): Promise<void> {
  const offenders = await page.evaluate((selector) => {
    const nameOf = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
    const reaches = (element: Element, hit: Element | null) =>
      hit !== null &&
      (hit === element ||
        element.contains(hit) ||
        hit.contains(element) ||
        [...((element as HTMLInputElement).labels ?? [])].some((label) => label.contains(hit)));
    const controls = [...document.querySelectorAll(selector)].flatMap((element) => {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(element).visibility === 'hidden') return [];
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const onScreen = x >= 0 && x < innerWidth && y >= 0 && y < innerHeight;
      if (onScreen && !reaches(element, document.elementFromPoint(x, y))) return [];
      return [{ element, x, y, box }];
    });
    const inSentence = (element: Element) => {
      if (element.tagName !== 'A' || getComputedStyle(element).display !== 'inline') return false;
      const around = [...(element.parentElement?.childNodes ?? [])].filter((node) => node !== element);
      return around.some((node) => (node.textContent ?? '').trim().length > 0);
    };
    const small = (box: DOMRect) => box.width < 24 || box.height < 24;
    return controls.flatMap((control) => {
      if (!small(control.box) || inSentence(control.element)) return [];
      const clash = controls.find((other) => {
        if (other === control || other.element.contains(control.element) || control.element.contains(other.element)) {
          return false;
        }
        const dx = Math.max(other.box.left - control.x, 0, control.x - other.box.right);
        const dy = Math.max(other.box.top - control.y, 0, control.y - other.box.bottom);
        const circlesMeet = small(other.box) && Math.hypot(other.x - control.x, other.y - control.y) < 24;
        return Math.hypot(dx, dy) < 12 || circlesMeet;
      });
      return clash
        ? [
            `${nameOf(control.element)} is ${Math.round(control.box.width)}×${Math.round(control.box.height)} beside ${nameOf(clash.element)}`,
          ]
        : [];
    });
  }, controlSelector);
  expect(offenders, `controls under 24 × 24 px without room around them on ${context}`).toEqual([]);
}

/**
 * 2.4.11 and 2.4.7: tabs through the page from the top (at most `maxTabs` presses) and fails if a focused control is
 * entirely hidden (by sticky or fixed content, or left off the screen) or shows no change when it takes focus. The focus
 * style is compared once for each kind of control (tag and classes), by the pixels of its box and 6 px around it; pass
 * the same `kinds` set for several pages of one site to compare each kind once in all (screenshots are the slow part).
 */
export async function expectFocusVisibleAndNotObscured(
  page: Page,
  {
    maxTabs = 60,
    context = page.url(),
    kinds = new Set<string>(),
  }: { maxTabs?: number; context?: string; kinds?: Set<string> } = {},
): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const obscured: string[] = [];
  const invisible: string[] = [];
  for (let press = 0; press < maxTabs; press++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const box = element.getBoundingClientRect();
      const kind = `${element.tagName.toLowerCase()}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).sort().join('.')}` : ''}`;
      const name = `${kind} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
      const left = Math.max(box.left, 0);
      const right = Math.min(box.right, innerWidth);
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, innerHeight);
      if (right <= left || bottom <= top) return { kind, name, hidden: 'off the screen', clip: null };
      let reached = false;
      for (let i = 0; i < 5 && !reached; i++) {
        for (let j = 0; j < 5 && !reached; j++) {
          const hit = document.elementFromPoint(
            left + ((right - left) * (i + 0.5)) / 5,
            top + ((bottom - top) * (j + 0.5)) / 5,
          );
          reached =
            hit !== null &&
            (hit === element ||
              element.contains(hit) ||
              hit.contains(element) ||
              [...((element as HTMLInputElement).labels ?? [])].some((label) => label.contains(hit)));
        }
      }
      const cover = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      const x = Math.max(0, left - 6);
      const y = Math.max(0, top - 6);
      return {
        kind,
        name,
        hidden: reached ? null : `under ${cover?.tagName.toLowerCase()}.${cover?.className}`,
        clip: { x, y, width: Math.min(right + 6, innerWidth) - x, height: Math.min(bottom + 6, innerHeight) - y },
      };
    });
    if (!focus) continue;
    if (focus.hidden) obscured.push(`${focus.name} ${focus.hidden}`);
    if (focus.clip && !kinds.has(focus.kind)) {
      kinds.add(focus.kind);
      const focused = await page.screenshot({ clip: focus.clip, animations: 'disabled' });
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        (window as unknown as { wcagFocused: HTMLElement }).wcagFocused = element;
        element.blur();
      });
      const blurred = await page.screenshot({ clip: focus.clip, animations: 'disabled' });
      await page.evaluate(() => (window as unknown as { wcagFocused: HTMLElement }).wcagFocused.focus());
      if (focused.equals(blurred)) invisible.push(focus.name);
    }
  }
  expect(obscured, `focused controls entirely hidden on ${context}`).toEqual([]);
  expect(invisible, `controls with no visible focus on ${context}`).toEqual([]);
}

/** 1.4.10: no scrolling sideways at 320 CSS px; content that needs two dimensions (tables) scrolls in its own box. */
export async function expectNoSidewaysScroll(page: Page, context = page.url()): Promise<void> {
  const widths = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(widths[0], `page wider than the screen on ${context}`).toBeLessThanOrEqual(widths[1] as number);
}

/**
 * 1.4.12: with the criterion's spacing (line height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em) no box
 * that hides its overflow cuts off content. Select lists (their options overflow by design) and visually hidden text
 * (1 px boxes) are not content cut off.
 */
export async function expectTextSpacingKeepsContent(page: Page, context = page.url()): Promise<void> {
  const clipped = await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent =
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
    document.head.append(style);
    const out: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.tagName === 'SELECT' || element.clientWidth <= 1 || element.clientHeight <= 1) continue;
      const css = getComputedStyle(element);
      const hidesX = css.overflowX === 'hidden' || css.overflowX === 'clip';
      const hidesY = css.overflowY === 'hidden' || css.overflowY === 'clip';
      if (
        (hidesX && element.scrollWidth > element.clientWidth + 1) ||
        (hidesY && element.scrollHeight > element.clientHeight + 1)
      ) {
        out.push(
          `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
        );
      }
    }
    style.remove();
    return out;
  });
  expect(clipped, `content cut off with wider text spacing on ${context}`).toEqual([]);
}
