// Lighthouse (mobile, the default form factor) on the built site served by `astro preview`.
// Usage: node scripts/lighthouse.mjs [baseUrl] [path...]   (CHROME_PATH defaults to /usr/bin/chromium)
// Reports performance, accessibility, best practices and SEO scores per page; exits 1 below the thresholds.
// LH_RUNS=5 runs each page five times and judges the median run (by performance), as Lighthouse's
// own guidance on variability recommends: single runs on this shared 2-core machine vary by several points.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
// Default: the home page and every chapter page (the budget is per chapter).
const chapters = existsSync('dist/chapters') ? readdirSync('dist/chapters').sort().map((c) => `/chapters/${c}/`) : ['/chapters/leverage-loop/'];
const targets = paths.length ? paths : ['/', ...chapters];
const min = { performance: 95, accessibility: 100 };
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'lh-'));
let failed = false;
const runs = Math.max(1, Math.min(15, Number.parseInt(process.env.LH_RUNS ?? '1', 10) || 1));
function lighthouse(path, k) {
  const file = join(out, `${path.replace(/\W+/g, '_') || 'home'}-${k}.json`);
  execFileSync('lighthouse', [
    base + path,
    '--quiet',
    '--output=json',
    `--output-path=${file}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`,
  ], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } });
  return JSON.parse(readFileSync(file, 'utf8'));
}
for (const path of targets) {
  const all = Array.from({ length: runs }, (_, k) => lighthouse(path, k));
  const perf = (r) => r.categories.performance?.score ?? 0;
  const r = [...all].sort((a, b) => perf(a) - perf(b))[Math.floor((runs - 1) / 2)];
  const score = (k) => Math.round((r.categories[k]?.score ?? 0) * 100);
  const s = { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') };
  const audits = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((a) => `${a} ${r.audits[a]?.displayValue ?? '?'}`);
  // Lighthouse's CPU benchmark of this machine during each run: on a shared VM it swings by almost 2×, and
  // performance follows it (simulated throttling multiplies the observed main-thread work by 4).
  const bench = (x) => Math.round(x.environment?.benchmarkIndex ?? 0);
  const spread = runs > 1
    ? ` (median of ${runs}: ${all.map((x) => `${Math.round(perf(x) * 100)} @${bench(x)}`).join(', ')}; @ = CPU benchmark index)`
    : ` (CPU benchmark index ${bench(r)})`;
  console.log(`${path}: ${JSON.stringify(s)}${spread} | ${audits.join(', ')}`);
  for (const [k, v] of Object.entries(min)) if (s[k] < v) failed = true;
  // Accessibility does not depend on the host's speed: every run must reach it, not only the median.
  const worstA11y = Math.min(...all.map((x) => Math.round((x.categories.accessibility?.score ?? 0) * 100)));
  if (worstA11y < min.accessibility) {
    failed = true;
    console.log(`   accessibility: ${worstA11y} in at least one of the ${runs} runs`);
  }
  for (const cat of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of r.categories[cat].auditRefs) {
      const a = r.audits[ref.id];
      if (a && a.score !== null && a.score < 1 && ref.weight > 0) console.log(`   ${cat}: ${a.id}: ${a.title}`);
    }
  }
}
server?.kill();
process.exit(failed ? 1 : 0);
