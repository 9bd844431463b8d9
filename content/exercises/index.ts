/**
 * The exercise registry, by chapter. Pages import a chapter's module lazily so a
 * chapter only ships its own exercises' code.
 */
import type { Exercise } from '../../src/lib/exercises/types';

export const chapterLoaders: Record<string, () => Promise<{ exercises: Exercise<any>[] }>> = {
  'leverage-loop': () => import('./leverage-loop'),
  'gamma-squeezes': () => import('./gamma-squeezes'),
  'liquidation-cascades': () => import('./liquidation-cascades'),
  'procyclical-collateral': () => import('./procyclical-collateral'),
  contagion: () => import('./contagion'),
  'taming-the-loop': () => import('./taming-the-loop'),
};

/** Load one exercise definition by chapter and id; null when unknown. */
export async function loadExercise(chapter: string, id: string): Promise<Exercise<any> | null> {
  const load = chapterLoaders[chapter];
  if (!load) return null;
  const mod = await load();
  return mod.exercises.find((e) => e.id === id) ?? null;
}

/** Every exercise (for the index page, tests and instructor tools). */
export async function allExercises(): Promise<Exercise<any>[]> {
  const mods = await Promise.all(Object.values(chapterLoaders).map((l) => l()));
  return mods.flatMap((m) => m.exercises);
}
