/**
 * Exercise pages, embedding over SPLICE, multi-part answers, and the reader's
 * progress panel (damaged data, export, reset, import).
 */
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { leverageParts, loopGain } from '../../content/exercises/leverage-loop';
import { PROGRESS_KEY } from '../../src/lib/progress';

/**
 * A minimal SPLICE host page: frames `src` (as #f), records every message in window.msgs
 * and answers SPLICE.getState with `state` (a map from location to saved state).
 */
async function spliceHost(page: Page, src: string, state: Record<string, unknown>) {
  await page.setContent(`<!doctype html><title>Host</title>
    <iframe id="f" title="embedded page" style="width:900px;height:1000px" src="${src}"></iframe>
    <script>
      window.msgs = [];
      addEventListener('message', (e) => {
        window.msgs.push(e.data);
        if (e.data && e.data.subject === 'SPLICE.getState') {
          e.source.postMessage({ subject: 'SPLICE.getState.response', message_id: e.data.message_id, state: ${JSON.stringify(state)} }, '*');
        }
      });
    </script>`);
}

test('every exercise with a fragment has its own page, linked from the index', async ({ page }) => {
  await page.goto('/exercises/');
  await page.getByRole('link', { name: 'A leveraged fund, step by step' }).click();
  await expect(page).toHaveURL(/\/exercises\/ch1-leverage-parts\/$/);
  const ex = page.locator('[data-exercise="ch1-leverage-parts"]');
  await expect(ex.getByRole('heading')).toHaveText('Exercise 1.9: A leveraged fund, step by step');
  await expect(ex.locator('.katex').first()).toBeVisible();
  // A multi-part answer: every part right.
  const p = leverageParts.defaults;
  const answers = leverageParts.kind === 'multi' ? leverageParts.parts.map((x) => x.answer(p)) : [];
  await expect(ex.getByRole('button', { name: 'Check' })).toBeEnabled();
  await ex.getByLabel('(a) Forced sales per 1 % fall').fill(String(answers[0]));
  await ex.getByLabel('(b) Loop gain g').fill(String(answers[1]));
  await ex.getByLabel('(c) Critical leverage L*').press('Enter');
  await expect(ex.locator('.feedback')).toContainText('2 of 3 parts right');
  await ex.getByLabel('(c) Critical leverage L*').fill(String(answers[2]));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct: every part is right.');
  await expect(ex.locator('.exercise-meta').last()).toContainText('Attempts: 2 · solved');
  // The chapter still shows its exercises, now from fragments, with their anchors.
  await page.goto('/chapters/leverage-loop/#ex-ch1-hand-cascade');
  await expect(page.locator('#ex-ch1-hand-cascade')).toBeInViewport();
});

test('embedded with ?embed=1, an exercise restores the host’s state and reports score and state over SPLICE', async ({ page, baseURL }) => {
  const saved = { exercise: 'ch1-loop-gain', params: { sensitivity: 50, impact: 0.01 }, answer: '0.4', attempts: 2, solved: false };
  await spliceHost(page, `${baseURL}/exercises/ch1-loop-gain/?embed=1`, { 'ch1-loop-gain': saved });
  const frame = page.frameLocator('#f');
  const ex = frame.locator('[data-exercise="ch1-loop-gain"]');
  // Minimal layout: no book header.
  await expect(frame.locator('.site-header')).toBeHidden();
  // Restored: the host's variant, answer and attempt count.
  await expect(ex.locator('.exercise-prompt [data-var="k"]')).toHaveText('50');
  await expect(ex.getByLabel('Loop gain g')).toHaveValue('0.4');
  await expect(ex.locator('.exercise-meta').last()).toContainText('Attempts: 2');
  await expect(ex.getByRole('button', { name: 'New numbers' })).toHaveCount(0);
  const right = loopGain.kind === 'numeric' ? loopGain.answer(saved.params) : 0;
  await ex.getByLabel('Loop gain g').fill(String(right));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
  await expect
    .poll(async () => page.evaluate(() => (window as unknown as { msgs: { subject: string }[] }).msgs.filter((m) => m.subject === 'SPLICE.reportScoreAndState').length))
    .toBeGreaterThan(0);
  const last = await page.evaluate(() => (window as unknown as { msgs: Record<string, any>[] }).msgs.filter((m) => m.subject === 'SPLICE.reportScoreAndState').pop()!);
  expect(last.score).toBe(1);
  expect(last.location).toBe('ch1-loop-gain');
  expect(last.state['ch1-loop-gain']).toMatchObject({ params: saved.params, answer: String(right), attempts: 3, solved: true });
  const subjects = await page.evaluate(() => (window as unknown as { msgs: { subject: string }[] }).msgs.map((m) => m.subject));
  expect(subjects).toContain('SPLICE.getState');
  expect(subjects).toContain('lti.frameResize');
});

test('the progress panel reports damaged data, exports, resets a chapter and imports', async ({ page }) => {
  await page.goto('/exercises/');
  await page.evaluate((key) => {
    localStorage.setItem(
      key,
      JSON.stringify({
        version: 1,
        exercises: {
          'ch1-loop-gain': { attempts: 2, correct: true, lastAnswer: '0.6', updated: '2026-01-02T00:00:00Z' },
          'ch1-stability': { attempts: 1, correct: false, lastAnswer: 'explodes', updated: '2026-01-03T00:00:00Z' },
          'ch1-total-move': { attempts: 'many' },
        },
      }),
    );
  }, PROGRESS_KEY);
  await page.reload();
  const panel = page.locator('.progress-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toContainText('1 saved record was damaged and set aside; the rest loaded.');
  await expect(panel).toContainText('Chapter 1: The leverage loop — 2 of 9 tried, 1 solved');
  // The damaged original is kept under a backup key.
  expect(await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:backup:`)).length, PROGRESS_KEY)).toBe(1);

  const [dl] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export progress' }).click()]);
  const exported = await readFile((await dl.path())!, 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'leverage-lab-progress', progress: { version: 2, exercises: { 'ch1-loop-gain': { attempts: 2, correct: true } } } });

  await panel.getByRole('button', { name: 'Reset Chapter 1 progress' }).click();
  await panel.getByRole('button', { name: 'Confirm: reset Chapter 1 progress' }).click();
  await expect(panel).toContainText('Chapter 1: The leverage loop — 0 of 9 tried, 0 solved');
  expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).exercises, PROGRESS_KEY)).toEqual({});

  await panel.getByLabel('Import progress…').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(panel.getByRole('status').last()).toContainText('Imported 2 exercise records and 0 assignments.');
  await expect(panel).toContainText('2 of 9 tried, 1 solved');
  await panel.getByLabel('Import progress…').setInputFiles({ name: 'cat.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
  await expect(panel.getByRole('status').last()).toContainText('not exported progress');

  // The chapter reads the imported progress.
  await page.goto('/chapters/leverage-loop/');
  const ex = page.locator('[data-exercise="ch1-loop-gain"]');
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.locator('.exercise-meta').last()).toContainText('Attempts: 2 · solved');
});

test('an exercise page works on a phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/exercises/ch1-leverage-parts/', '/instructor/builder/', '/instructor/grader/', '/instructor/key/', '/instructor/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('an embedded lab widget restores the host’s settings (validated) and reports each change over SPLICE', async ({ page, baseURL }) => {
  // One good value, one out of range: the good one is applied, the bad one explained and ignored.
  const saved = { sensitivity: 120, impact: 7 };
  await spliceHost(page, `${baseURL}/lab/multiplier/?embed=1`, { multiplier: saved });
  const frame = page.frameLocator('#f');
  const w = frame.locator('[data-widget="multiplier"]');
  await expect(frame.locator('.site-header')).toBeHidden();
  await expect(w.getByRole('textbox', { name: /^Forced flow per 1 % move.*exact value/ })).toHaveValue('120');
  await expect(w.locator('.widget-notes')).toContainText('Saved Price impact per $M');
  const reports = () => page.evaluate(() => (window as unknown as { msgs: Record<string, any>[] }).msgs.filter((m) => m.subject === 'SPLICE.reportScoreAndState'));
  await expect.poll(async () => (await reports()).at(-1)?.state?.multiplier?.sensitivity).toBe(120);
  // A reader's change is reported, with score 0 (a widget is not graded).
  await w.getByRole('textbox', { name: /^Forced flow per 1 % move.*exact value/ }).fill('80');
  await w.getByRole('textbox', { name: /^Forced flow per 1 % move.*exact value/ }).press('Enter');
  await expect.poll(async () => (await reports()).at(-1)?.state?.multiplier?.sensitivity).toBe(80);
  const last = (await reports()).at(-1)!;
  expect(last.location).toBe('multiplier');
  expect(last.score).toBe(0);
  expect(last.state.multiplier.impact).toBe(0.012);
});

test('a chapter ends with its own progress panel, which counts only that chapter’s exercises', async ({ page }) => {
  await page.goto('/chapters/liquidation-cascades/');
  const panel = page.locator('.chapter-progress .progress-panel');
  await panel.scrollIntoViewIfNeeded(); // it hydrates when seen
  await expect(panel.getByRole('heading', { name: 'Your progress' })).toBeVisible();
  await expect(panel.locator('.progress-list li')).toHaveCount(1);
  await expect(panel.locator('.progress-list li')).toContainText(/Chapter 3: .* 0 of 7 tried, 0 solved/);
  // One wrong try in this chapter is counted here.
  const ex = page.locator('[data-exercise="ch3-liq-price"]');
  await ex.scrollIntoViewIfNeeded();
  await ex.getByLabel('Liquidation price').fill('1');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toContainText(/Not quite|too low/);
  await page.reload();
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('.progress-list li')).toContainText('1 of 7 tried, 0 solved');
});
