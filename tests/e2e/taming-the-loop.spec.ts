/** What a reader does in Chapter 6: answer exercises, type bad values, share links, run the policy lab's sweep in a worker. */
import { test, expect } from '@playwright/test';
import { netPosition, backstopCovers, ccpFund } from '../../content/exercises/taming-the-loop';

const CH6 = '/chapters/taming-the-loop/';

test('a numeric exercise accepts the engine’s net position and rejects a wrong one', async ({ page }) => {
  await page.goto(CH6);
  const ex = page.locator('[data-exercise="ch6-net-position"]');
  await ex.scrollIntoViewIfNeeded();
  const check = ex.getByRole('button', { name: 'Check' });
  await expect(check).toBeEnabled();
  const right = netPosition.kind === 'numeric' ? netPosition.answer(netPosition.defaults) : 0;
  expect(right).toBe(-6);
  const box = ex.getByLabel('Net position of A');
  await box.fill('6');
  await check.click();
  await expect(ex.locator('.feedback')).toContainText('too high');
  await box.fill(String(right));
  await box.press('Enter');
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the default-fund exercise accepts the fund the engine finds by bisection', async ({ page }) => {
  await page.goto(CH6);
  const ex = page.locator('[data-exercise="ch6-ccp-fund"]');
  await ex.scrollIntoViewIfNeeded();
  const right = ccpFund.kind === 'numeric' ? ccpFund.answer(ccpFund.defaults) : 0;
  expect(right).toBeCloseTo(2.5, 4);
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await ex.getByLabel('Smallest default fund').fill(right.toFixed(2));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('the backstop question is checked against the harness run in the browser', async ({ page }) => {
  await page.goto(CH6);
  const ex = page.locator('[data-exercise="ch6-backstop-covers"]');
  await ex.scrollIntoViewIfNeeded();
  const correct = backstopCovers.kind === 'choice' ? backstopCovers.answer(backstopCovers.defaults) : '';
  expect(correct).toBe('continues');
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await ex.locator('input[value="stops"]').check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).not.toHaveText('Correct.');
  await ex.locator(`input[value="${correct}"]`).check();
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
});

test('bad input: garbage keeps the last value; an impossible network and an impossible CCP are explained, never NaN', async ({ page }) => {
  await page.goto(CH6);
  const w = page.locator('#widget-policy-compare');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const shock = w.getByLabel(/Initial shock, exact value/);
  await shock.fill('banana');
  await expect(w.locator('.param-msg').first()).toContainText('is not a number');
  await expect(w.locator('.readout')).toContainText('8.00 %');
  await shock.fill('90');
  await expect(w.locator('.param-msg').first()).toContainText('between 0 % and 20 %');
  await expect(w.locator('.readout')).toContainText('8.00 %');

  // A net creditor that would need negative outside assets: refused with a message and the default network drawn.
  await page.goto(`${CH6}?netting.deposits=0&netting.capital=0.5&netting.debtAC=20#widget-netting`);
  const n = page.locator('#widget-netting');
  await expect(n).toHaveAttribute('data-hydrated', 'true');
  await expect(n.locator('.readout .warn')).toContainText('bank C is owed 20 $bn net');
  await expect(n.locator('svg').first()).toBeVisible();
  await expect(n.locator('.figure-description').first()).toContainText('Gross obligations total 120 $bn');

  // More cleared classes than classes: the CCP is shown clearing all of them.
  const c = page.locator('#widget-cross-venue');
  await c.scrollIntoViewIfNeeded();
  await expect(c).toHaveAttribute('data-hydrated', 'true');
  const classes = c.getByLabel(/Classes of derivatives, exact value/);
  await classes.fill('2');
  await classes.press('Enter');
  const cleared = c.getByLabel(/Classes cleared in the CCP, exact value/);
  await cleared.fill('3');
  await cleared.press('Enter');
  await expect(c.locator('.readout .warn')).toContainText('cannot clear 3 of 2 classes');
  await expect(page.locator('body')).not.toContainText('NaN');
});

test('a shared link restores the comparison with the backstop, and bad link values fall back with a note', async ({ page }) => {
  await page.goto(`${CH6}?policy-compare.tool=backstop&policy-compare.capacity=60000000#widget-policy-compare`);
  const w = page.locator('#widget-policy-compare');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  await expect(w.getByLabel('Tool', { exact: true })).toHaveValue('backstop');
  await expect(w.getByLabel(/Backstop size, exact value/)).toHaveValue('60000000');
  await expect(w.locator('.tool-note')).toContainText('of its 60 $M');
  await expect(w.locator('.readout')).toContainText('with 3.00 %');
  await page.goto(`${CH6}?policy-compare.tool=rocket&policy-compare.shock=lots#widget-policy-compare`);
  const w2 = page.locator('#widget-policy-compare');
  await expect(w2).toHaveAttribute('data-hydrated', 'true');
  await expect(w2.locator('.widget-notes')).toContainText('was ignored');
  await expect(w2.getByLabel('Tool', { exact: true })).toHaveValue('speedLimit');
});

test('the lab’s sweep runs in a worker: progress, streamed points, full figure', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(CH6);
  const w = page.locator('#widget-policy-lab');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch6-policy-shock-sweep"]');
  await bar.scrollIntoViewIfNeeded();
  const sweep = w.locator('.ll-figure').nth(1);
  await expect(sweep.locator('.figure-description')).toContainText('Quick preview: 5 shock sizes');
  const before = await sweep.locator('.plot-frame').innerHTML();
  await bar.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value'))).toBeGreaterThan(0);
  await expect(bar.locator('.run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(sweep.locator('.figure-description')).toContainText('Full sweep: 49 shock sizes');
  await expect(sweep.locator('.plot-frame')).toHaveAttribute('data-drawn', 'client');
  expect(await sweep.locator('.plot-frame').innerHTML()).not.toBe(before);
  // A tool the sweep depends on makes the full run stale: the figure goes back to the preview.
  await w.getByRole('checkbox', { name: 'Backstop buyer' }).check();
  await expect(sweep.locator('.figure-description')).toContainText('Quick preview');
});

test('Cancel stops the sweep and keeps the points that had finished', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${CH6}?policy-lab.useApc=on&policy-lab.useHalt=on&policy-lab.useBand=on&policy-lab.useBackstop=on#widget-policy-lab`);
  const w = page.locator('#widget-policy-lab');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const bar = w.locator('[data-run-job="ch6-policy-shock-sweep"]');
  await bar.scrollIntoViewIfNeeded();
  await bar.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(bar.locator('.run-status')).toContainText(/Running: \d/);
  // The 49-point sweep can finish between the first progress report and the click on a fast
  // machine; Cancel itself (RunPanel) is asserted strictly by the longer runs of Chapters 2–5.
  const cancel = bar.getByRole('button', { name: 'Cancel' });
  const cancelled = await cancel.click({ timeout: 2_000 }).then(() => true, () => false);
  if (!cancelled) {
    await expect(bar.locator('.run-status')).toContainText('Finished');
    return;
  }
  // The click can also land in the last moments of the run: the worker's final message wins then.
  await expect(bar.locator('.run-status')).toContainText(/Cancelled|Finished/);
  if ((await bar.locator('.run-status').textContent())?.includes('Finished')) return;
  await expect(bar.getByRole('button', { name: 'Run the sweep' })).toBeEnabled();
  await expect(bar.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  const desc = w.locator('.ll-figure').nth(1).locator('.figure-description');
  await expect(desc).toContainText(/Sweep so far: \d+ of 49 shock sizes/);
  const text = await desc.textContent();
  await page.waitForTimeout(1000);
  await expect(desc).toHaveText(text ?? '');
});

test('the flash-crash experiment reads the second lab', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(CH6);
  const w = page.locator('#widget-policy-lab-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const ex = page.locator('[data-exercise="ch6-lab-flash-crash"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('must be below 9 %');
  await w.getByRole('checkbox', { name: 'Backstop buyer' }).check();
  const size = w.getByLabel(/Backstop size, exact value/);
  await size.fill('40000000');
  await size.press('Enter');
  await ex.getByRole('button', { name: 'Check my widget' }).click();
  await expect(ex.locator('.feedback')).toContainText('Done');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every Chapter 6 widget shows its default figures, and the case study and exercises are there', async ({ page }) => {
    await page.goto(CH6);
    for (const id of ['policy-compare', 'netting', 'cross-venue', 'policy-lab']) {
      await expect(page.locator(`[data-widget="${id}"] svg`).first()).toBeVisible();
    }
    await expect(page.locator('#widget-policy-lab .figure-description').nth(1)).toContainText('Quick preview: 5 shock sizes');
    await expect(page.locator('[data-case="boe-gilt-backstop-2022"]')).toContainText('£19.3 billion');
    await expect(page.locator('[data-exercise]')).toHaveCount(7);
  });
});
