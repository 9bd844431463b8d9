// Screenshot one element of a page: node scripts/shot-element.mjs <url> <css selector> <out.png> [light|dark] [width]
import { chromium } from '@playwright/test';
const [url, sel, out, theme='light', width='1280'] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: +width, height: 900 }, colorScheme: theme });
const errs=[]; p.on('console', m => m.type()==='error' && errs.push(m.text())); p.on('pageerror', e=>errs.push(String(e)));
await p.goto(url, { waitUntil: 'networkidle' });
const el = p.locator(sel).first();
await el.scrollIntoViewIfNeeded(); await p.waitForTimeout(800);
await el.screenshot({ path: out });
console.log(out, errs.join(' | ') || 'ok');
await b.close();
