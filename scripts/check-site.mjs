// Site checks on the built site (dist/): no broken internal link or anchor, no orphan
// page, every image has alt text, no unrendered TeX, no "NaN" or "undefined" shown to readers,
// every inline <style> and <script> allowed by the page's CSP hashes.
// Runs in `npm test` after the build. Exit 1 lists every problem.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const DIST = process.env.SITE_DIST ?? 'dist';
const problems = [];

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!['_astro', 'pagefind', 'pdf'].includes(name)) out.push(...htmlFiles(p));
    } else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

/** URL path of a built file: dist/a/b/index.html → /a/b/ */
function urlOf(file) {
  const rel = file.slice(DIST.length).split('\\').join('/');
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

function fileFor(path) {
  const clean = decodeURIComponent(path.split(/[?#]/)[0]);
  const candidates = [join(DIST, clean), join(DIST, clean, 'index.html'), join(DIST, `${clean}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const pages = htmlFiles(DIST);
const ids = new Map();
const html = new Map();
for (const f of pages) {
  const text = readFileSync(f, 'utf8');
  html.set(f, text);
  ids.set(f, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
}

const linkedFrom = new Map(pages.map((f) => [f, 0]));
for (const [file, text] of html) {
  const url = urlOf(file);
  // Links and anchors
  for (const m of text.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (/^(https?:|mailto:|data:)/.test(href)) continue;
    const [pathPart, hash] = href.split('#');
    const target = pathPart === '' ? file : fileFor(pathPart.startsWith('/') ? pathPart : new URL(pathPart, `http://x${url}`).pathname);
    if (!target) {
      problems.push(`${url}: broken link ${href}`);
      continue;
    }
    if (target !== file) linkedFrom.set(target, (linkedFrom.get(target) ?? 0) + 1);
    if (hash && target.endsWith('.html') && !ids.get(target)?.has(decodeURIComponent(hash))) problems.push(`${url}: link ${href} points to a missing anchor`);
  }
  // Assets referenced by src/href must exist
  for (const m of text.matchAll(/\s(?:src|href)="(\/[^"#?]+)"/g)) {
    if (!fileFor(m[1])) problems.push(`${url}: missing file ${m[1]}`);
  }
  // Images need alt text
  for (const m of text.matchAll(/<img\b[^>]*>/g)) if (!/\salt="/.test(m[0])) problems.push(`${url}: <img> without alt: ${m[0].slice(0, 80)}`);
  // Inline styles and scripts must be allowed by the page's CSP (a browser would block them).
  // (A <meta> policy governs what comes after it; the theme script before it runs first on purpose.)
  const cspMeta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(text);
  const csp = cspMeta?.[1] ?? '';
  const hashes = new Set([...csp.matchAll(/sha256-[A-Za-z0-9+/=]+/g)].map((m) => m[0]));
  for (const m of text.matchAll(/<(style|script)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    if (m[1] === 'script' && (/\ssrc=/.test(m[2]) || /type="application\/(ld\+)?json"/.test(m[2]))) continue;
    if ((m[3] === '' && m[1] === 'script') || (cspMeta && m.index < cspMeta.index)) continue;
    const h = `sha256-${createHash('sha256').update(m[3]).digest('base64')}`;
    if (csp && !hashes.has(h)) problems.push(`${url}: inline <${m[1]}> not in the CSP hashes (the browser blocks it): ${m[3].slice(0, 60).replace(/\s+/g, ' ')}`);
  }
  // Reader-visible text: strip scripts, styles, MathML annotations and attributes
  const visible = text
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<annotation[\s\S]*?<\/annotation>/g, '')
    .replace(/<[^>]+>/g, ' ');
  if (/\$\$|\\frac|\\lambda|\\sum\b|\\sigma/.test(visible)) problems.push(`${url}: unrendered TeX in the text`);
  const bad = visible.match(/[^\w](NaN|undefined)[^\w]/);
  if (bad) problems.push(`${url}: "${bad[1]}" shown to readers`);
}

// Every widget shown anywhere has its standalone lab page.
const labPages = new Set(pages.map(urlOf).filter((u) => u.startsWith('/lab/')));
for (const [file, text] of html) {
  for (const m of text.matchAll(/data-widget="([^"]+)"/g)) {
    if (labPages.size > 0 && !labPages.has(`/lab/${m[1]}/`)) problems.push(`${urlOf(file)}: widget "${m[1]}" has no /lab/${m[1]}/ page (add it to src/lib/widget-catalog.ts and src/pages/lab/[widget].astro)`);
  }
}

// Orphans: every page except the home page and 404 must be linked from another page.
for (const [file, n] of linkedFrom) {
  const url = urlOf(file);
  if (url === '/' || url === '/404.html') continue;
  if (n === 0) problems.push(`${url}: orphan page (no page links to it)`);
}

// Works in the bibliography that no page cites (reported, not an error: further reading).
const bib = [...pages].find((f) => urlOf(f) === '/bibliography/');
if (bib) {
  const cited = new Set();
  for (const text of html.values()) for (const m of text.matchAll(/data-cite="([^"]+)"/g)) cited.add(m[1]);
  const listed = [...(html.get(bib) ?? '').matchAll(/<li id="([^"]+)"/g)].map((m) => m[1]);
  const never = listed.filter((k) => !cited.has(k));
  if (never.length) console.log(`Bibliography: ${never.length} work(s) never cited in the text (further reading): ${never.join(', ')}`);
}

if (problems.length) {
  console.error(`Site check: ${problems.length} problem(s)\n` + problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
console.log(`Site check: ${pages.length} pages, no broken links or anchors, no orphans, alt text present, no raw TeX or NaN, inline styles and scripts in the CSP.`);
