/**
 * The whole instructor ↔ student flow in the browser: build an assignment, open it
 * as two students (each sees the numbers Node computes for them), work it under the
 * assignment's rules, download submission files, grade them with a tampered and a
 * foreign file among them, download the gradebook CSV, and make the answer key.
 */
import { test, expect, type Page, type Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { decodeAssignment, assignmentVariant, type Assignment } from '../../src/lib/assignment';
import { buildSubmission, submissionChecksum, type Submission } from '../../src/lib/assignment-submission';
import { exercises as ch1, loopGain, stability, leverageParts, tuneMultiplier } from '../../content/exercises/leverage-loop';

const known = (id: string) => ch1.some((e) => e.id === id);
const PICK = [loopGain, stability, leverageParts, tuneMultiplier];

async function text(d: Download): Promise<string> {
  return readFile((await d.path())!, 'utf8');
}

async function signIn(page: Page, link: string, name: string, id: string) {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Week 1 homework');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Student id').fill(id);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('button', { name: 'Download submission file' })).toBeVisible();
}

function item(page: Page, id: string) {
  return page.locator(`.assignment-item[data-item="${id}"] [data-exercise="${id}"]`);
}

async function ready(page: Page, id: string) {
  const ex = item(page, id);
  await ex.scrollIntoViewIfNeeded();
  await expect(ex.getByRole('button', { name: /^Check/ })).toBeEnabled();
  return ex;
}

test('build → two students → submit → grade (with a tampered and a foreign file) → CSV, and the answer key', async ({ browser }) => {
  test.setTimeout(120_000);
  // --- The instructor builds the assignment.
  const instructor = await browser.newPage();
  await instructor.goto('/instructor/builder/');
  await expect(instructor.getByRole('button', { name: 'Create link' })).toBeEnabled();
  for (const ex of PICK) await instructor.getByLabel(ex.title, { exact: true }).check();
  await instructor.getByLabel('Title').fill('Week 1 homework');
  await instructor.getByLabel('Due date').fill('2099-01-15');
  await instructor.getByLabel('Attempts allowed').fill('3');
  await instructor.getByLabel('Solutions show').selectOption('after-attempt');
  await instructor.getByRole('button', { name: 'Create link' }).click();
  const link = await instructor.locator('input.assignment-link').inputValue();
  expect(link).toMatch(/\/assignment\/\?a=a1\.[A-Za-z0-9_-]+$/);
  const decoded = decodeAssignment(link, known);
  expect(decoded.ok).toBe(true);
  const A = (decoded as { ok: true; value: Assignment }).value;
  expect(A).toMatchObject({ title: 'Week 1 homework', exercises: PICK.map((e) => e.id), variants: true, attempts: 3, solutions: 'after-attempt' });
  expect(new Date(A.due!).getFullYear()).toBe(2099);
  await expect(instructor.locator('.sheet')).toContainText('Exercise 1.9: A leveraged fund, step by step');

  // --- Student 1: answers mostly right.
  const ctx1 = await browser.newContext();
  const s1 = await ctx1.newPage();
  await signIn(s1, link, 'Ada Lovelace', 's1001');
  await expect(s1.locator('.assignment-item:not([hidden])')).toHaveCount(4);
  await expect(s1.locator('[data-qlabel]').filter({ hasText: 'Question 1 of 4' })).toBeVisible();
  // The prompt shows exactly the numbers Node draws for this student (browser = Node).
  const v1 = assignmentVariant(A, 's1001', loopGain).params;
  const vars1 = loopGain.vars(v1);
  const lg = await ready(s1, loopGain.id);
  await expect(lg.locator('.exercise-prompt [data-var="k"]')).toHaveText(vars1.k!);
  await expect(lg.locator('.exercise-prompt [data-var="lambda"]')).toHaveText(vars1.lambda!);
  // Practice controls are gone, the solution waits for an attempt.
  await expect(lg.getByRole('button', { name: 'New numbers' })).toHaveCount(0);
  await expect(lg.locator('details.solution')).toBeHidden();
  await expect(lg).toContainText('The worked solution opens after your first attempt.');
  await lg.getByLabel('Loop gain g').fill(String(loopGain.kind === 'numeric' ? loopGain.answer(v1) : 0));
  await lg.getByRole('button', { name: 'Check' }).click();
  await expect(lg.locator('.feedback')).toHaveText('Correct.');
  await expect(lg.locator('details.solution')).toBeVisible();
  await expect(lg).toContainText('Attempts: 1 of 3 · solved');
  await expect(lg.getByRole('button', { name: 'Check' })).toBeDisabled();

  const st = await ready(s1, stability.id);
  const right = stability.kind === 'choice' ? stability.answer(assignmentVariant(A, 's1001', stability).params) : '';
  const wrong = right === 'converges' ? 'explodes' : 'converges';
  await st.locator(`input[value="${wrong}"]`).check();
  await st.getByRole('button', { name: 'Check' }).click();
  await expect(st.locator('.feedback')).toContainText('Not quite');
  await st.locator(`input[value="${right}"]`).check();
  await st.getByRole('button', { name: 'Check' }).click();
  await expect(st.locator('.feedback')).toHaveText('Correct.');

  const lp = await ready(s1, leverageParts.id);
  const pv = assignmentVariant(A, 's1001', leverageParts).params;
  const parts = leverageParts.kind === 'multi' ? leverageParts.parts.map((p) => p.answer(pv)) : [];
  await lp.getByLabel('(a) Forced sales per 1 % fall').fill(parts[0]!.toFixed(2));
  await lp.getByLabel('(b) Loop gain g').fill(parts[1]!.toFixed(4));
  await lp.getByLabel('(c) Critical leverage L*').fill((parts[2]! * 2).toFixed(2));
  await lp.getByRole('button', { name: 'Check' }).click();
  await expect(lp.locator('.feedback')).toContainText('2 of 3 parts right');
  await expect(lp.locator('.part-mark').nth(2)).toHaveText('wrong (too high)');

  // The experiment opens on its own page in a frame (with its widget), in assignment mode.
  const tv = assignmentVariant(A, 's1001', tuneMultiplier).params;
  const frameEl = s1.locator(`.assignment-item[data-item="${tuneMultiplier.id}"] iframe`);
  await frameEl.scrollIntoViewIfNeeded();
  const fr = s1.frameLocator(`.assignment-item[data-item="${tuneMultiplier.id}"] iframe`);
  const w = fr.locator('[data-widget="multiplier"]#widget-multiplier-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const tm = fr.locator(`[data-exercise="${tuneMultiplier.id}"]`);
  await tm.scrollIntoViewIfNeeded();
  await expect(tm.getByRole('button', { name: 'Check my widget' })).toBeEnabled();
  await expect(tm.locator('.exercise-prompt [data-var="target"]')).toHaveText(tuneMultiplier.vars(tv).target!);
  const k = Math.round((1 - 0.02 / tv.targetMove!) / 0.01);
  const exact = w.getByLabel(/Forced flow per 1 % move, exact value/);
  await exact.fill(String(k));
  await exact.press('Enter');
  await tm.scrollIntoViewIfNeeded();
  await expect(tm.getByRole('button', { name: 'Check my widget' })).toBeEnabled();
  await expect(tm).toContainText('Attempts: 0 of 3');
  await tm.getByRole('button', { name: 'Check my widget' }).click();
  await expect(tm.locator('.feedback')).toContainText('Done');
  await expect(tm).toContainText('Attempts: 1 of 3 · solved');
  // The frame grew to its content (lti.frameResize).
  await expect.poll(async () => (await frameEl.boundingBox())?.height ?? 0).toBeGreaterThan(700);
  await expect(s1.getByRole('status').filter({ hasText: 'answered' })).toHaveText('4 of 4 answered, 3 solved');

  // Work survives a reload (saved per assignment).
  await s1.reload();
  await s1.getByRole('button', { name: 'Continue' }).click();
  await expect(s1.getByRole('status').filter({ hasText: 'answered' })).toHaveText('4 of 4 answered, 3 solved');
  const [d1] = await Promise.all([s1.waitForEvent('download'), s1.getByRole('button', { name: 'Download submission file' }).click()]);
  expect(d1.suggestedFilename()).toBe('week-1-homework-s1001.json');
  const file1 = await text(d1);
  const sub1 = JSON.parse(file1) as Submission;
  expect(sub1.answers[stability.id]).toMatchObject({ answer: right, attempts: 2 });
  expect(JSON.stringify(sub1)).not.toMatch(/"(correct|solved)"/);

  // --- Student 2: other numbers; runs out of attempts.
  const ctx2 = await browser.newContext();
  const s2 = await ctx2.newPage();
  await signIn(s2, link, 'Alan Turing', 's1002');
  const v2 = assignmentVariant(A, 's1002', loopGain).params;
  const lg2 = await ready(s2, loopGain.id);
  await expect(lg2.locator('.exercise-prompt [data-var="k"]')).toHaveText(loopGain.vars(v2).k!);
  for (let i = 0; i < 3; i++) {
    await lg2.getByLabel('Loop gain g').fill(String(9 + i));
    await lg2.getByRole('button', { name: 'Check' }).click();
    await expect(lg2).toContainText(`Attempts: ${i + 1} of 3`);
  }
  await expect(lg2).toContainText('no attempts left');
  await expect(lg2.getByRole('button', { name: 'Check' })).toBeDisabled();
  const [d2] = await Promise.all([s2.waitForEvent('download'), s2.getByRole('button', { name: 'Download submission file' }).click()]);
  const file2 = await text(d2);

  // --- A tampered file (numbers changed, checksum recomputed) and one for another assignment.
  const t = JSON.parse(file1) as Submission;
  t.student = { name: 'Mallory', id: 's1003' };
  t.checksum = submissionChecksum(t);
  const other: Assignment = { ...A, id: 'OtherAsgn77', title: 'Another course' };
  const foreign = buildSubmission(other, { name: 'Eve', id: 's1004' }, {});

  // --- The instructor grades.
  await instructor.goto(`/instructor/grader/?a=${encodeURIComponent(link.split('a=')[1]!)}`);
  await expect(instructor.getByLabel('Assignment link')).toHaveValue(link);
  await expect(instructor.getByLabel('Submission files')).toBeEnabled();
  await instructor.getByLabel('Submission files').setInputFiles([
    { name: 'ada.json', mimeType: 'application/json', buffer: Buffer.from(file1) },
    { name: 'alan.json', mimeType: 'application/json', buffer: Buffer.from(file2) },
    { name: 'mallory.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(t)) },
    { name: 'eve.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) },
    { name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') },
  ]);
  await expect(instructor.getByRole('status').filter({ hasText: 'graded' })).toContainText('2 students graded, 3 files not graded');
  await expect(instructor.locator('progress')).toHaveJSProperty('value', 5);
  const problems = instructor.locator('.problems li');
  await expect(problems.filter({ hasText: 'mallory.json' })).toContainText('not the ones drawn for student s1003');
  await expect(problems.filter({ hasText: 'eve.json' })).toContainText('another assignment (“Another course”');
  await expect(problems.filter({ hasText: 'photo.json' })).toContainText('not valid JSON');
  const adaRow = instructor.locator('table.gradebook tbody tr').filter({ hasText: 's1001' });
  await expect(adaRow.locator('td.num')).toHaveText(['1', '1', '0.67', '1', '3.67 / 4', '92']);
  const alanRow = instructor.locator('table.gradebook tbody tr').filter({ hasText: 's1002' });
  await expect(alanRow.locator('td.num')).toHaveText(['0', '–', '–', '–', '0 / 4', '0']);
  const [csv] = await Promise.all([instructor.waitForEvent('download'), instructor.getByRole('button', { name: 'Download gradebook CSV' }).click()]);
  const lines = (await text(csv)).trim().split('\r\n');
  expect(lines[0]).toBe(`Student,SIS User ID,Q1 ch1-loop-gain,Q2 ch1-stability,Q3 ch1-leverage-parts,Q4 ch1-tune-multiplier,Week 1 homework (total),Possible,Percent,Late,Last attempt,File,Notes`);
  expect(lines[1]).toMatch(/^Ada Lovelace,s1001,1,1,0\.6667,1,3\.6667,4,91\.7,no,\d{4}-.*,ada\.json,$/);
  expect(lines[2]).toMatch(/^Alan Turing,s1002,0,0,0,0,0,4,0,no,.*,alan\.json,$/);

  // --- The answer key for the roster matches Node.
  await instructor.goto(`/instructor/key/?a=${link.split('a=')[1]}`);
  await instructor.getByLabel('Roster', { exact: true }).fill('Ada Lovelace, s1001\nAlan Turing, s1002');
  await instructor.getByRole('button', { name: 'Make the answer key' }).click();
  await expect(instructor.getByRole('status').filter({ hasText: 'answers' })).toContainText('2 students × 4 exercises = 8 answers');
  const [key] = await Promise.all([instructor.waitForEvent('download'), instructor.getByRole('button', { name: 'Download CSV' }).click()]);
  const keyLines = (await text(key)).trim().split('\r\n');
  expect(keyLines).toHaveLength(9);
  const alanGain = keyLines.find((l) => l.startsWith('Alan Turing,s1002,1,ch1-loop-gain'))!;
  expect(Number(alanGain.split(',').pop())).toBeCloseTo(loopGain.kind === 'numeric' ? loopGain.answer(v2) : NaN, 6);
  await ctx1.close();
  await ctx2.close();
});

test('a damaged or foreign assignment link explains itself', async ({ page }) => {
  await page.goto('/assignment/?a=a1.eyJpIjoi');
  await expect(page.getByRole('alert')).toContainText('damaged');
  await page.goto('/assignment/');
  await expect(page.getByRole('alert')).toContainText('There is no assignment in this link.');
  const bad = Buffer.from(JSON.stringify({ i: 'abcdefgh', t: 'X', d: null, e: ['ch1-loop-gain', 'ch9-gone'], r: 1, a: 0, s: 3 })).toString('base64url');
  await page.goto(`/assignment/?a=a1.${bad}`);
  await expect(page.getByRole('alert')).toContainText('Unknown exercise id: ch9-gone');
});

test('the builder refuses an incomplete assignment, and reopens a link for editing with the same id', async ({ page }) => {
  await page.goto('/instructor/builder/');
  await expect(page.getByRole('button', { name: 'Create link' })).toBeEnabled();
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByRole('alert')).toContainText('The title must be');
  await expect(page.getByRole('alert')).toContainText('no exercises');
  await page.getByLabel('Kind').selectOption('multi');
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await page.getByLabel(leverageParts.title, { exact: true }).check();
  await page.getByLabel('Title').fill('Parts only');
  await page.getByLabel('Solutions show').selectOption('always');
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.locator('input.assignment-link').inputValue();
  const a = (decodeAssignment(link) as { ok: true; value: Assignment }).value;
  await page.getByRole('link', { name: 'Link to edit later' }).click();
  await expect(page.getByText('Editing an existing assignment')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Parts only');
  await page.getByRole('button', { name: 'Create link' }).click();
  const again = (decodeAssignment(await page.locator('input.assignment-link').inputValue()) as { ok: true; value: Assignment }).value;
  expect(again).toEqual(a);
});

test('an assignment can use any chapter’s exercises, including an experiment whose widget lives in its fragment', async ({ page }) => {
  const { encodeAssignment } = await import('../../src/lib/assignment');
  const { liqPrice } = await import('../../content/exercises/liquidation-cascades');
  const { leverageCap } = await import('../../content/exercises/contagion');
  const A: Assignment = { v: 1, id: 'LaterChap1', title: 'Week 1 homework', due: null, exercises: [liqPrice.id, leverageCap.id], variants: true, attempts: 0, solutions: 'always' };
  await signIn(page, `/assignment/?a=${encodeAssignment(A)}`, 'Grace Hopper', 's2002');
  await expect(page.locator('.assignment-item:not([hidden])')).toHaveCount(2);
  // A numeric exercise from Chapter 3, with this student's numbers, checked and saved.
  const p = assignmentVariant(A, 's2002', liqPrice).params;
  const ex = await ready(page, liqPrice.id);
  await expect(ex.locator('.exercise-prompt [data-var="P0"]').first()).toHaveText(liqPrice.vars(p).P0!);
  await ex.getByLabel('Liquidation price').fill(String(liqPrice.kind === 'numeric' ? liqPrice.answer(p) : 0));
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(ex.locator('.feedback')).toHaveText('Correct.');
  // Chapter 5's experiment opens in a frame with its own widget, in assignment mode, with this student's numbers.
  const fr = page.frameLocator(`.assignment-item[data-item="${leverageCap.id}"] iframe`);
  const w = fr.locator('[data-widget="cross-margin"]#widget-cross-margin-experiment');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-hydrated', 'true');
  const tm = fr.locator(`[data-exercise="${leverageCap.id}"]`);
  await tm.scrollIntoViewIfNeeded(); // its answer box hydrates when seen
  await expect(tm.locator('.exercise-prompt [data-var="shock"]').first()).toHaveText(leverageCap.vars(assignmentVariant(A, 's2002', leverageCap).params).shock!);
  await expect(tm.getByRole('button', { name: 'Check my widget' })).toBeEnabled();
  await tm.getByRole('button', { name: 'Check my widget' }).click();
  await expect(tm.locator('.feedback')).not.toBeEmpty();
  // The submission file holds both answers.
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download submission file' }).click()]);
  const sub = JSON.parse(await text(d)) as Submission;
  expect(Object.keys(sub.answers).sort()).toEqual([liqPrice.id, leverageCap.id].sort());
  expect(sub.answers[liqPrice.id]).toMatchObject({ attempts: 1, params: p });
});
