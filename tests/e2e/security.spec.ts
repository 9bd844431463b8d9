/**
 * Content Security Policy: every page carries one, and nothing a reader does (reading,
 * moving a slider so Plot redraws, searching with Pagefind's WebAssembly) violates it.
 */
import { test, expect, type Page } from '@playwright/test';
import { builtPages } from './pages';

async function trackViolations(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''})`);
    });
  });
  return async () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('every page has a CSP with the stack’s allowances and no third-party sources', async ({ page }) => {
  for (const path of builtPages()) {
    await page.goto(path);
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(csp, path).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/https?:\/\//);
  }
});

test('reading, redrawing a figure and searching cause no CSP violation', async ({ page }) => {
  const violations = await trackViolations(page);
  await page.goto('/chapters/leverage-loop/');
  const w = page.locator('#widget-threshold-cascade');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const slider = w.locator('input[type=range]').first();
  await slider.focus();
  await slider.press('ArrowRight');
  await expect(w.locator('.plot-frame').first()).toHaveAttribute('data-drawn', 'client');
  await page.keyboard.press('Control+k');
  await page.getByRole('searchbox', { name: 'Search the book' }).fill('leverage');
  await expect(page.locator('#search-results li').first()).toBeVisible();
  expect(await violations()).toEqual([]);
});
