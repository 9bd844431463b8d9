/** Search works offline from the built Pagefind index and never indexes widgets or solutions. */
import { test, expect } from '@playwright/test';

test('search opens with "/", finds a glossary term with its section, and goes there', async ({ page }) => {
  await page.goto('/chapters/leverage-loop/');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search the book' });
  await expect(input).toBeFocused();
  await input.fill('open interest');
  const first = page.locator('#search-results li a').first();
  await expect(first).toContainText('Glossary');
  await expect(first).toContainText('Open interest');
  await first.click();
  await expect(page).toHaveURL(/\/glossary\/#open-interest$/);
});

test('Ctrl-K opens search, Escape closes it, and solutions are not indexed', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+k');
  const dialog = page.locator('#search-dialog');
  await expect(dialog).toBeVisible();
  const box = page.getByRole('searchbox', { name: 'Search the book' });
  // Control: an exact phrase from Chapter 1's running text is found…
  await box.fill('"three steps, each with an experiment"');
  await expect(page.locator('#search-results li a').first()).toContainText('The leverage loop');
  // …but a phrase that appears only inside a folded solution is not.
  await box.fill('"stepping the shock"');
  await expect(page.locator('#search-status')).toHaveText('No results.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('an exercise is found once, in its chapter (its own page and the assignment page are not indexed)', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search the book' }).fill('"liquidation price of a long"');
  const links = page.locator('#search-results li a');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  expect(hrefs.some((h) => h.startsWith('/chapters/liquidation-cascades/'))).toBe(true);
  expect(hrefs.filter((h) => /^\/exercises\/[^/]+\//.test(h) || h.startsWith('/assignment/'))).toEqual([]);
});
