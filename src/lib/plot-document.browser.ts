/** In the browser there is no server document; Plot is imported lazily by Figure. */
export function serverDocument(): Document | null {
  return null;
}

export const serverPlot: typeof import('../../components/ui/plot-lib') | null = null;
