// @ts-check
/**
 * Sätteri MDAST plugin: render `math` and `inlineMath` nodes with KaTeX at build time.
 *
 * The book's dollar rule: math is written only between double dollars. Inline
 * math is `$$x$$` inside a line, display math is `$$` on its own lines. A single
 * `$` is always currency ("$50 to $100"), because Sätteri's single-dollar math
 * is switched off in astro.config.mjs (`singleDollarTextMath: false`). The rule
 * is enforced by tests/unit/dollar-rule.test.ts.
 *
 * KaTeX runs with `throwOnError: true`, so a broken formula fails the build
 * instead of shipping red error text to readers.
 */
import katex from 'katex';
import { buildCrossRefIndex, defaultInstance, readChapters, refText, resolveRef } from '../lib/crossref.mjs';

/** Macros shared by every chapter (kept small: each must be defined before use). */
export const katexMacros = {
  '\\E': '\\mathbb{E}',
  '\\Var': '\\operatorname{Var}',
  '\\GEX': '\\mathrm{GEX}',
};

/**
 * @param {string} tex
 * @param {boolean} displayMode
 * @param {string} [where]
 */
export function renderMath(tex, displayMode, where = '') {
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      strict: 'error',
      output: 'htmlAndMathml',
      macros: { ...katexMacros },
      trust: false,
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`KaTeX error${where ? ` in ${where}` : ''}: ${msg}\n  formula: ${tex}`);
  }
}

/**
 * @param {{ chaptersDir?: string, widgetDefaults?: Record<string, string> }} [options]
 * @returns {import('satteri').MdastPluginDefinition}
 */
export function katexMathPlugin(options = {}) {
  const { chaptersDir, widgetDefaults = {} } = options;
  /** @type {ReturnType<typeof buildCrossRefIndex> | null} */
  let index = null;
  /** @type {{ slug: string, fragment: boolean } | null} */
  let current = null;
  return {
    name: 'leverage-lab-katex',
    // The index is rebuilt for every document, so renumbering in `astro dev` needs no restart.
    before(_root, ctx) {
      if (!chaptersDir) return;
      const chapters = readChapters(chaptersDir);
      index = buildCrossRefIndex(chapters, widgetDefaults);
      const file = ctx.fileURL ? ctx.fileURL.pathname.split('/').pop() : '';
      const ch = chapters.find((c) => c.file === file);
      // An exercise fragment (content/exercises/<slug>/<id>.mdx) belongs to chapter <slug>:
      // its widgets carry that chapter's figure numbers, but it is also shown on its own
      // page, so its references stay full chapter links.
      const fragmentOf = ctx.fileURL ? ctx.fileURL.pathname.match(/\/exercises\/([a-z0-9-]+)\/[^/]+\.mdx$/)?.[1] : undefined;
      current = ch ? { slug: ch.slug, fragment: false } : fragmentOf && chapters.some((c) => c.slug === fragmentOf) ? { slug: fragmentOf, fragment: true } : null;
    },
    math(node, ctx) {
      const where = ctx.fileURL ? ctx.fileURL.pathname.split('/').slice(-2).join('/') : '';
      const label = node.value.match(/\\label\{([^}]+)\}/);
      if (label) {
        const target = index && current && !current.fragment ? resolveRef(index, `#eq-${label[1]}`, current.slug) : null;
        if (!target) throw new Error(`\\label{${label[1]}} in ${where}: labels are only allowed in chapter files`);
        const tex = `${node.value.replace(label[0], '')} \\tag{${target.number}}`;
        return { raw: `<div class="math-display" id="eq-${label[1]}">${renderMath(tex, true, where)}</div>`, mdxExpressions: false };
      }
      return { raw: `<div class="math-display">${renderMath(node.value, true, where)}</div>`, mdxExpressions: false };
    },
    link(node, ctx) {
      if (node.children.length > 0 || !index) return;
      const target = resolveRef(index, node.url, current?.slug ?? '');
      if (!target) {
        if (/#(eq|widget)-/.test(node.url)) throw new Error(`Unknown cross-reference ${node.url} in ${ctx.fileURL?.pathname ?? ''}`);
        return;
      }
      const href = current && !current.fragment && target.slug === current.slug ? `#${target.anchor}` : `/chapters/${target.slug}/#${target.anchor}`;
      return { type: 'link', url: href, title: null, children: [{ type: 'text', value: refText(target) }] };
    },
    mdxJsxFlowElement(node, ctx) {
      if (!index || !current || !node.name || !/Widget$/.test(node.name)) return;
      const inst = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'instance');
      const instance = inst && typeof inst.value === 'string' ? inst.value : defaultInstance(node.name, widgetDefaults);
      const target = instance ? resolveRef(index, `#widget-${instance}`, current.slug) : null;
      if (!target) return;
      // Attributes cannot be set in place; replace the element with a copy that carries the number.
      return { type: 'mdxJsxFlowElement', name: node.name, attributes: [...node.attributes, { type: 'mdxJsxAttribute', name: 'figureNumber', value: target.number }], children: [...node.children] };
    },
    inlineMath(node, ctx) {
      const where = ctx.fileURL ? ctx.fileURL.pathname.split('/').slice(-2).join('/') : '';
      return { raw: renderMath(node.value, false, where), mdxExpressions: false };
    },
  };
}
