import { renderMath, katexMathPlugin } from '../../src/plugins/katex-math.mjs';

describe('KaTeX at build time', () => {
  it('renders display and inline math', () => {
    expect(renderMath('\\frac{s}{1-g}', true)).toContain('katex-display');
    expect(renderMath('g = \\lambda k', false)).toContain('katex');
  });
  it('throws on a broken formula, so the build fails', () => {
    expect(() => renderMath('\\frac{1}{', true, 'test.mdx')).toThrow(/KaTeX error in test.mdx/);
    expect(() => renderMath('\\notacommand', false)).toThrow(/KaTeX error/);
  });
  it('the plugin wraps display math and keeps MDX braces literal', () => {
    const p = katexMathPlugin();
    const out = p.math!({ type: 'math', value: 'x^{2}' } as never, {} as never) as { raw: string; mdxExpressions: boolean };
    expect(out.mdxExpressions).toBe(false);
    expect(out.raw).toMatch(/^<div class="math-display">/);
  });
});
