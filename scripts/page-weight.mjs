// Page weight report: for every built page, the gzipped JavaScript it loads at start
// (scripts, module preloads, island components and their static imports), the
// JavaScript loaded lazily on first interaction (dynamic imports such as Plot), and CSS.
// `--check` fails when a page exceeds the budgets (deterministic bytes, so it runs in npm test).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const BUDGET_JS_INITIAL = 120 * 1024;
// The budget (120 KB gz per page) is enforced on the JavaScript a page loads to show and run
// itself. Plot (~88 KB gz) and other lazy chunks load only when a reader first changes a
// figure; that total is reported, and enforced only when BUDGET_JS_TOTAL is set.
const BUDGET_JS_TOTAL = process.env.BUDGET_JS_TOTAL ? Number(process.env.BUDGET_JS_TOTAL) : null;
const BUDGET_CSS = 40 * 1024;
const check = process.argv.includes('--check');
const json = process.argv.includes('--json');

if (!existsSync(DIST)) {
  console.error('page-weight: no dist/ folder; run `npm run build` first');
  process.exit(1);
}

const gz = new Map();
function gzSize(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gz.get(file);
}

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '_astro' && name !== 'pagefind') out.push(...pages(p));
    } else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

function toFile(url, from) {
  if (!url || /^(https?:)?\/\//.test(url) || url.startsWith('data:')) return null;
  const clean = url.split(/[?#]/)[0];
  return clean.startsWith('/') ? join(DIST, clean) : resolve(dirname(from), clean);
}

/** Static and dynamic imports of an ES module file. */
function importsOf(file) {
  const src = readFileSync(file, 'utf8');
  const stat = [...src.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => m[1]);
  const dyn = [...src.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  return { stat: stat.map((u) => resolve(dirname(file), u)), dyn: dyn.map((u) => resolve(dirname(file), u)) };
}

function closure(entries) {
  const seen = new Set();
  const lazy = new Set();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop();
    if (!f || seen.has(f) || !existsSync(f)) continue;
    seen.add(f);
    const { stat, dyn } = importsOf(f);
    stack.push(...stat);
    for (const d of dyn) lazy.add(d);
  }
  return { seen, lazy };
}

const rows = [];
for (const page of pages(DIST)) {
  const html = readFileSync(page, 'utf8');
  const entries = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) entries.add(toFile(m[1], page));
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) entries.add(toFile(m[1], page));
  for (const m of html.matchAll(/(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)) entries.add(toFile(m[1], page));
  entries.delete(null);
  const initial = closure([...entries]);
  const lazyEntries = [...initial.lazy].filter((f) => !initial.seen.has(f));
  const lazy = closure(lazyEntries);
  const lazyOnly = [...lazy.seen].filter((f) => !initial.seen.has(f));
  let inline = 0;
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) inline += gzipSync(m[1]).length;
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => toFile(m[1], page)).filter(Boolean);
  let inlineCss = 0;
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) inlineCss += gzipSync(m[1]).length;
  const jsInitial = [...initial.seen].reduce((a, f) => a + gzSize(f), 0) + inline;
  const jsLazy = lazyOnly.reduce((a, f) => a + gzSize(f), 0);
  const cssBytes = css.reduce((a, f) => a + (existsSync(f) ? gzSize(f) : 0), 0) + inlineCss;
  rows.push({ page: '/' + page.slice(DIST.length + 1).replace(/index\.html$/, ''), jsInitial, jsLazy, jsTotal: jsInitial + jsLazy, css: cssBytes, html: gzipSync(html).length });
}
rows.sort((a, b) => a.page.localeCompare(b.page));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (json) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('Page weight (gzipped). JS at load = scripts, preloads, islands and their static imports; lazy = loaded on first interaction.');
  console.log(['page'.padEnd(34), 'JS at load', 'JS lazy', 'JS total', 'CSS', 'HTML'].join('  '));
  for (const r of rows) console.log([r.page.padEnd(34), kb(r.jsInitial).padStart(10), kb(r.jsLazy).padStart(7), kb(r.jsTotal).padStart(8), kb(r.css).padStart(7), kb(r.html).padStart(8)].join('  '));
}

if (check) {
  const over = rows.flatMap((r) => [
    ...(r.jsInitial > BUDGET_JS_INITIAL ? [`${r.page}: JS at load ${kb(r.jsInitial)} > ${kb(BUDGET_JS_INITIAL)}`] : []),
    ...(BUDGET_JS_TOTAL && r.jsTotal > BUDGET_JS_TOTAL ? [`${r.page}: JS total ${kb(r.jsTotal)} > ${kb(BUDGET_JS_TOTAL)}`] : []),
    ...(r.css > BUDGET_CSS ? [`${r.page}: CSS ${kb(r.css)} > ${kb(BUDGET_CSS)}`] : []),
  ]);
  if (over.length) {
    console.error('Budget exceeded:\n' + over.join('\n'));
    process.exit(1);
  }
  console.log(`Budgets met: JS at load ≤ ${kb(BUDGET_JS_INITIAL)} and CSS ≤ ${kb(BUDGET_CSS)} on all ${rows.length} pages.`);
}
