/**
 * The list of every exercise with what pages and instructor tools need to show about
 * it (number, chapter, kind, difficulty, a time estimate). Built at build time from
 * the registry; pages pass it to their islands as plain data, so the browser loads
 * an exercise's code only when it needs its answers.
 */
import { chapterLoaders } from '../../../content/exercises/index';
import { outline } from '../outline';
import type { ExerciseKind } from './types';

export interface CatalogEntry {
  id: string;
  chapter: string;
  chapterOrder: number;
  chapterTitle: string;
  /** "1.3": chapter number and position in the chapter's list. */
  number: string;
  title: string;
  kind: ExerciseKind;
  difficulty: 1 | 2 | 3;
  /** Rough working time for a student, in minutes. */
  minutes: number;
}

/** Working time by difficulty; experiments take a little longer (the widget has to be explored). */
export function estimateMinutes(difficulty: 1 | 2 | 3, kind: ExerciseKind): number {
  return [0, 5, 10, 20][difficulty]! + (kind === 'experiment' ? 5 : 0) + (kind === 'multi' ? 5 : 0);
}

export async function exerciseCatalog(): Promise<CatalogEntry[]> {
  const out: CatalogEntry[] = [];
  for (const c of outline) {
    const load = chapterLoaders[c.slug];
    if (!load) continue;
    const { exercises } = await load();
    exercises.forEach((e, i) =>
      out.push({ id: e.id, chapter: c.slug, chapterOrder: c.order, chapterTitle: c.title, number: `${c.order}.${i + 1}`, title: e.title, kind: e.kind, difficulty: e.difficulty, minutes: estimateMinutes(e.difficulty, e.kind) }),
    );
  }
  return out;
}

/** Exercise ids that have their own MDX fragment (content/exercises/<chapter>/<id>.mdx), from a glob's keys. */
export function fragmentIds(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    const m = /\/content\/exercises\/([a-z0-9-]+)\/([a-z0-9-]+)\.mdx$/.exec(p);
    if (m) out.set(m[2]!, p);
  }
  return out;
}

/** Load the definitions of some exercises (browser: each chapter's module once). Unknown ids are left out. */
export async function loadDefinitions(ids: readonly string[], catalog: readonly CatalogEntry[]): Promise<Map<string, import('./types').Exercise<any>>> {
  const out = new Map<string, import('./types').Exercise<any>>();
  const chapters = new Set(ids.map((id) => catalog.find((e) => e.id === id)?.chapter).filter((c): c is string => !!c));
  for (const c of chapters) {
    const load = chapterLoaders[c];
    if (!load) continue;
    for (const e of (await load()).exercises) if (ids.includes(e.id)) out.set(e.id, e);
  }
  return out;
}
