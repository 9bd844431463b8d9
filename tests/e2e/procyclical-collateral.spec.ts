/** What a reader does in Chapter 4: answer exercises, type bad values, share links, run the lending-pool sweep in a worker. */
import { test, expect } from '@playwright/test';
import { varMarginEx, closeFactorEx, ldiBufferExperiment } from '../../content/exercises/procyclical-collateral';

const CH4 = '/chapters/procyclical-collateral/';

test('a numeric exercise accepts the engine’s value-at-risk margin and rejects a wrong one', async ({ page }) => {
  await page.goto(CH4);
  const ex = page.locator('[data-exercise="ch4-var-margin"]');
  await ex.scrollIntoViewIfNeeded();
  const check = ex.getByRole('button', { name: 'Check' });
  await expect(check).toBeEnabled();
  const right = varMarginEx.kind === 'numeric' ? varMarginEx.answer(varMarginEx.defaults) : 0;
  const box = ex.getByLabel('Initial margin');
  await box.fill((right * 0.7).toFixed(2));
  await check.click();
  await expect(ex.locator('.feedback')).toContainText('too low');
  await box.fill(right.toFixed(2));
  await box.press('Enter');
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the close-factor exercise accepts the v3.2 rule', async ({ page }) => {
  await page.goto(CH4);
  const ex = page.locator('[data-exercise="ch4-close-factor"]');
  await ex.scrollIntoViewIfNeeded();
  const correct = closeFactorEx.kind === 'choice' ? closeFactorEx.answer(closeFactorEx.defaults) : '';
  expect(correct).toBe('0.5');
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await ex.locator(`input[value="${correct}"]`).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the buffer experiment reads the second LDI widget', async ({ page }) => {
  await page.goto(CH4);
  const w = page.locator('#widget-ldi-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.locator('.readout')).toContainText('wiped out');
  const ex = page.locator('[data-exercise="ch4-ldi-buffer"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Raise the buffer');
  const answer = Number.parseFloat(ldiBufferExperiment.vars(ldiBufferExperiment.defaults).answer!);
  const buffer = w.getByLabel(/Collateral buffer, exact value/);
  await buffer.fill(String(answer + 50));
  await buffer.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('a smaller buffer would too');
  await buffer.fill(String(answer));
  await buffer.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
});

test('bad input: garbage keeps the last valid value, and a buffer below the EMIR minimum is flagged, never NaN', async ({ page }) => {
  await page.goto(CH4);
  const s = page.locator('#widget-margin-spiral');
  await s.scrollIntoViewIfNeeded();
  await expect(s).toHaveAttribute('data-hydrated', 'true');
  const rate = s.getByLabel(/Initial margin rate, exact value/);
  await rate.fill('banana');
  await expect(s.locator('.param-msg').first()).toContainText('is not a number');
  await expect(s.locator('.readout')).toContainText('Leverage 10×');
  await rate.fill('80');
  await expect(s.locator('.param-msg').first()).toContainText('between 2 % and 50 %');
  await expect(s.locator('.readout')).toContainText('Leverage 10×');
  await rate.fill('20');
  await expect(s.locator('.param-msg').first()).toBeHidden();
  await expect(s.locator('.readout')).toContainText('Leverage 5×');

  const m = page.locator('#widget-margin-regime');
  await m.scrollIntoViewIfNeeded();
  await expect(m).toHaveAttribute('data-hydrated', 'true');
  await m.locator('summary', { hasText: 'More settings' }).click();
  const buf = m.getByLabel(/APC buffer, exact value/);
  await buf.fill('10');
  await buf.press('Enter');
  await expect(m.locator('.readout .warn')).toContainText('Below the EMIR minimum: a buffer below 25 %');
  await expect(page.locator('body')).not.toContainText('NaN');
  await buf.fill('25');
  await buf.press('Enter');
  await expect(m.locator('.readout .warn')).toHaveCount(0);
});

test('a shared link restores the LDI widget, and bad link values fall back with a note', async ({ page }) => {
  await page.goto(`${CH4}?ldi-spiral.buffer=100&ldi-spiral.yieldShock=150&ldi-spiral.backstop=on&ldi-spiral.backstopYieldCap=200#widget-ldi-spiral`);
  const w = page.locator('#widget-ldi-spiral');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Collateral buffer, exact value/)).toHaveValue('100');
  await expect(w.getByLabel('Central-bank backstop')).toHaveValue('on');
  await expect(w.locator('.readout')).toContainText('Yield rise 200 bp');
  await expect(w.locator('.readout')).toContainText('Backstop bought');
  await expect(w.locator('.readout .warn')).toHaveCount(0);
  await page.goto(`${CH4}?ldi-spiral.buffer=lots&ldi-spiral.leverage=-3#widget-ldi-spiral`);
  const w2 = page.locator('#widget-ldi-spiral');
  await expect(w2).toHaveAttribute('data-hydrated', 'true');
  await expect(w2.locator('.widget-notes')).toContainText('was ignored');
  await expect(w2.getByLabel(/Collateral buffer, exact value/)).toHaveValue('100');
});

test('the lending sweep runs in a worker: progress, streamed rows, full figure', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CH4);
  const w = page.locator('#widget-lending-stress');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch4-lending-sweep"]');
  await bar.scrollIntoViewIfNeeded();
  const sweep = w.locator('.ll-figure').nth(2);
  await expect(sweep.locator('.figure-description')).toContainText('Quick preview: 9 shock sizes');
  const before = await sweep.locator('.plot-frame').innerHTML();
  await bar.getByRole('button', { name: 'Run the full sweep' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  await expect(bar.locator('.run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(sweep.locator('.figure-description')).toContainText('Full sweep: 41 shock sizes on all 5,000 positions');
  await expect(sweep.locator('.plot-frame')).toHaveAttribute('data-drawn', 'client');
  expect(await sweep.locator('.plot-frame').innerHTML()).not.toBe(before);
  // A setting the sweep depends on makes the full run stale: the figure goes back to the preview.
  const bonus = w.getByLabel(/Liquidation bonus, exact value/);
  await bonus.fill('10');
  await bonus.press('Enter');
  await expect(sweep.locator('.figure-description')).toContainText('Quick preview');
});

test('Cancel stops a lending sweep and keeps what had finished', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${CH4}?lending-stress.positions=50000&lending-stress.points=81#widget-lending-stress`);
  const w = page.locator('#widget-lending-stress');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch4-lending-sweep"]');
  await bar.scrollIntoViewIfNeeded();
  await bar.getByRole('button', { name: 'Run the full sweep' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  await bar.getByRole('button', { name: 'Cancel' }).click();
  await expect(bar.locator('.run-status')).toContainText('Cancelled');
  await expect(bar.getByRole('button', { name: 'Run the full sweep' })).toBeEnabled();
  await expect(bar.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  const desc = w.locator('.ll-figure').nth(2).locator('.figure-description');
  await expect(desc).toContainText(/Sweep so far: \d+ of 81 shock sizes/);
  const text = await desc.textContent();
  await page.waitForTimeout(1000);
  await expect(desc).toHaveText(text ?? '');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every Chapter 4 widget shows its default figure, and the case studies and exercise numbers are there', async ({ page }) => {
    await page.goto(CH4);
    await expect(page.locator('h1')).toHaveText('Procyclical collateral');
    const widgets = page.locator('[data-widget]');
    expect(await widgets.count()).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < (await widgets.count()); i++) await expect(widgets.nth(i).locator('svg').first()).toBeVisible();
    for (const id of ['ccp-march-2020', 'uk-ldi-2022', 'makerdao-2020']) await expect(page.locator(`[data-case="${id}"]`)).toBeVisible();
    await expect(page.locator('[data-exercise="ch4-ewma-update"] [data-var="sigma"]').first()).toHaveText('1.378 %');
    await expect(page.locator('[data-widget="lending-stress"] .figure-description').nth(2)).toContainText('Quick preview');
  });
});
