/**
 * Every page of the built site: loads without console errors or failed requests,
 * makes no request that leaves the site, every widget hydrates and its figure
 * changes when a control moves, and axe-core finds no WCAG 2.1 AA violations.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages } from './pages';

const pages = builtPages();

function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['localhost', '127.0.0.1'].includes(u.hostname) && u.protocol !== 'data:') problems.push(`third-party request: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/404/')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

async function scrollThrough(page: Page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    window.scrollTo(0, 0);
  });
}

test('the site has the pages a reader expects', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/chapters/leverage-loop/', '/glossary/', '/bibliography/', '/exercises/']));
});

for (const path of pages) {
  test.describe(`page ${path}`, () => {
    test('loads cleanly and passes axe (WCAG 2.1 AA) in light and in dark', async ({ page }) => {
      const problems = watch(page);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(path, { waitUntil: 'networkidle' });
      await scrollThrough(page);
      await page.waitForLoadState('networkidle');
      const summary: string[] = [];
      // The page follows the system scheme until the reader picks one, so switching the
      // emulated scheme restyles the same page: one load serves both scans.
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'light')).toBe(scheme);
        // KaTeX renders each formula twice: MathML for assistive technology and an aria-hidden
        // HTML copy for the eye. Skipping the hidden copy halves axe's time on math-heavy pages.
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
        summary.push(...results.violations.map((v) => `${scheme}: ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
      }
      expect(summary, summary.join('\n')).toEqual([]);
      expect(problems, problems.join('\n')).toEqual([]);
    });

    test('every widget hydrates and its figure answers a control', async ({ page }) => {
      const problems = watch(page);
      await page.goto(path, { waitUntil: 'networkidle' });
      const widgets = page.locator('[data-widget]');
      const n = await widgets.count();
      for (let i = 0; i < n; i++) {
        const w = widgets.nth(i);
        await w.scrollIntoViewIfNeeded();
        await expect(w).toHaveAttribute('data-hydrated', 'true');
        const svg = w.locator('svg').first();
        await expect(svg).toBeVisible();
        const before = await w.locator('.plot-frame').first().innerHTML();
        const slider = w.locator('input[type=range]').first();
        await slider.focus();
        for (let k = 0; k < 3; k++) await slider.press('ArrowRight');
        await expect(w.locator('.plot-frame').first()).toHaveAttribute('data-drawn', 'client');
        await expect.poll(async () => w.locator('.plot-frame').first().innerHTML()).not.toBe(before);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
}
