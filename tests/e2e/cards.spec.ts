/** Glossary and citation cards: hover, focus, Escape, and tap-then-follow on touch screens. */
import { test, expect } from '@playwright/test';

const CH1 = '/chapters/leverage-loop/';

test('a glossary term shows its card on hover and on focus, and Escape hides it', async ({ page }) => {
  await page.goto(CH1);
  const term = page.locator('a.term[data-term="leverage"]').first();
  const card = page.locator(`#${await term.getAttribute('aria-describedby')}`);
  await expect(card).toBeHidden();
  await term.hover();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Leverage:');
  await page.mouse.move(0, 0);
  await expect(card).toBeHidden();
  await term.focus();
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(term).toBeFocused();
  // The card's text is the link's accessible description.
  await expect(term).toHaveAccessibleDescription(/Leverage: Holding positions larger than your own capital/);
});

test('a citation shows the full reference and links to the bibliography', async ({ page }) => {
  await page.goto(CH1);
  const cite = page.locator('cite[data-cite="adrian-shin-2010"] a').first();
  await cite.hover();
  const card = page.locator(`#${await cite.getAttribute('aria-describedby')}`);
  await expect(card).toContainText('Journal of Financial Intermediation');
  await cite.click();
  await expect(page).toHaveURL(/\/bibliography\/#adrian-shin-2010$/);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });
  test('the first tap shows the card, the second follows the link', async ({ page }) => {
    await page.goto(CH1);
    const term = page.locator('a.term[data-term="margin-requirements"]').first();
    await term.scrollIntoViewIfNeeded();
    const card = page.locator(`#${await term.getAttribute('aria-describedby')}`);
    await term.tap();
    await expect(card).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${CH1}$`));
    await term.tap();
    await expect(page).toHaveURL(/\/glossary\/#margin-requirements$/);
  });
});
