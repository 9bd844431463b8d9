/**
 * The book's outline: the six chapters in reading order. Chapters that are written
 * exist in the `chapters` collection; the others are listed as "in preparation" so
 * the chapter map shows the whole book without linking to pages that do not exist.
 */
export interface OutlineEntry {
  order: number;
  slug: string;
  title: string;
  blurb: string;
}

export const outline: readonly OutlineEntry[] = [
  { order: 1, slug: 'leverage-loop', title: 'The leverage loop', blurb: 'How forced trading turns a price move into a bigger one, and when the loop explodes.' },
  { order: 2, slug: 'gamma-squeezes', title: 'Gamma squeezes', blurb: 'Dealers who delta-hedge short options buy rallies and sell falls.' },
  { order: 3, slug: 'liquidation-cascades', title: 'Liquidation cascades', blurb: 'Liquidation engines, order books, insurance funds and margin synchronisation.' },
  { order: 4, slug: 'procyclical-collateral', title: 'Procyclical collateral', blurb: 'Margins that rise exactly when liquidity is scarce, and the tools that lean against them.' },
  { order: 5, slug: 'contagion', title: 'Contagion', blurb: 'Cross-collateral, fire sales and interbank networks.' },
  { order: 6, slug: 'taming-the-loop', title: 'Taming the loop', blurb: 'Dynamic margin, circuit breakers, backstops and clearing.' },
];

export interface NavLink {
  href: string;
  title: string;
  order: number;
}

/** Previous and next written chapters around `slug`, in outline order. */
export function prevNext(written: readonly { slug: string; title: string; order: number }[], slug: string): { prev: NavLink | null; next: NavLink | null } {
  const sorted = [...written].sort((a, b) => a.order - b.order);
  const i = sorted.findIndex((c) => c.slug === slug);
  const link = (c: { slug: string; title: string; order: number } | undefined): NavLink | null =>
    c ? { href: `/chapters/${c.slug}/`, title: c.title, order: c.order } : null;
  if (i < 0) return { prev: null, next: null };
  return { prev: link(sorted[i - 1]), next: link(sorted[i + 1]) };
}
