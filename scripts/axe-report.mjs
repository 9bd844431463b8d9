// axe-core report for one page: node scripts/axe-report.mjs <url> [light|dark]
import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ colorScheme: process.argv[3] ?? 'light' }); const p = await ctx.newPage();
await p.goto(process.argv[2], { waitUntil: 'networkidle' });
const r = await new AxeBuilder({ page: p }).withTags(['wcag2a','wcag2aa','wcag21a','wcag21aa']).analyze();
for (const v of r.violations) { console.log(v.id, v.help); for (const n of v.nodes.slice(0,4)) console.log('  ', n.target.join(' '), n.failureSummary?.slice(0,300), n.html.slice(0,200)); }
await b.close();
