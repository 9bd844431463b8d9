import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCrossRefIndex, defaultInstance, expandFragments, readChapters, refText, resolveRef } from './crossref.mjs';

const widgets = { MultiplierWidget: 'multiplier', CascadeWidget: 'cascade' };
const ch1 = `---
slug: one
---
Text
$$
a = b \\label{first}
$$
<MultiplierWidget client:visible />
$$
c = d
$$
$$
e = f \\label{second}
$$
<MultiplierWidget client:visible instance="again" />
`;
const ch2 = `---
slug: two
---
<CascadeWidget client:visible />
$$
x \\label{first}
$$
`;

describe('cross-references', () => {
  const index = buildCrossRefIndex(
    [
      { chapter: 2, slug: 'two', source: ch2 },
      { chapter: 1, slug: 'one', source: ch1 },
    ],
    widgets,
  );

  it('numbers labelled equations and widgets in order of appearance, per chapter', () => {
    expect(resolveRef(index, '#eq-first', 'one')).toMatchObject({ number: '1.1', kind: 'equation' });
    expect(resolveRef(index, '#eq-second', 'one')).toMatchObject({ number: '1.2' });
    expect(resolveRef(index, '#widget-multiplier', 'one')).toMatchObject({ number: '1.1', kind: 'figure' });
    expect(resolveRef(index, '#widget-again', 'one')).toMatchObject({ number: '1.2' });
    expect(resolveRef(index, '#eq-first', 'two')).toMatchObject({ number: '2.1' });
  });

  it('resolves references to other chapters and formats them', () => {
    const t = resolveRef(index, '/chapters/two/#widget-cascade', 'one')!;
    expect(refText(t)).toBe('Figure 2.1');
    expect(refText(resolveRef(index, '#eq-second', 'one')!)).toBe('(1.2)');
  });

  it('renumbers when a section moves: every reference follows', () => {
    const block = '$$\ne = f \\label{second}\n$$\n';
    // (function replacements: in a replacement string "$$" would mean a single "$")
    const moved = ch1.replace(block, () => '').replace('Text\n', () => `Text\n${block}`);
    const idx = buildCrossRefIndex([{ chapter: 1, slug: 'one', source: moved }], widgets);
    expect(resolveRef(idx, '#eq-second', 'one')!.number).toBe('1.1');
    expect(resolveRef(idx, '#eq-first', 'one')!.number).toBe('1.2');
  });

  it('ignores ordinary links and reports unknown targets as null', () => {
    expect(resolveRef(index, '/glossary/#leverage', 'one')).toBeNull();
    expect(resolveRef(index, '#eq-nope', 'one')).toBeNull();
  });

  it('refuses a label defined twice in one chapter', () => {
    expect(() => buildCrossRefIndex([{ chapter: 1, slug: 'one', source: '$$\nx \\label{a}\n$$\n$$\ny \\label{a}\n$$\n' }], widgets)).toThrow(/defined twice/);
  });
});

describe('defaultInstance', () => {
  it('uses the catalog, else the kebab-case component name', () => {
    expect(defaultInstance('MultiplierWidget', { MultiplierWidget: 'multiplier' })).toBe('multiplier');
    expect(defaultInstance('LiquidationPriceWidget', {})).toBe('liquidation-price');
    expect(defaultInstance('GaiKapadiaWidget', {})).toBe('gai-kapadia');
  });
});

describe('exercise fragments', () => {
  it('are expanded in place, so their widgets are numbered where the reader meets them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossref-'));
    mkdirSync(join(dir, 'chapters'));
    mkdirSync(join(dir, 'exercises'));
    writeFileSync(join(dir, 'exercises', 'ex.mdx'), "import AWidget from './A.svelte';\n\n<AWidget instance=\"in-fragment\" />\n\n<Exercise id=\"x\" />\n");
    const chapter = "---\nslug: one\n---\nimport ExX from '../exercises/ex.mdx';\n\n<AWidget instance=\"first\" />\n\n<ExX />\n\n<AWidget instance=\"last\" />\n";
    writeFileSync(join(dir, 'chapters', '01-one.mdx'), chapter);
    const expanded = expandFragments(chapter, join(dir, 'chapters'));
    expect(expanded).not.toContain('<ExX />');
    expect(expanded).not.toContain("import AWidget");
    const idx = buildCrossRefIndex(readChapters(join(dir, 'chapters')), {});
    expect(['first', 'in-fragment', 'last'].map((w) => idx.get(`one#widget-${w}`)?.number)).toEqual(['1.1', '1.2', '1.3']);
  });

  it('numbers the experiment widgets that the book keeps in fragments', () => {
    const idx = buildCrossRefIndex(readChapters('content/chapters'), {});
    for (const key of ['gamma-squeezes#widget-feedback-vol-experiment', 'procyclical-collateral#widget-ldi-experiment', 'contagion#widget-cross-margin-experiment', 'taming-the-loop#widget-policy-lab-experiment']) {
      expect(idx.get(key), key).toBeDefined();
    }
  });
});
