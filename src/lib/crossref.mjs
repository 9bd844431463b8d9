// @ts-check
/**
 * Numbered equations and figures, and cross-references that survive reordering.
 *
 * Authors write `\label{name}` inside a display equation and place widgets as usual;
 * references are empty links: `[](#eq-name)` renders as "(2.3)", `[](#widget-cascade)`
 * as "Figure 3.2", and a link to another chapter (`[](/chapters/contagion/#eq-clearing)`)
 * works the same way. Numbers are computed from the chapter files in order (chapter
 * number from the file name prefix, then order of appearance), so moving a section
 * renumbers everything and every reference follows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ kind: 'equation' | 'figure', number: string, chapter: number, slug: string, anchor: string }} RefTarget
 * @typedef {{ chapter: number, slug: string, source: string, file?: string }} ChapterSource
 */

/**
 * A widget's default instance: from the catalog, else by convention the component
 * name without "Widget" in kebab case (LiquidationPriceWidget → liquidation-price).
 * @param {string} component
 * @param {Record<string, string>} widgetDefaults
 */
export function defaultInstance(component, widgetDefaults) {
  return widgetDefaults[component] ?? component.replace(/Widget$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/**
 * Display-math blocks ($$ on their own lines) in source order.
 * @param {string} source
 * @returns {{ index: number, tex: string }[]}
 */
function displayBlocks(source) {
  const out = [];
  const re = /^\s*\$\$\s*\n([\s\S]*?)\n\s*\$\$\s*$/gm;
  let m;
  while ((m = re.exec(source))) out.push({ index: m.index, tex: m[1] ?? '' });
  return out;
}

/**
 * Build the index of every numbered target in the book.
 * @param {ChapterSource[]} chapters
 * @param {Record<string, string>} widgetDefaults component name → default instance (e.g. MultiplierWidget → multiplier)
 * @returns {Map<string, RefTarget>} keyed by anchor ("eq-…", "widget-…") and by "slug#anchor"
 */
export function buildCrossRefIndex(chapters, widgetDefaults) {
  /** @type {Map<string, RefTarget>} */
  const index = new Map();
  for (const ch of [...chapters].sort((a, b) => a.chapter - b.chapter)) {
    /** @type {{ index: number, kind: 'equation' | 'figure', anchor: string }[]} */
    const events = [];
    for (const b of displayBlocks(ch.source)) {
      const label = b.tex.match(/\\label\{([^}]+)\}/);
      if (label) events.push({ index: b.index, kind: /** @type {const} */ ('equation'), anchor: `eq-${label[1]}` });
    }
    const widgetRe = /<([A-Z][A-Za-z0-9]*Widget)\b([^>]*?)\/?>/g;
    let m;
    while ((m = widgetRe.exec(ch.source))) {
      const component = m[1] ?? '';
      const inst = (m[2] ?? '').match(/\binstance="([^"]+)"/);
      const instance = inst?.[1] ?? defaultInstance(component, widgetDefaults);
      events.push({ index: m.index, kind: /** @type {const} */ ('figure'), anchor: `widget-${instance}` });
    }
    events.sort((a, b) => a.index - b.index);
    let eq = 0;
    let fig = 0;
    for (const e of events) {
      const n = e.kind === 'equation' ? ++eq : ++fig;
      const target = { kind: e.kind, number: `${ch.chapter}.${n}`, chapter: ch.chapter, slug: ch.slug, anchor: e.anchor };
      const key = `${ch.slug}#${e.anchor}`;
      if (index.has(key)) throw new Error(`crossref: "${e.anchor}" is defined twice in chapter ${ch.chapter}`);
      index.set(key, target);
    }
  }
  return index;
}

/**
 * Text of a reference: "(2.3)" for equations, "Figure 3.2" for figures.
 * @param {RefTarget} t
 */
export function refText(t) {
  return t.kind === 'equation' ? `(${t.number})` : `Figure ${t.number}`;
}

/**
 * Resolve an empty link's URL against the index: "#eq-x" in the current chapter,
 * or "/chapters/<slug>/#anchor" anywhere. Returns null when it is not a reference.
 * @param {Map<string, RefTarget>} index
 * @param {string} url
 * @param {string} currentSlug
 */
export function resolveRef(index, url, currentSlug) {
  const m = url.match(/^(?:\/chapters\/([a-z0-9-]+)\/)?#((?:eq|widget)-[A-Za-z0-9:_-]+)$/);
  if (!m) return null;
  const slug = m[1] ?? currentSlug;
  return index.get(`${slug}#${m[2] ?? ''}`) ?? null;
}

/**
 * A chapter's source with its exercise fragments written in place: each line that is just
 * `<ExName />`, where `ExName` is imported from a `.mdx` file, becomes that fragment's body
 * (its own import lines dropped). Widgets inside a fragment are figures of the chapter, so
 * they are numbered in the order a reader meets them.
 * @param {string} source
 * @param {string} dir the chapter file's folder (import paths are relative to it)
 */
export function expandFragments(source, dir) {
  /** @type {Map<string, string>} */
  const files = new Map();
  for (const m of source.matchAll(/^import\s+([A-Z]\w*)\s+from\s+['"]([^'"]+\.mdx)['"];?\s*$/gm)) files.set(m[1] ?? '', m[2] ?? '');
  if (files.size === 0) return source;
  return source.replace(/^[^\S\r\n]*<([A-Z]\w*)\s*\/>[^\S\r\n]*$/gm, (line, name) => {
    const rel = files.get(name);
    if (!rel) return line;
    const body = readFileSync(join(dir, rel), 'utf8');
    return body.replace(/^(?:import\s[^\n]*\n|\s*\n)*/, '');
  });
}

/**
 * Read every chapter file: "NN-name.mdx" with `slug:` in its frontmatter, its exercise
 * fragments expanded in place (see expandFragments).
 * @param {string} dir
 * @returns {ChapterSource[]}
 */
export function readChapters(dir) {
  return readdirSync(dir)
    .filter((f) => /^\d{2}-.*\.mdx$/.test(f))
    .map((f) => {
      const source = expandFragments(readFileSync(join(dir, f), 'utf8'), dir);
      const slug = source.match(/^slug:\s*([a-z0-9-]+)\s*$/m)?.[1];
      if (!slug) throw new Error(`crossref: ${f} has no slug in its frontmatter`);
      return { chapter: Number(f.slice(0, 2)), slug, source, file: f };
    });
}
