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

/** @returns {import('satteri').MdastPluginDefinition} */
export function katexMathPlugin() {
  return {
    name: 'leverage-lab-katex',
    math(node, ctx) {
      const where = ctx.fileURL ? ctx.fileURL.pathname.split('/').slice(-2).join('/') : '';
      return { raw: `<div class="math-display">${renderMath(node.value, true, where)}</div>`, mdxExpressions: false };
    },
    inlineMath(node, ctx) {
      const where = ctx.fileURL ? ctx.fileURL.pathname.split('/').slice(-2).join('/') : '';
      return { raw: renderMath(node.value, false, where), mdxExpressions: false };
    },
  };
}
