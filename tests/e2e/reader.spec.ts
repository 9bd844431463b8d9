/** What a reader does in Chapter 1: answer exercises, type bad values, share links, read without JavaScript. */
import { test, expect } from '@playwright/test';
import { totalMove, stability } from '../../content/exercises/leverage-loop';

const CH1 = '/chapters/leverage-loop/';

test('a numeric exercise checks a right and a wrong answer, counts attempts and remembers them', async ({ page }) => {
  await page.goto(CH1);
  const ex = page.locator('[data-exercise="ch1-total-move"]');
  await ex.scrollIntoViewIfNeeded();
  const box = ex.getByLabel('Total move');
  const check = ex.getByRole('button', { name: 'Check' });
  await expect(check).toBeEnabled();
  const right = totalMove.kind === 'numeric' ? totalMove.answer(totalMove.defaults) : 0;
  await box.fill((right * 1.5).toFixed(2));
  await check.click();
  await expect(ex.locator('.feedback')).toHaveText(/too high/);
  await box.fill(right.toFixed(2));
  await box.press('Enter');
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
  await expect(ex.locator('.exercise-meta').last()).toContainText('Attempts: 2 · solved');
  await page.reload();
  const again = page.locator('[data-exercise="ch1-total-move"]');
  await again.scrollIntoViewIfNeeded();
  await expect(again.locator('.exercise-meta').last()).toContainText('Attempts: 2 · solved');
});

test('a multiple-choice exercise and "new numbers" refill the prompt', async ({ page }) => {
  await page.goto(CH1);
  const ex = page.locator('[data-exercise="ch1-stability"]');
  await ex.scrollIntoViewIfNeeded();
  const correct = stability.kind === 'choice' ? stability.answer(stability.defaults) : '';
  await ex.locator(`input[value="${correct}"]`).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
  const kBefore = await ex.locator('[data-var="k"]').first().textContent();
  const gBefore = await ex.locator('.solution [data-var="g"]').textContent();
  // Draw new variants until a number changes (the variant space has many points).
  for (let i = 0; i < 10; i++) {
    await ex.getByRole('button', { name: 'New numbers' }).click();
    if ((await ex.locator('[data-var="k"]').first().textContent()) !== kBefore || (await ex.locator('.solution [data-var="g"]').textContent()) !== gBefore) break;
  }
  const changed = (await ex.locator('[data-var="k"]').first().textContent()) !== kBefore || (await ex.locator('.solution [data-var="g"]').textContent()) !== gBefore;
  expect(changed).toBe(true);
});

test('the experiment exercise reads the widget it refers to', async ({ page }) => {
  await page.goto(CH1);
  const w = page.locator('[data-widget="multiplier"]#widget-multiplier-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const ex = page.locator('[data-exercise="ch1-tune-multiplier"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('should be within');
  // Target 10 %: multiplier 5, g = 0.8 → k = 80 at λ = 0.01.
  const exact = w.getByLabel(/Forced flow per 1 % move, exact value/);
  await exact.fill('80');
  await exact.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
});

test('garbage and out-of-range input show a message and keep the last valid value', async ({ page }) => {
  await page.goto(CH1);
  const w = page.locator('#widget-multiplier');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const exact = w.getByLabel(/Initial shock, exact value/);
  await exact.fill('banana');
  await expect(w.locator('.param-msg').first()).toContainText('is not a number');
  await expect(w.locator('.readout')).toContainText('5.00 %');
  await exact.fill('90');
  await expect(w.locator('.param-msg').first()).toContainText('between 0.1 % and 20 %');
  await expect(w.locator('.readout')).toContainText('5.00 %');
  await exact.fill('4');
  await expect(w.locator('.param-msg').first()).toBeHidden();
  await expect(w.locator('.readout')).toContainText('10.00 %');
  await expect(page.locator('body')).not.toContainText('NaN');
});

test('a shared link restores a widget, and bad link values fall back with a note', async ({ page }) => {
  await page.goto(`${CH1}?multiplier.shock=0.04&multiplier.sensitivity=70#widget-multiplier`);
  const w = page.locator('#widget-multiplier');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Initial shock, exact value/)).toHaveValue('4');
  await expect(w.locator('.readout')).toContainText('g = λk = 0.84');
  await page.goto(`${CH1}?multiplier.shock=lots&multiplier.impact=-3#widget-multiplier`);
  const w2 = page.locator('#widget-multiplier');
  await expect(w2).toHaveAttribute('data-hydrated', 'true');
  await expect(w2.locator('.widget-notes')).toContainText('was ignored');
  await expect(w2.getByLabel(/Initial shock, exact value/)).toHaveValue('2');
});

test('copy link produces a URL that restores the same state', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(CH1);
  const w = page.locator('#widget-leverage-targeting');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const exact = w.getByLabel(/Target leverage, exact value/);
  await exact.fill('12');
  await exact.press('Enter');
  await w.getByRole('button', { name: 'Copy link' }).click();
  const url = await w.locator('.widget-link').inputValue();
  expect(url).toContain('leverage-targeting.leverage=12');
  await page.goto(url);
  await expect(page.locator('#widget-leverage-targeting')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('#widget-leverage-targeting').getByLabel(/Target leverage, exact value/)).toHaveValue('12');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the chapter shows its text, formulas and every default figure', async ({ page }) => {
    await page.goto(CH1);
    await expect(page.locator('h1')).toHaveText('The leverage loop');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    const widgets = page.locator('[data-widget]');
    const n = await widgets.count();
    expect(n).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < n; i++) await expect(widgets.nth(i).locator('svg').first()).toBeVisible();
    // Exercise numbers are filled in at build time and solutions can be opened.
    await expect(page.locator('[data-exercise="ch1-loop-gain"] [data-var="k"]').first()).toHaveText('40');
    await page.locator('[data-exercise="ch1-loop-gain"] .solution summary').click();
    await expect(page.locator('[data-exercise="ch1-loop-gain"] .solution')).toContainText('0.6');
  });
});

test('the theme follows the system, and a chosen theme is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.goto(CH1);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Auto' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('on a phone the contents open from the header and close with Escape', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(CH1);
  const nav = page.locator('#book-nav');
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Contents' }).click();
  await expect(nav).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  // No horizontal scrolling on a 390 px screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
