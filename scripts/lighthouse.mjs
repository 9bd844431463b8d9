// Lighthouse (mobile, the default form factor) on the built site served by `astro preview`.
// Usage: node scripts/lighthouse.mjs [baseUrl] [path...]   (CHROME_PATH defaults to /usr/bin/chromium)
// Reports performance, accessibility, best practices and SEO scores per page; exits 1 below the thresholds.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Without a base URL, serve dist/ with `astro preview` on a spare port for the run.
let [base, ...paths] = process.argv.slice(2);
let server = null;
if (!base) {
  base = 'http://localhost:4339';
  server = spawn('astro', ['preview', '--port', '4339'], { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  for (let i = 0; i < 60; i++) {
    try { await fetch(base + '/'); break; } catch { await new Promise((r) => setTimeout(r, 500)); }
  }
}
const targets = paths.length ? paths : ['/', '/chapters/leverage-loop/'];
const min = { performance: 95, accessibility: 100 };
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'lh-'));
let failed = false;
for (const path of targets) {
  const file = join(out, `${path.replace(/\W+/g, '_') || 'home'}.json`);
  execFileSync('lighthouse', [
    base + path,
    '--quiet',
    '--output=json',
    `--output-path=${file}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`,
  ], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } });
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const score = (k) => Math.round((r.categories[k]?.score ?? 0) * 100);
  const s = { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') };
  const audits = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((a) => `${a} ${r.audits[a]?.displayValue ?? '?'}`);
  console.log(`${path}: ${JSON.stringify(s)} | ${audits.join(', ')}`);
  for (const [k, v] of Object.entries(min)) if (s[k] < v) failed = true;
  for (const cat of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of r.categories[cat].auditRefs) {
      const a = r.audits[ref.id];
      if (a && a.score !== null && a.score < 1 && ref.weight > 0) console.log(`   ${cat}: ${a.id}: ${a.title}`);
    }
  }
}
server?.kill();
process.exit(failed ? 1 : 0);
