/**
 * Build-time rendering support for figures, resolved through the `#plot-document`
 * import map in package.json. On the server (build), figures are drawn with
 * Observable Plot into a linkedom document, so every page shows its default figures
 * before any JavaScript runs. Browsers get plot-document.browser.ts instead: they
 * never download linkedom, and they load Plot lazily, only when a figure must be
 * redrawn (see components/ui/Figure.svelte).
 */
import { parseHTML } from 'linkedom';
import * as Plot from '../../components/ui/plot-lib';

let cached: Document | null = null;

export function serverDocument(): Document | null {
  if (!cached) cached = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  return cached;
}

export const serverPlot: typeof Plot | null = Plot;
