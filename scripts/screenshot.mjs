// Take screenshots of built pages in headless Chromium (for people checking the site by eye).
// Usage: node scripts/screenshot.mjs <baseUrl> <outDir> <path...>  (env: WIDTHS=390,1280 THEMES=light,dark)
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const [base = 'http://localhost:4321', out = '/tmp/shots', ...paths] = process.argv.slice(2);
const widths = (process.env.WIDTHS ?? '390,1280').split(',').map(Number);
const themes = (process.env.THEMES ?? 'light,dark').split(',');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const path of paths.length ? paths : ['/']) {
  for (const width of widths) {
    for (const theme of themes) {
      const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: theme });
      const errors = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(base + path, { waitUntil: 'networkidle' });
      if (process.env.FULL) await page.evaluate(async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 80)); } window.scrollTo(0, 0); });
      await page.waitForTimeout(400);
      const name = `${out}/${path.replace(/\//g, '_') || 'home'}-${width}-${theme}.png`;
      await page.screenshot({ path: name, fullPage: !!process.env.FULL });
      console.log(name, errors.length ? `errors: ${errors.join(' | ')}` : 'ok');
      await page.close();
    }
  }
}
await browser.close();
