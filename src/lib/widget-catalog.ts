/**
 * Every widget in the book, for the standalone lab pages (/lab/<id>/) and the lab
 * index. The id is the widget's `data-widget` marker. The site check fails when a
 * page shows a widget that has no entry here.
 */
export interface WidgetEntry {
  id: string;
  /** The Svelte component's name (used to number figures: its default instance is `id`). */
  component: string;
  title: string;
  /** Chapter slug where the widget is explained. */
  chapter: string;
  blurb: string;
}

export const widgetCatalog: readonly WidgetEntry[] = [
  { id: 'multiplier', component: 'MultiplierWidget', title: 'The feedback multiplier', chapter: 'leverage-loop', blurb: 'A shock, forced flow proportional to the move, price impact: rounds that converge to s/(1 − g) or explode.' },
  { id: 'leverage-targeting', component: 'LeverageTargetingWidget', title: 'Leverage sets the loop gain', chapter: 'leverage-loop', blurb: 'A fund that keeps its leverage constant sells after losses; above a critical leverage the loop explodes.' },
  { id: 'threshold-cascade', component: 'ThresholdCascadeWidget', title: 'The threshold cascade', chapter: 'leverage-loop', blurb: 'A population of liquidation thresholds: why the final fall jumps once a shock reaches a cluster.' },
];

export function widgetById(id: string): WidgetEntry | undefined {
  return widgetCatalog.find((w) => w.id === id);
}

/** Component name → default instance id, for figure numbering. */
export const widgetDefaults: Record<string, string> = Object.fromEntries(widgetCatalog.map((w) => [w.component, w.id]));
