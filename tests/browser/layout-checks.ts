/**
 * In-page layout checks the layout tests share: is a control really clickable (nothing lies over
 * its centre), is a label cut (its text wider than its box), does a raw i18n key show, and how
 * much of the map is left uncovered by the side panels.
 */
import type { Page } from 'playwright-core';

export interface LayoutProblems {
  /** Controls whose centre is covered by another element or lies outside the window. */
  covered: string[];
  /** Labels whose text is wider or taller than their box. */
  cut: string[];
  /** Visible texts that look like an untranslated i18n key (`edit.createTip`). */
  rawKeys: string[];
}

/**
 * Checks every visible element matching `controls` (clickable at its centre) and `labels` (not cut);
 * controls are also checked for cut text. Elements with no box (hidden) are skipped.
 */
export async function layoutProblems(page: Page, controls: readonly string[], labels: readonly string[]): Promise<LayoutProblems> {
  return page.evaluate(
    ([controlSelectors, labelSelectors]) => {
      const describe = (el: Element): string => {
        const id =
          el.getAttribute('data-testid') ??
          el.closest('[data-testid]')?.getAttribute('data-testid') ??
          (el.getAttribute('class') ?? '').split(' ')[0];
        return `${id ?? el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      };
      const visible = (el: Element): boolean => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0.05;
      };
      const isCut = (el: Element): boolean => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      const size = (el: Element): string => `(text ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`;
      // Scrolled out of a scrolling panel (a long estate panel scrolled to its history), or out of a
      // scrolling list inside one: reachable by scrolling, not covered. Every scrolling ancestor counts.
      const scrolledAway = (el: Element): boolean => {
        const r = el.getBoundingClientRect();
        for (let a = el.parentElement; a; a = a.parentElement) {
          const overflowY = getComputedStyle(a).overflowY;
          if ((overflowY === 'auto' || overflowY === 'scroll') && a.scrollHeight > a.clientHeight) {
            const box = a.getBoundingClientRect();
            if (r.bottom <= box.top || r.top >= box.bottom) return true;
          }
        }
        return false;
      };
      const covered: string[] = [];
      const cut: string[] = [];
      const rawKeys: string[] = [];
      for (const el of document.querySelectorAll(controlSelectors.join(','))) {
        if (!visible(el) || scrolledAway(el)) continue;
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (x < 0 || y < 0 || x > innerWidth || y > innerHeight || !hit || !(el === hit || el.contains(hit))) {
          covered.push(`${describe(el)} under ${hit ? describe(hit) : 'nothing (off screen)'}`);
        }
        if (isCut(el)) cut.push(`${describe(el)} ${size(el)}`);
      }
      for (const el of document.querySelectorAll(labelSelectors.join(','))) {
        if (visible(el) && isCut(el)) cut.push(`${describe(el)} ${size(el)}`);
      }
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        const parent = node.parentElement;
        if (parent && /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+$/.test(text) && visible(parent)) rawKeys.push(text);
      }
      return { covered, cut, rawKeys };
    },
    [controls, labels] as const,
  );
}

/** Width and height of the map that no side panel (estate panel, attribute form) covers. */
export async function uncoveredMapSize(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid="map"]')?.getBoundingClientRect();
    if (!map) return { width: 0, height: 0 };
    let right = map.right;
    for (const panel of document.querySelectorAll(
      '.atlas-estate-drawer.ant-drawer-open .ant-drawer-content-wrapper, .atlas-edit-drawer.ant-drawer-open .ant-drawer-content-wrapper',
    )) {
      const r = panel.getBoundingClientRect();
      if (r.width > 0) right = Math.min(right, r.left);
    }
    return { width: Math.round(right - map.left), height: Math.round(map.height) };
  });
}

/** The two window sizes every screen is shot and checked at. */
export const SCREENSHOT_VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** The layout problems of the controls and labels inside `scope` (a drawer, a modal), raw keys anywhere. */
export async function layoutProblemsWithin(
  page: Page,
  scope: string,
  controls: readonly string[],
  labels: readonly string[],
): Promise<LayoutProblems> {
  const within = (selectors: readonly string[]) => selectors.map((selector) => `${scope} ${selector}`);
  return layoutProblems(page, within(controls), within(labels));
}

/**
 * Pairs of visible elements, one from `a` and one from `b`, whose boxes intersect: a centre-point
 * check misses a banner lying over the end of a button.
 */
export async function overlappingBoxes(page: Page, a: string, b: string): Promise<string[]> {
  return page.evaluate(
    ([selectorA, selectorB]) => {
      const boxes = (selector: string) =>
        [...document.querySelectorAll(selector)]
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && r.height > 0);
      const name = (el: Element) => `${el.getAttribute('data-testid') ?? el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      const found: string[] = [];
      for (const first of boxes(selectorA)) {
        for (const second of boxes(selectorB)) {
          const apart =
            first.r.right <= second.r.left ||
            second.r.right <= first.r.left ||
            first.r.bottom <= second.r.top ||
            second.r.bottom <= first.r.top;
          if (!apart) found.push(`${name(first.el)} overlaps ${name(second.el)}`);
        }
      }
      return found;
    },
    [a, b] as const,
  );
}
