/** The migration script that moves a chapter's exercise blocks into fragments (scripts/extract-exercises.mjs). */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { extract, findImports, componentName, experimentTargets } from '../../../scripts/extract-exercises.mjs';

const root = resolve(__dirname, '../../..');
const chapterPath = resolve(root, 'content/chapters/09-test.mdx');
const fragmentDir = resolve(root, 'content/exercises/test-chapter');

const chapter = `---
title: Test
slug: test-chapter
objectives:
  - one
---
import Widget from '../../components/widgets/MultiplierWidget.svelte';
import {
  Foo,
  Bar as Baz,
} from '../../components/text/things';
import Exercise from '../../components/exercise/Exercise.astro';
import V from '../../components/exercise/V.astro';
import Hint from '../../components/exercise/Hint.astro';
import Solution from '../../components/exercise/Solution.astro';
import Term from '../../components/text/Term.astro';

Text with a <Term id="x">term</Term> and   odd   spacing.

<Exercise id="ch9-first" chapter="test-chapter">

Prompt <V n="a" /> with $$x^2$$ and a <Term id="y">term</Term>, as in [](#eq-first) and [](/chapters/other/#widget-z).

<Hint>One.</Hint>
<Solution>

Done <V n="a" />.

</Solution>
</Exercise>

Between the blocks.

<Widget client:visible instance="w-exp" preset={{ a: 1 }} />

<Exercise id="ch9-exp" chapter="test-chapter">
Do it in the widget <Baz />.
<Hint>Two.</Hint>
</Exercise>
<Widget client:visible instance="other" />

<Exercise id="ch9-third" chapter="test-chapter">
Third.
</Exercise>
Trailing text without a newline`;

describe('extract-exercises.mjs', () => {
  const r: any = extract(chapter, { chapterPath, fragmentDir, slug: 'test-chapter', targets: { 'ch9-exp': 'w-exp', 'ch9-third': 'not-this' } });

  it('finds the import block, including multi-line imports', () => {
    const { imports } = findImports(chapter);
    expect(imports.map((i: any) => i.names)).toEqual([['Widget'], ['Foo', 'Baz'], ['Exercise'], ['V'], ['Hint'], ['Solution'], ['Term']]);
  });

  it('replaces each block with its component and keeps everything else byte for byte', () => {
    expect(r.fragments.map((f: { name: string }) => f.name)).toEqual(['ExFirst', 'ExExp', 'ExThird']);
    const expected = chapter
      .replace("import Term from '../../components/text/Term.astro';\n", "import Term from '../../components/text/Term.astro';\nimport ExFirst from '../exercises/test-chapter/ch9-first.mdx';\nimport ExExp from '../exercises/test-chapter/ch9-exp.mdx';\nimport ExThird from '../exercises/test-chapter/ch9-third.mdx';\n")
      .replace(/<Exercise id="ch9-first"[\s\S]*?<\/Exercise>/, '<ExFirst />')
      .replace(/<Widget client:visible instance="w-exp"[\s\S]*?<\/Exercise>/, '<ExExp />')
      .replace(/<Exercise id="ch9-third"[\s\S]*?<\/Exercise>/, '<ExThird />');
    expect(r.chapter).toBe(expected);
  });

  it('writes fragments with only the imports they use, paths rewritten, a blank line, then the block', () => {
    const [first, exp, third] = r.fragments;
    expect(first.file).toBe(resolve(fragmentDir, 'ch9-first.mdx'));
    expect(first.text).toBe(
      [
        "import Exercise from '../../../components/exercise/Exercise.astro';",
        "import V from '../../../components/exercise/V.astro';",
        "import Hint from '../../../components/exercise/Hint.astro';",
        "import Solution from '../../../components/exercise/Solution.astro';",
        "import Term from '../../../components/text/Term.astro';",
        '',
        chapter.slice(chapter.indexOf('<Exercise id="ch9-first"'), chapter.indexOf('</Exercise>') + 11).replace('[](#eq-first)', '[](/chapters/test-chapter/#eq-first)'),
        '',
      ].join('\n'),
    );
    // The experiment's widget moves with it, because its target names that instance.
    expect(exp.movedWidget).toBe(true);
    expect(exp.text).toContain("import Widget from '../../../components/widgets/MultiplierWidget.svelte';");
    expect(exp.text).toContain("import {\n  Foo,\n  Bar as Baz,\n} from '../../../components/text/things';");
    expect(exp.text).toContain('<Widget client:visible instance="w-exp" preset={{ a: 1 }} />\n\n<Exercise id="ch9-exp"');
    // A widget for another instance stays in the chapter.
    expect(third.movedWidget).toBe(false);
    expect(r.chapter).toContain('<Widget client:visible instance="other" />\n\n<ExThird />');
  });

  it('is idempotent and keeps CRLF line endings', () => {
    expect(extract(r.chapter, { chapterPath, fragmentDir, slug: 'test-chapter' }).chapter).toBe(r.chapter);
    const crlf = chapter.replace(/\n/g, '\r\n');
    const rc: any = extract(crlf, { chapterPath, fragmentDir, slug: 'test-chapter' });
    expect(rc.chapter).toBe(rc.chapter.replace(/\r?\n/g, '\r\n'));
    expect(rc.fragments).toHaveLength(3);
  });

  it('names components and reads experiment targets', () => {
    const taken = new Set(['ExLoopGain']);
    expect(componentName('ch1-loop-gain', taken)).toBe('ExLoopGain2');
    expect(componentName('ch2-99-problems', new Set())).toBe('Ex99Problems');
    expect(experimentTargets("defineExercise({ id: 'a', kind: 'numeric' }); defineExercise({ id: 'b', target: 'w' })")).toEqual({ b: 'w' });
  });

  it('reproduces Chapter 1 exactly from its inlined form (the migration that was run)', () => {
    const ch1 = readFileSync(resolve(root, 'content/chapters/01-leverage-loop.mdx'), 'utf8');
    const dir = resolve(root, 'content/exercises/leverage-loop');
    const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
    let inlined = ch1;
    for (const f of files) {
      const id = f.replace(/\.mdx$/, '');
      const m = new RegExp(`import (\\w+) from '\\.\\./exercises/leverage-loop/${id}\\.mdx';\\n`).exec(inlined);
      if (!m) continue; // a fragment that the chapter does not show
      const frag = readFileSync(resolve(dir, f), 'utf8');
      const body = frag.slice(frag.search(/\n\n/) + 2).replace(/\n$/, '');
      inlined = inlined.replace(m[0], "").replace(`<${m[1]} />`, () => body);
    }
    expect(inlined).not.toContain('exercises/leverage-loop/');
    const defs = readFileSync(resolve(root, 'content/exercises/leverage-loop.ts'), 'utf8');
    const again: any = extract(inlined, { chapterPath: resolve(root, 'content/chapters/01-leverage-loop.mdx'), fragmentDir: dir, slug: 'leverage-loop', targets: experimentTargets(defs) });
    expect(again.chapter).toBe(ch1);
    for (const f of again.fragments) expect(f.text).toBe(readFileSync(f.file, 'utf8'));
  });
});
