/** Failure paths a reader must never see as a blank box or a broken page. */
import { test, expect } from '@playwright/test';

const CH1 = '/chapters/leverage-loop/';

test('a widget whose model throws shows a message and a working reset button', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${CH1}?ll-fail=threshold-cascade#widget-threshold-cascade`);
  const w = page.locator('#widget-threshold-cascade');
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const alert = w.getByRole('alert');
  await expect(alert).toContainText('stopped with an error');
  await expect(alert).toContainText('injected on purpose');
  // The rest of the page still works.
  const other = page.locator('#widget-multiplier');
  await other.scrollIntoViewIfNeeded();
  await expect(other.locator('svg').first()).toBeVisible();
  // Reset brings the widget back.
  await alert.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(w.getByRole('alert')).toHaveCount(0);
  await expect(w.locator('svg').first()).toBeVisible();
  await expect(w.locator('.readout')).toContainText('Final fall');
  expect(errors).toEqual([]);
});

test('Download data gives a CSV of what the figure shows', async ({ page }) => {
  await page.goto(CH1);
  const w = page.locator('#widget-multiplier');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toBe('Round,Move this round (%),Running total (%)');
  expect(lines).toHaveLength(14); // header + rounds 0..12
  expect(lines[1]).toBe('0,2,2');
});

test('corrupt saved progress does not break the page and the reader is told', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('leverage-lab:progress', '{"version":1,"exercises":{"ch1-loop-gain":{"attempts":"lots"}}}');
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(CH1);
  const ex = page.locator('[data-exercise="ch1-loop-gain"]');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await expect(ex.locator('.note')).toContainText('damaged and set aside');
  expect(errors).toEqual([]);
});
