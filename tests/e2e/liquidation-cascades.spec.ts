/** What a reader does in Chapter 3: answer exercises, type an impossible position, share links, run the Monte Carlo, animate the cascade. */
import { test, expect } from '@playwright/test';
import { liqPrice, handCascade, smallestShockExperiment } from '../../content/exercises/liquidation-cascades';

const CH3 = '/chapters/liquidation-cascades/';

test('a numeric exercise accepts the engine’s liquidation price', async ({ page }) => {
  await page.goto(CH3);
  const ex = page.locator('[data-exercise="ch3-liq-price"]');
  await ex.scrollIntoViewIfNeeded();
  const check = ex.getByRole('button', { name: 'Check' });
  await expect(check).toBeEnabled();
  const right = liqPrice.kind === 'numeric' ? liqPrice.answer(liqPrice.defaults) : 0;
  const box = ex.getByLabel('Liquidation price');
  await box.fill((right * 1.05).toFixed(2));
  await check.click();
  await expect(ex.locator('.feedback')).toContainText('too high');
  await box.fill(right.toFixed(2));
  await box.press('Enter');
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the hand-worked cascade exercise accepts the notional the engine liquidates', async ({ page }) => {
  await page.goto(CH3);
  const ex = page.locator('[data-exercise="ch3-hand-cascade"]');
  await ex.scrollIntoViewIfNeeded();
  const right = handCascade.kind === 'numeric' ? handCascade.answer(handCascade.defaults) : 0;
  expect(right).toBe(9);
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await ex.getByLabel('Notional liquidated').fill(String(right));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('an impossible position (maintenance rate at or above 1/L) shows a message, never NaN', async ({ page }) => {
  await page.goto(CH3);
  const w = page.locator('#widget-liquidation-price');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const lev = w.getByLabel(/Leverage, exact value/);
  await lev.fill('50');
  await lev.press('Enter');
  const mm = w.getByLabel(/Maintenance margin rate, exact value/);
  await mm.fill('5');
  await mm.press('Enter');
  await expect(w.locator('.readout .warn')).toContainText('not below the initial margin 1/L = 2.00 %');
  await expect(w.locator('.figure-description').first()).toContainText('No valid liquidation price');
  await expect(w.locator('svg').first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('NaN');
  // Back to a legal rate: the readout returns.
  await mm.fill('0.5');
  await mm.press('Enter');
  await expect(w.locator('.readout')).toContainText('Liquidation price $98.49');
  await expect(w.locator('.readout .warn')).toHaveCount(0);
});

test('a shared link restores the calculator, including the side', async ({ page }) => {
  await page.goto(`${CH3}?liquidation-price.leverage=25&liquidation-price.side=short&liquidation-price.entryPrice=200#widget-liquidation-price`);
  const w = page.locator('#widget-liquidation-price');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Leverage, exact value/)).toHaveValue('25');
  await expect(w.getByLabel('Side')).toHaveValue('short');
  // Short at 200, 25×, m = 0.5 %: 200 · 1.04 / 1.005 = 206.97.
  await expect(w.locator('.readout')).toContainText('Liquidation price $206.97');
  await expect(w.locator('.readout')).toContainText('Bankruptcy price $208.00');
});

test('the Monte Carlo runs in a worker: progress, streamed results, final figure', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CH3);
  const w = page.locator('#widget-cascade');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch3-cascade-monte-carlo"]');
  await bar.scrollIntoViewIfNeeded();
  const mcFigure = w.locator('.ll-figure').nth(2);
  await expect(mcFigure.locator('.figure-description')).toContainText('40 random markets');
  const before = await mcFigure.locator('.plot-frame').innerHTML();
  await bar.getByRole('button', { name: 'Run 1,000 markets' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  await expect(bar.locator('.run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(mcFigure.locator('.figure-description')).toContainText('1,000 random markets');
  await expect(mcFigure.locator('.plot-frame')).toHaveAttribute('data-drawn', 'client');
  expect(await mcFigure.locator('.plot-frame').innerHTML()).not.toBe(before);
});

test('Cancel stops a Monte Carlo run and keeps what had finished', async ({ page }) => {
  await page.goto(CH3);
  const w = page.locator('#widget-cascade');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch3-cascade-monte-carlo"]');
  await bar.scrollIntoViewIfNeeded();
  await bar.getByRole('button', { name: 'Run 1,000 markets' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(bar.locator('.run-status')).toContainText('Cancelled');
  await expect(bar.getByRole('button', { name: 'Run 1,000 markets' })).toBeEnabled();
  await expect(bar.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  // The figure shows a partial run (more than the preview, fewer than all), and stays there.
  const desc = w.locator('.ll-figure').nth(2).locator('.figure-description');
  await expect(desc).toContainText('so far');
  const text = await desc.textContent();
  await page.waitForTimeout(1000);
  await expect(desc).toHaveText(text ?? '');
});

test('the cascade path animates on request, pauses and stops; with reduced motion it does not animate', async ({ page }) => {
  await page.goto(CH3);
  const w = page.locator('#widget-cascade');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const play = w.getByRole('button', { name: 'Play the path' });
  await expect(play).toBeEnabled();
  await play.click();
  await expect(w.getByRole('button', { name: 'Pause' })).toBeVisible();
  await w.getByRole('button', { name: 'Pause' }).click();
  await expect(w.getByRole('button', { name: 'Resume' })).toBeVisible();
  await w.getByRole('button', { name: 'Stop' }).click();
  await expect(w.getByRole('button', { name: 'Play the path' })).toBeVisible();

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  const w2 = page.locator('#widget-cascade');
  await w2.scrollIntoViewIfNeeded();
  await expect(w2).toHaveAttribute('data-hydrated', 'true');
  await expect(w2.getByText('Animation is off because your system asks for reduced motion')).toBeVisible();
  await expect(w2.getByRole('button', { name: 'Play the path' })).toHaveCount(0);
});

test('the experiment exercise reads the second liquidation map', async ({ page }) => {
  await page.goto(CH3);
  const w = page.locator('#widget-liquidation-map-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const ex = page.locator('[data-exercise="ch3-smallest-shock"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Raise the shock');
  const answer = Number.parseFloat(smallestShockExperiment.vars(smallestShockExperiment.defaults).answer!);
  const shock = w.getByLabel(/Initial shock, exact value/);
  await shock.fill(String(answer + 0.5));
  await shock.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('a smaller shock does it too');
  await shock.fill(String(answer));
  await shock.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every Chapter 3 widget shows its default figure, and the case studies are there', async ({ page }) => {
    await page.goto(CH3);
    const widgets = page.locator('[data-widget]');
    expect(await widgets.count()).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < (await widgets.count()); i++) await expect(widgets.nth(i).locator('svg').first()).toBeVisible();
    for (const id of ['crypto-mar-2020', 'crypto-oct-2025-adl', 'lme-nickel-2022']) await expect(page.locator(`[data-case="${id}"]`)).toBeVisible();
    await expect(page.locator('[data-exercise="ch3-liq-price"] [data-var="Pliq"]').first()).toHaveText('$38,190.95');
  });
});
