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
  { id: 'greeks', component: 'GreeksWidget', chapter: 'gamma-squeezes', title: 'An option and its Greeks', blurb: "Price, delta and gamma against spot for a call or a put, as time to expiry and volatility change." },
  { id: 'gamma-profile', component: 'GammaProfileWidget', chapter: 'gamma-squeezes', title: 'Dealer gamma of an option chain', blurb: "Edit a small option chain and see dealer gamma exposure by strike and against spot, with the flip and the walls." },
  { id: 'feedback-vol', component: 'FeedbackVolWidget', chapter: 'gamma-squeezes', title: 'Volatility with hedging feedback', blurb: "Price impact and the hedgers’ gamma set the effective volatility σ/(1 + λSΓ); past the edge the feedback is unstable." },
  { id: 'squeeze', component: 'SqueezeWidget', chapter: 'gamma-squeezes', title: 'Short gamma, no dealer, long gamma', blurb: "The same seeded market three times: dealers short gamma amplify and trend, long gamma damps and pins; a Monte Carlo over many seeds." },
  { id: 'liquidation-price', component: 'LiquidationPriceWidget', chapter: 'liquidation-cascades', title: 'Liquidation price calculator', blurb: "Entry, leverage and maintenance margin give the liquidation and bankruptcy prices, with the equity line against price." },
  { id: 'liquidation-map', component: 'LiquidationMapWidget', chapter: 'liquidation-cascades', title: 'The liquidation map', blurb: "Where a population’s liquidation prices sit, longs and shorts, and a cascade run across the map." },
  { id: 'cascade', component: 'CascadeWidget', chapter: 'liquidation-cascades', title: 'A liquidation cascade', blurb: "Shock, book depth, resilience and a liquidation speed limit: the price path by round and in time, and the final dislocation against the shock." },
  { id: 'insurance-fund', component: 'InsuranceFundWidget', chapter: 'liquidation-cascades', title: 'Insurance fund and auto-deleveraging', blurb: "Who pays when liquidations fill below the bankruptcy price, when the fund runs out, and who is auto-deleveraged." },
  { id: 'two-venues', component: 'TwoVenuesWidget', chapter: 'liquidation-cascades', title: 'Two venues, one arbitrageur', blurb: "A cascade on one venue carried to another by arbitrage: liquidation engines in step, with funding and basis." },
  { id: 'front-running', component: 'FrontRunningWidget', chapter: 'liquidation-cascades', title: 'Front-running a cascade', blurb: "A predatory trader sells ahead of a known liquidation cluster: a deeper dislocation and the predator’s profit." },
  { id: 'margin-regime', component: 'MarginRegimeWidget', chapter: 'procyclical-collateral', title: 'Margins through a stress episode', blurb: "The same calm-stress-calm path with no tool and with each EMIR anti-procyclicality option, and their procyclicality metrics." },
  { id: 'margin-spiral', component: 'MarginSpiralWidget', chapter: 'procyclical-collateral', title: 'The margin and loss spirals', blurb: "A leveraged speculator with margins that rise with volatility: price and funding by round, and where the spiral exists." },
  { id: 'ldi-spiral', component: 'LdiSpiralWidget', chapter: 'procyclical-collateral', title: 'Collateral calls in a leveraged bond fund', blurb: "A yield shock, collateral calls, forced gilt sales and higher yields; the buffer in basis points and a central-bank backstop as levers." },
  { id: 'lending-stress', component: 'LendingStressWidget', chapter: 'procyclical-collateral', title: 'Stress-testing a lending pool', blurb: "A price shock through an Aave-style pool: health factors, liquidations that move the price, and bad debt; a sweep over shock sizes." },
  { id: 'network', component: 'NetworkWidget', chapter: 'contagion', title: 'Shock one bank, watch the network', blurb: "Defaults (Eisenberg–Noe) or distress (DebtRank) spreading round by round through a small interbank network." },
  { id: 'en-vs-debtrank', component: 'EnVsDebtRankWidget', chapter: 'contagion', title: 'Eisenberg–Noe against DebtRank', blurb: "The same network and shock under default-only clearing and under distress propagation." },
  { id: 'gai-kapadia', component: 'GaiKapadiaWidget', chapter: 'contagion', title: 'Robust yet fragile', blurb: "Probability and extent of contagion against average degree: Monte Carlo points beside the analytic window." },
  { id: 'fire-sale', component: 'FireSaleWidget', chapter: 'contagion', title: 'A fire sale, round by round', blurb: "Prices and capital ratios as banks sell a common illiquid asset; liquidity against capital requirements." },
  { id: 'cross-margin', component: 'CrossMarginWidget', chapter: 'contagion', title: 'Cross margin against isolated margin', blurb: "A fall in one asset liquidates cross-margined holdings of another and hits traders who only hold the second." },
  { id: 'policy-compare', component: 'PolicyCompareWidget', chapter: 'taming-the-loop', title: 'One tool against the same shock', blurb: "Dynamic margin, a speed limit, a halt, a price band or a backstop, with and without, on the same scenario." },
  { id: 'netting', component: 'NettingWidget', chapter: 'taming-the-loop', title: 'Gross, netted, and through a clearing house', blurb: "Bilateral and multilateral netting of an exposure network, and Eisenberg–Noe defaults through a CCP with a default fund." },
  { id: 'policy-lab', component: 'PolicyLabWidget', chapter: 'taming-the-loop', title: 'The policy lab', blurb: "Combine tools against a chosen shock and sweep the shock size." },
  { id: 'cross-venue', component: 'CrossVenueWidget', chapter: 'taming-the-loop', title: 'Clearing across venues', blurb: "Margin with and without netting positions held on different venues." },
];

export function widgetById(id: string): WidgetEntry | undefined {
  return widgetCatalog.find((w) => w.id === id);
}

/** Component name → default instance id, for figure numbering. */
export const widgetDefaults: Record<string, string> = Object.fromEntries(widgetCatalog.map((w) => [w.component, w.id]));
