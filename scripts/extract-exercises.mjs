#!/usr/bin/env node
// Move a chapter's inline <Exercise …>…</Exercise> blocks into one MDX fragment each,
// content/exercises/<chapter-slug>/<exercise-id>.mdx, and import them back into the
// chapter, so the same fragment renders in the chapter, on the exercise's standalone
// page and on assignment pages.
//
// Usage: node scripts/extract-exercises.mjs content/chapters/02-gamma-squeezes.mdx [--dry-run]
//
// What it does, mechanically:
//  - every block that starts with `<Exercise id="…"` at the start of a line, up to the
//    first `</Exercise>` after it, becomes a fragment: the chapter's import lines that
//    the block uses (paths rewritten for the fragment's folder), a blank line, the block;
//  - the block in the chapter is replaced by `<ExName />` (ch2-delta-hedge → ExDeltaHedge);
//  - cross-references inside the block to the same chapter, [](#eq-x) or [](#widget-y), become
//    [](/chapters/<slug>/#eq-x), because a fragment is compiled outside its chapter;
//  - one import per fragment is added right after the chapter's existing import block,
//    which is followed by a blank line;
//  - an experiment's widget moves with it when the exercise definition's `target` names
//    the widget instance of a one-line self-closing element that stands directly before
//    the block (only blank lines between), so the fragment is complete on its own page
//    (the chapter's references to it still resolve: src/lib/crossref.mjs reads fragments in place);
//  - everything else in the chapter is kept byte for byte. A fragment that already
//    exists with other content is never overwritten (the run stops and says so).
// Running it again on an extracted chapter changes nothing.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, posix, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** "ch2-delta-hedge" → "ExDeltaHedge"; avoids names already taken. */
export function componentName(id, taken = new Set()) {
  const base =
    'Ex' +
    id
      .replace(/^ch\d+-/, '')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
  let name = /^Ex[A-Za-z]/.test(base) ? base : `Ex${base.slice(2) || 'ercise'}`;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** The import statements at the top of an MDX file (after front matter): [{start, end, text, names, from}], offsets into the text. */
export function findImports(text) {
  let pos = 0;
  if (text.startsWith('---')) {
    const close = text.indexOf('\n---', 3);
    if (close < 0) return { imports: [], blockEnd: 0 };
    pos = text.indexOf('\n', close + 4);
    pos = pos < 0 ? text.length : pos + 1;
  }
  const imports = [];
  let blockEnd = -1;
  const re = /import\s[^;'"]*?from\s*(['"])([^'"]+)\1;?[^\S\r\n]*(?:\r?\n|$)|import\s*(['"])([^'"]+)\3;?[^\S\r\n]*(?:\r?\n|$)/y;
  while (pos < text.length) {
    // skip blank lines between imports
    const blank = /[^\S\r\n]*\r?\n/y;
    blank.lastIndex = pos;
    if (blank.test(text)) {
      if (imports.length === 0 || /^[^\S\r\n]*\r?\nimport\s/.test(text.slice(pos))) {
        pos = blank.lastIndex;
        continue;
      }
      break;
    }
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const stmt = m[0];
    const head = stmt.slice(0, stmt.search(/\sfrom\s*['"]/) >= 0 ? stmt.search(/\sfrom\s*['"]/) : 0).replace(/^import\s+/, '');
    const names = [];
    const def = /^([A-Za-z_$][\w$]*)/.exec(head.trim());
    if (def && def[1] !== 'type') names.push(def[1]);
    const ns = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(head);
    if (ns) names.push(ns[1]);
    const braces = /\{([^}]*)\}/.exec(head);
    if (braces) for (const part of braces[1].split(',')) {
      const p = part.trim().replace(/^type\s+/, '');
      if (!p) continue;
      const as = /\bas\s+([A-Za-z_$][\w$]*)$/.exec(p);
      names.push(as ? as[1] : p);
    }
    imports.push({ start: pos, end: pos + stmt.length, text: stmt.replace(/\r?\n$/, ''), names, from: m[2] ?? m[4] });
    pos += stmt.length;
    blockEnd = pos;
  }
  return { imports, blockEnd };
}

/** Targets of experiment exercises from a chapter's definitions file: id → widget instance. */
export function experimentTargets(defsText) {
  const out = {};
  const starts = [...defsText.matchAll(/defineExercise\s*\(/g)].map((m) => m.index);
  starts.forEach((s, i) => {
    const chunk = defsText.slice(s, starts[i + 1] ?? defsText.length);
    const id = /\bid:\s*['"]([^'"]+)['"]/.exec(chunk);
    const target = /\btarget:\s*['"]([^'"]+)['"]/.exec(chunk);
    if (id && target) out[id[1]] = target[1];
  });
  return out;
}

function rewritePath(spec, chapterDir, fragmentDir) {
  if (!spec.startsWith('.')) return spec;
  let rel = relative(fragmentDir, resolve(chapterDir, spec)).split(sep).join(posix.sep);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

/**
 * Pure core. `chapterPath` and `fragmentDir` are used only to rewrite relative import paths.
 * Returns the new chapter text and the fragments to write.
 */
export function extract(text, { chapterPath, fragmentDir, slug, targets = {} }) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { imports, blockEnd } = findImports(text);
  if (blockEnd < 0) throw new Error('the chapter has no import block (it needs at least the <Exercise> import)');
  const taken = new Set(imports.flatMap((i) => i.names));
  const fragments = [];
  const cuts = []; // {start, end, replacement}
  const open = /^<Exercise\s+id="([^"]+)"[^>]*>/gm;
  let m;
  while ((m = open.exec(text))) {
    const id = m[1];
    const close = text.indexOf('</Exercise>', m.index);
    if (close < 0) throw new Error(`<Exercise id="${id}"> has no closing </Exercise>`);
    let start = m.index;
    let end = close + '</Exercise>'.length;
    const block = text.slice(start, end);
    let widget = '';
    const target = targets[id];
    if (target) {
      const before = text.slice(0, start);
      const w = /(^|\n)(<[A-Z][\w.]*\b[^\n]*\binstance="([^"]+)"[^\n]*\/>)[^\S\r\n]*(\r?\n[^\S\r\n]*)*$/.exec(before);
      if (w && w[3] === target) {
        widget = w[2];
        start = w.index + w[1].length;
      }
    }
    const used = (s) => imports.filter((imp) => imp.names.some((n) => new RegExp(`(<|\\{|\\b)${n.replace(/\$/g, '\\$')}\\b`).test(s)));
    const need = used(widget + '\n' + block);
    const exerciseImport = imports.find((i) => i.names.includes('Exercise'));
    if (exerciseImport && !need.includes(exerciseImport)) need.unshift(exerciseImport);
    const importLines = need.map((imp) => imp.text.replace(imp.from, () => rewritePath(imp.from, dirname(chapterPath), fragmentDir)));
    const name = componentName(id, taken);
    // A fragment is compiled outside its chapter: same-chapter cross-references become chapter links.
    const relink = (t) => (slug ? t.replace(/\]\(#((?:eq|widget)-[A-Za-z0-9:_-]+)\)/g, `](/chapters/${slug}/#$1)`) : t);
    const body = relink((widget ? widget + eol + eol : '') + block);
    fragments.push({ id, name, file: join(fragmentDir, `${id}.mdx`), text: importLines.join(eol) + eol + eol + body + eol, movedWidget: !!widget });
    cuts.push({ start, end, replacement: `<${name} />` });
    open.lastIndex = end;
  }
  if (fragments.length === 0) return { chapter: text, fragments };
  let out = text;
  for (const c of [...cuts].reverse()) out = out.slice(0, c.start) + c.replacement + out.slice(c.end);
  // New imports go right after the existing import block; one blank line follows them.
  const importDir = relative(dirname(chapterPath), fragmentDir).split(sep).join(posix.sep);
  const added = fragments.map((f) => `import ${f.name} from '${importDir.startsWith('.') ? importDir : `./${importDir}`}/${f.id}.mdx';`).join(eol) + eol;
  let rest = out.slice(blockEnd);
  if (!/^[^\S\r\n]*\r?\n/.test(rest)) rest = eol + rest;
  out = out.slice(0, blockEnd) + added + rest;
  return { chapter: out, fragments, slug };
}

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const dry = argv.includes('--dry-run');
  if (args.length !== 1) {
    console.error('usage: node scripts/extract-exercises.mjs <content/chapters/NN-slug.mdx> [--dry-run]');
    return 2;
  }
  const chapterPath = args[0];
  const text = readFileSync(chapterPath, 'utf8');
  const slug = /^slug:\s*([a-z0-9-]+)\s*$/m.exec(text)?.[1];
  if (!slug) {
    console.error(`${chapterPath}: no "slug:" in the front matter`);
    return 1;
  }
  const root = resolve(dirname(chapterPath), '..', '..');
  const fragmentDir = join(root, 'content', 'exercises', slug);
  const defsPath = join(root, 'content', 'exercises', `${slug}.ts`);
  const targets = existsSync(defsPath) ? experimentTargets(readFileSync(defsPath, 'utf8')) : {};
  const r = extract(text, { chapterPath: resolve(chapterPath), fragmentDir, slug, targets });
  if (r.fragments.length === 0) {
    console.log(`${chapterPath}: no inline exercise blocks; nothing to do.`);
    return 0;
  }
  for (const f of r.fragments) {
    if (existsSync(f.file) && readFileSync(f.file, 'utf8') !== f.text) {
      console.error(`${relative(process.cwd(), f.file)} already exists with other content; nothing was changed.`);
      return 1;
    }
  }
  for (const f of r.fragments) {
    console.log(`${dry ? 'would write' : 'wrote'} ${relative(process.cwd(), f.file)} (<${f.name} />${f.movedWidget ? ', with its widget' : ''})`);
  }
  if (dry) return 0;
  mkdirSync(fragmentDir, { recursive: true });
  for (const f of r.fragments) writeFileSync(f.file, f.text);
  writeFileSync(chapterPath, r.chapter);
  console.log(`updated ${chapterPath}: ${r.fragments.length} exercise block(s) moved out.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
