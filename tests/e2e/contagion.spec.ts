/** What a reader does in Chapter 5: clear a network by hand, break a widget, share a link, run the Monte Carlo. */
import { test, expect } from '@playwright/test';
import { enTwoDefaults, leverageCap } from '../../content/exercises/contagion';

const CH5 = '/chapters/contagion/';

test('the two-bank clearing exercise accepts the engine’s answer and rejects a wrong one', async ({ page }) => {
  await page.goto(CH5);
  const ex = page.locator('[data-exercise="ch5-en-two-defaults"]');
  await ex.scrollIntoViewIfNeeded();
  const box = ex.getByLabel('Total payment of bank B');
  const check = ex.getByRole('button', { name: 'Check' });
  await expect(check).toBeEnabled();
  const right = enTwoDefaults.kind === 'numeric' ? enTwoDefaults.answer(enTwoDefaults.defaults) : 0;
  // Paying in full (10) is what a reader gets by forgetting that B defaults too.
  await box.fill('10');
  await check.click();
  await expect(ex.locator('.feedback')).toHaveText(/too high/);
  await box.fill(right.toFixed(3));
  await check.click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the leverage-cap experiment reads its widget', async ({ page }) => {
  await page.goto(CH5);
  const w = page.locator('#widget-cross-margin-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const ex = page.locator('[data-exercise="ch5-leverage-cap"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('lower the highest leverage');
  const exact = w.getByLabel(/Highest leverage, exact value/);
  await exact.fill('5');
  await exact.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
  expect(leverageCap.kind).toBe('experiment');
});

test('impossible network settings show a message, keep a figure and never print NaN', async ({ page }) => {
  await page.goto(CH5);
  const w = page.locator('#widget-network');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  // Garbage in a number field: an inline message, the last valid value kept.
  const shock = w.getByLabel(/Loss on outside assets, exact value/);
  await shock.fill('lots');
  await expect(w.locator('.param-msg').first()).toContainText('is not a number');
  await expect(w.locator('.readout')).toContainText('5 of 12');
  await shock.fill('90');
  // A combination the spec cannot rule out: 8 creditors each in a network of 5 banks.
  await w.locator('summary', { hasText: 'More settings' }).click();
  const banks = w.getByLabel(/Number of banks, exact value/);
  await banks.fill('5');
  await banks.press('Enter');
  const degree = w.getByLabel(/Average number of creditors, exact value/);
  await degree.fill('8');
  await degree.press('Enter');
  await expect(w.locator('.readout .warn')).toContainText('at most the number of banks minus one');
  await expect(w.locator('.readout .warn')).toContainText('Showing the default network instead');
  await expect(w.locator('svg').first()).toBeVisible();
  await expect(w).not.toContainText('NaN');
  await degree.fill('2');
  await degree.press('Enter');
  await expect(w.locator('.readout .warn')).toHaveCount(0);
});

test('a shared link restores the network widget, and clicking a bank shocks it', async ({ page }) => {
  await page.goto(`${CH5}?network.shock=0.5&network.shockedBank=3&network.model=debtrank&network.round=1#widget-network`);
  const w = page.locator('#widget-network');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel(/Loss on outside assets, exact value/)).toHaveValue('50');
  await expect(w.getByLabel('Bank that takes the loss')).toHaveValue('3');
  await expect(w.getByLabel('Propagation')).toHaveValue('debtrank');
  await expect(w.locator('.readout')).toContainText(/Round\s*1 of/);
  await expect(w.locator('.figure-description')).toContainText('Bank 4 loses 50 %');
  // Step forward with the button, then choose another bank from the list.
  await w.getByRole('button', { name: 'Next round' }).click();
  await expect(w.locator('.readout')).toContainText(/Round\s*2 of/);
  await w.getByLabel('Bank that takes the loss').selectOption('0');
  await expect(w.locator('.figure-description')).toContainText('Bank 1 loses 50 %');
  // Click a bank in the drawing: it becomes the shocked bank, and the select follows.
  await w.getByLabel('Propagation').selectOption('eisenberg-noe');
  const nodes = w.locator('.plot-frame svg circle[fill]:not([fill="none"])');
  await expect(nodes).toHaveCount(12);
  for (let i = 0; i < 12; i++) {
    await nodes.nth(i).click({ force: true });
    if ((await w.getByLabel('Bank that takes the loss').inputValue()) !== '0') break;
  }
  const picked = Number(await w.getByLabel('Bank that takes the loss').inputValue());
  expect(picked).toBeGreaterThan(0);
  await expect(w.locator('.figure-description')).toContainText(`Bank ${picked + 1} loses 50 %`);
});

test.describe('the Gai–Kapadia Monte Carlo', () => {
  test.setTimeout(120_000);

  test('Run streams progress and draws the worker’s points', async ({ page }) => {
    await page.goto(`${CH5}#widget-gai-kapadia`);
    const w = page.locator('#widget-gai-kapadia');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-hydrated', 'true');
    await expect(w.locator('.readout')).toContainText('quick preview');
    const before = await w.locator('.plot-frame').first().innerHTML();
    await w.getByRole('button', { name: 'Run the Monte Carlo' }).click();
    const progress = w.locator('.run-bar progress');
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(w.locator('.run-status')).toContainText('Running');
    await expect(w.locator('.run-status')).toContainText('Finished', { timeout: 90_000 });
    await expect(w.locator('.readout')).toContainText('Trials per point 200');
    await expect(w.locator('.readout')).not.toContainText('quick preview');
    await expect(w.locator('.plot-frame').first()).toHaveAttribute('data-drawn', 'client');
    expect(await w.locator('.plot-frame').first().innerHTML()).not.toBe(before);
    // 20 points, each now from 200 networks.
    await w.locator('.figure-data summary').first().click();
    await expect(w.locator('.figure-data tbody tr')).toHaveCount(20);
    await expect(w.locator('.figure-data tbody tr').first().locator('td').last()).toHaveText('200');
  });

  test('Cancel stops the run and keeps what had finished', async ({ page }) => {
    await page.goto(`${CH5}#widget-gai-kapadia`);
    const w = page.locator('#widget-gai-kapadia');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-hydrated', 'true');
    const run = w.getByRole('button', { name: 'Run the Monte Carlo' });
    await run.click();
    const progress = w.locator('.run-bar progress');
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await w.getByRole('button', { name: 'Cancel' }).click();
    await expect(w.locator('.run-status')).toContainText('Cancelled');
    await expect(run).toBeEnabled();
    await expect(w.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    const stopped = await progress.getAttribute('value');
    await page.waitForTimeout(1500);
    expect(await progress.getAttribute('value')).toBe(stopped);
    await expect(w.locator('.run-status')).not.toContainText('Finished');
  });
});
