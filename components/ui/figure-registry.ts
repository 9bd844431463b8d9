/**
 * Figures inside a widget register here (through Svelte context) so the widget's
 * toolbar can offer "Download data" for what the figure shows.
 */
import type { FigureData } from './Figure.svelte';

export const FIGURES_CONTEXT = Symbol('leverage-lab-figures');

interface Entry {
  get: () => { label: string; data: FigureData } | null;
  download: () => void;
}

export interface FigureRegistry {
  add(get: Entry['get'], download: Entry['download']): () => void;
  /** Download the first figure that has data; returns false when there is none. */
  downloadFirst(): boolean;
  count(): number;
}

export function createFigureRegistry(): FigureRegistry {
  const entries: Entry[] = [];
  return {
    add(get, download) {
      const e = { get, download };
      entries.push(e);
      return () => {
        const i = entries.indexOf(e);
        if (i >= 0) entries.splice(i, 1);
      };
    },
    downloadFirst() {
      const e = entries.find((x) => x.get() !== null);
      if (!e) return false;
      e.download();
      return true;
    },
    count: () => entries.length,
  };
}
