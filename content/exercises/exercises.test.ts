/**
 * Every exercise: defaults inside its variant space and inside the model's spec; the
 * answer is finite for the chapter's numbers and for many random variants; the
 * solution's printed answer agrees with the engine's; every placeholder in the MDX
 * has a value; variants are deterministic by seed.
 *
 * An exercise's MDX block is found either inline in its chapter or in its own
 * fragment, content/exercises/<chapter-slug>/<exercise-id>.mdx (see
 * scripts/extract-exercises.mjs).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { allExercises, chapterLoaders } from './index';
import { drawVariant, variantSeed } from '../../src/lib/exercises/variants';
import { checkParam } from '../../engine/core/params';
import { parseAnswer, allowedError } from '../../src/lib/exercises/check';
import { outline } from '../../src/lib/outline';

const exercises = await allExercises();

function mdxFor(chapter: string): string {
  const order = outline.find((c) => c.slug === chapter)!.order;
  const file = readdirSync('content/chapters').find((f) => f.startsWith(String(order).padStart(2, '0')));
  return file ? readFileSync(`content/chapters/${file}`, 'utf8') : '';
}

/** The MDX between <Exercise id="…"> and its closing tag. */
function block(mdx: string, id: string): string {
  const start = mdx.indexOf(`<Exercise id="${id}"`);
  if (start < 0) return '';
  return mdx.slice(start, mdx.indexOf('</Exercise>', start));
}

/** The exercise's block: inline in the chapter, or in its fragment file. */
function exerciseBlock(chapter: string, id: string): string {
  const inline = block(mdxFor(chapter), id);
  if (inline) return inline;
  const file = `content/exercises/${chapter}/${id}.mdx`;
  return existsSync(file) ? block(readFileSync(file, 'utf8'), id) : '';
}

describe('exercise registry', () => {
  it('has unique ids and at least five Chapter 1 exercises', async () => {
    const ids = exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await chapterLoaders['leverage-loop']!()).exercises.length).toBeGreaterThanOrEqual(5);
  });

  for (const ex of exercises) {
    describe(ex.id, () => {
      it('has defaults inside its variant space', () => {
        for (const [k, spec] of Object.entries(ex.params)) expect(checkParam(spec, ex.defaults[k]), k).toBeNull();
      });

      it('gives finite answers and complete prompt values for the default and 50 variants', () => {
        const variants = [ex.defaults, ...Array.from({ length: 50 }, (_, i) => drawVariant(ex, variantSeed('test', `student-${i}`, ex.id)))];
        for (const p of variants) {
          for (const [k, spec] of Object.entries(ex.params)) expect(checkParam(spec, p[k]), `${k}=${p[k]}`).toBeNull();
          const vars = ex.vars(p);
          for (const [k, v] of Object.entries(vars)) expect(v, k).not.toMatch(/NaN|undefined|Infinity/);
          if (ex.kind === 'numeric') expect(Number.isFinite(ex.answer(p))).toBe(true);
          if (ex.kind === 'choice') expect(ex.options(p).map((o) => o.value)).toContain(ex.answer(p));
          if (ex.kind === 'multi') for (const part of ex.parts) expect(Number.isFinite(part.answer(p)), part.key).toBe(true);
        }
      });

      if (ex.kind === 'numeric') {
        it('prints the same answer in its solution as the engine computes (within tolerance)', () => {
          for (const p of [ex.defaults, drawVariant(ex, 1), drawVariant(ex, 2), drawVariant(ex, 3)]) {
            const printed = parseAnswer(ex.vars(p)[ex.answerVar] ?? '');
            expect(printed, `vars.${ex.answerVar}`).not.toBeNull();
            expect(Math.abs(printed! - ex.answer(p))).toBeLessThanOrEqual(allowedError(ex.answer(p), ex.tolerance) + 1e-9);
          }
        });
      }

      if (ex.kind === 'multi') {
        it("prints every part's answer in its solution as the engine computes it (within tolerance)", () => {
          expect(ex.parts.length).toBeGreaterThanOrEqual(2);
          expect(new Set(ex.parts.map((x) => x.key)).size).toBe(ex.parts.length);
          for (const p of [ex.defaults, drawVariant(ex, 1), drawVariant(ex, 2), drawVariant(ex, 3)]) {
            for (const part of ex.parts) {
              const printed = parseAnswer(ex.vars(p)[part.answerVar] ?? '');
              expect(printed, `vars.${part.answerVar}`).not.toBeNull();
              expect(Math.abs(printed! - part.answer(p))).toBeLessThanOrEqual(allowedError(part.answer(p), part.tolerance) + 1e-9);
            }
          }
        });
      }

      it('is written in its chapter or its fragment, and every placeholder there has a value', () => {
        const b = exerciseBlock(ex.chapter, ex.id);
        expect(b, `no <Exercise id="${ex.id}"> in the chapter or in content/exercises/${ex.chapter}/${ex.id}.mdx`).not.toBe('');
        const names = [...b.matchAll(/<V n="([^"]+)"/g)].map((m) => m[1]!);
        const vars = ex.vars(ex.defaults);
        for (const n of names) expect(Object.keys(vars), `placeholder ${n}`).toContain(n);
        if (ex.kind !== 'experiment') expect(b).toContain('<Solution>');
        expect(b).toContain('<Hint>');
      });

      it('draws the same variant, with the same answer, for the same assignment, student and exercise', () => {
        const seed = variantSeed('a-1', 'student-7', ex.id);
        expect(seed).toBe(variantSeed('a-1', 'student-7', ex.id));
        const a = drawVariant(ex, seed);
        const b = drawVariant(ex, seed);
        expect(a).toEqual(b);
        expect(ex.vars(a)).toEqual(ex.vars(b));
        if (ex.kind === 'numeric') expect(ex.answer(a)).toBe(ex.answer(b));
        if (ex.kind === 'multi') expect(ex.parts.map((x) => x.answer(a))).toEqual(ex.parts.map((x) => x.answer(b)));
        if (ex.kind === 'choice') expect(ex.answer(a)).toBe(ex.answer(b));
      });
    });
  }
});
