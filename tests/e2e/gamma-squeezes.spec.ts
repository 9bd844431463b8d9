/** What a reader does in Chapter 2: answer exercises, edit an option chain, share links, run the Monte Carlo in the worker. */
import { test, expect } from '@playwright/test';
import { sigmaEff, gexOfChain } from '../../content/exercises/gamma-squeezes';

const CH2 = '/chapters/gamma-squeezes/';

test('numeric exercises accept the engine’s answer', async ({ page }) => {
  await page.goto(CH2);
  const cases: [string, number, string][] = [
    ['ch2-sigma-eff', sigmaEff.kind === 'numeric' ? sigmaEff.answer(sigmaEff.defaults) : 0, 'σ_eff'],
    ['ch2-gex-chain', gexOfChain.kind === 'numeric' ? gexOfChain.answer(gexOfChain.defaults) : 0, 'Dealer GEX'],
  ];
  for (const [id, right, label] of cases) {
    const ex = page.locator(`[data-exercise="${id}"]`);
    await ex.scrollIntoViewIfNeeded();
    const check = ex.getByRole('button', { name: 'Check' });
    await expect(check).toBeEnabled();
    const box = ex.getByLabel(label);
    await box.fill((right * 1.3).toFixed(3));
    await check.click();
    await expect(ex.locator('.feedback')).toHaveText(/too high/);
    await box.fill(right.toFixed(3));
    await check.click();
    await expect(ex.locator('.feedback')).toHaveText('Correct.');
  }
});

test('the experiment exercise reads the feedback widget it refers to', async ({ page }) => {
  await page.goto(CH2);
  const w = page.locator('#widget-feedback-vol-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const ex = page.locator('[data-exercise="ch2-double-vol"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('should be within');
  // Target 40 % from σ = 20 %: g = 0.5, i.e. book gamma −500,000 at λ = 1e-8 and S = 100.
  const exact = w.getByLabel(/Dealers' book gamma, exact value/);
  await exact.fill('-500000');
  await exact.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
});

test('a bad option chain shows clear messages, keeps the valid lines and never shows NaN', async ({ page }) => {
  await page.goto(CH2);
  const w = page.locator('#widget-gamma-profile');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.locator('.readout')).toContainText('+6.53 $M per 1 %');
  const oi = w.getByLabel('Line 9: open interest (contracts)');
  await oi.fill('-5');
  await expect(w.locator('.chain-issues')).toContainText('Line 9: open interest cannot be negative');
  await expect(oi).toHaveAttribute('aria-invalid', 'true');
  await expect(w.locator('.readout')).toContainText('needs attention');
  const expiry = w.getByLabel('Line 1: days to expiry');
  await expiry.fill('0');
  await expect(w.locator('.chain-issues')).toContainText('Line 1: expiry must be at least 1 day');
  await expect(w.locator('.readout')).toContainText('2 entries need attention');
  // The rest of the chain is still drawn and the numbers are finite.
  await expect(w.locator('.readout')).toContainText('GEX at spot');
  await expect(page.locator('body')).not.toContainText('NaN');
  // Removing a line with the keyboard, then restoring the example.
  await w.getByRole('button', { name: 'Remove line 9' }).press('Enter');
  await expect(w.locator('.chain-table tbody tr')).toHaveCount(9);
  await w.getByRole('button', { name: 'Restore the example chain' }).click();
  await expect(w.locator('.chain-table tbody tr')).toHaveCount(10);
  await expect(w.locator('.chain-issues')).toHaveCount(0);
  await expect(w.locator('.readout')).toContainText('+6.53 $M per 1 %');
  // Convention: with every line short, dealers are short gamma.
  await w.getByLabel('Who is long the options').selectOption('dealers-short');
  await expect(w.locator('.readout')).toContainText('short gamma (amplifying)');
});

test('a shared link restores the feedback widget, including the unstable state', async ({ page }) => {
  await page.goto(`${CH2}?feedback-vol.bookGamma=-800000#widget-feedback-vol`);
  const w = page.locator('#widget-feedback-vol');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Dealers' book gamma, exact value/)).toHaveValue('-800000');
  await expect(w.locator('.readout')).toContainText('0.8');
  await expect(w.locator('.readout')).toContainText('100.0 %');
  await page.goto(`${CH2}?feedback-vol.bookGamma=-1200000#widget-feedback-vol`);
  const w2 = page.locator('#widget-feedback-vol');
  await expect(w2).toHaveAttribute('data-hydrated', 'true');
  await expect(w2.locator('.readout output.warn')).toHaveText('unstable');
  await expect(page.locator('body')).not.toContainText('NaN');
});

test('the case-study link opens the squeeze widget with its preset', async ({ page }) => {
  await page.goto(CH2);
  await page.locator('[data-case="gamestop-2021"] a[href*="squeeze.strike=110"]').click();
  const w = page.locator('#widget-squeeze');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Strike, exact value/)).toHaveValue('110');
  await expect(w.getByLabel(/Buying pressure, exact value/)).toHaveValue('150');
});

test.describe('the squeeze widget’s Monte Carlo', () => {
  test.describe.configure({ timeout: 180_000 });

  test('Run streams progress and draws the worker’s result', async ({ page }) => {
    await page.goto(`${CH2}#widget-squeeze`);
    const w = page.locator('#widget-squeeze');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-hydrated', 'true');
    const shown = w.locator('.mc-shown');
    await expect(shown).toHaveAttribute('data-mc-shown', 'preview');
    const before = await w.locator('.plot-frame').nth(1).innerHTML();
    await w.getByRole('button', { name: /^Run 1,000 paths/ }).click();
    await expect(w.locator('.run-status')).toContainText('Running');
    await expect.poll(async () => w.locator('progress').evaluate((el) => (el as HTMLProgressElement).value), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(shown).toHaveAttribute('data-mc-shown', 'worker', { timeout: 150_000 });
    await expect(shown).toContainText('1,000 of 1,000 paths');
    await expect(w.locator('.run-status')).toContainText('Finished');
    await expect.poll(async () => w.locator('.plot-frame').nth(1).innerHTML()).not.toBe(before);
    await expect(w.locator('.plot-frame').nth(1)).toHaveAttribute('data-drawn', 'client');
  });

  test('Cancel stops the run and keeps what had finished', async ({ page }) => {
    await page.goto(`${CH2}?squeeze.paths=2000#widget-squeeze`);
    const w = page.locator('#widget-squeeze');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-hydrated', 'true');
    await w.getByRole('button', { name: /^Run 2,000 paths/ }).click();
    const shown = w.locator('.mc-shown');
    await expect(shown).toHaveAttribute('data-mc-shown', 'partial', { timeout: 60_000 });
    await w.getByRole('button', { name: 'Cancel' }).click();
    await expect(w.locator('.run-status')).toContainText('Cancelled');
    await expect(w.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    // Nothing more arrives: the figure keeps the partial result.
    await page.waitForTimeout(1500);
    await expect(shown).toHaveAttribute('data-mc-shown', 'partial');
    await expect(shown).not.toContainText('2,000 of 2,000');
  });

  test('New seed changes the price paths', async ({ page }) => {
    await page.goto(CH2);
    const w = page.locator('#widget-squeeze');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-hydrated', 'true');
    const before = await w.locator('.plot-frame').first().innerHTML();
    await w.getByRole('button', { name: 'New seed' }).click();
    await expect(w.locator('.seed-row output')).toHaveText('2');
    await expect.poll(async () => w.locator('.plot-frame').first().innerHTML()).not.toBe(before);
  });
});
