/**
 * The shared shock and market of Chapter 6's comparisons ("Taming the loop"):
 * one seeded population of leveraged perpetual positions (the leverage
 * engine's `generatePopulation`), one resilient order book (`createOrderBook`),
 * one initial shock (the cascade spec), and the venue's margin model. Every
 * tool is run against exactly this market, so any difference in the outcome
 * is the tool's doing.
 *
 * Ranges are never written twice: each parameter reuses the spec of the
 * engine that owns it (population, order book, cascade, EWMA), narrowed with
 * `narrowSpec` where the harness needs a smaller range.
 *
 * Margin model ('volatility', the default): the venue scales every
 * position's maintenance-margin rate with its volatility estimate, the
 * "destabilising margins" of Brunnermeier & Pedersen (2009), Review of
 * Financial Studies 22(6):2201–2238 (models.md §6.1; see `marginRegime.ts`).
 * 'fixed' keeps the population's rate m, as perpetual venues do.
 */
import { narrowSpec, defineParams, type ParamValues } from '../core/params';
// Direct module imports, not the part barrels: a widget that imports the policy engine should not ship every model of the book.
import { cascadeSpec } from '../leverage/cascade';
import { createOrderBook, orderBookSpec, type OrderBook } from '../leverage/orderBook';
import { generatePopulation, populationSpec, type Population } from '../leverage/population';
import { ewmaParams } from '../collateral/volatility';
import { resolveParams } from './validate';

/** Price at which every scenario's population is observed ($). */
export const POLICY_START_PRICE = 100;

/** Length of one step of the harness, in seconds (the liquidation engine's cycle, as in `cascadeInTime`). */
export const POLICY_STEP_SECONDS = 1;

/** Parameters of the shared scenario (drives the policy lab's market controls). */
export const policyScenarioSpec = defineParams({
  seed: {
    label: 'Market seed',
    min: 0,
    max: 4_294_967_295,
    step: 1,
    default: 7,
    integer: true,
    description: 'Seed of the synthetic population of leveraged positions; the same seed gives the same market.',
  },
  positions: narrowSpec(populationSpec.positions, { max: 100_000 }),
  leverageTilt: populationSpec.leverageTilt,
  longShare: populationSpec.longShare,
  profile: orderBookSpec.profile,
  depth: orderBookSpec.depth,
  resilience: orderBookSpec.resilience,
  shock: cascadeSpec.shock,
  direction: cascadeSpec.direction,
  shockKind: cascadeSpec.shockKind,
  steps: {
    label: 'Horizon',
    unit: 's',
    min: 60,
    max: 20_000,
    step: 60,
    default: 1_800,
    integer: true,
    description: 'Seconds simulated after the shock (one step of the liquidation engine per second).',
  },
  marginModel: {
    kind: 'choice',
    label: 'Margin model',
    description: 'Fixed maintenance rate, or a rate scaled with the venue’s volatility estimate (procyclical).',
    options: [
      { value: 'volatility', label: 'Volatility-scaled' },
      { value: 'fixed', label: 'Fixed rate' },
    ],
    default: 'volatility',
  },
  volatility: {
    ...orderBookSpec.volatility,
    label: 'Calm volatility',
    description: 'Annual volatility before the shock: the venue’s margin model starts from it (and the square-root book uses it).',
  },
  marginDecay: {
    ...ewmaParams.lambda,
    label: 'Margin model decay',
    description: 'EWMA weight of yesterday’s variance in the venue’s margin model; 0.94 is RiskMetrics’ daily choice, lower reacts faster.',
  },
  marginInterval: {
    label: 'Margin run every',
    unit: 's',
    min: 1,
    max: 900,
    step: 1,
    default: 1,
    integer: true,
    description: 'Seconds between two margin runs (1: the requirement is recomputed every second, as perpetual venues mark positions continuously).',
  },
});

/** Values of `policyScenarioSpec`: one shock and one market. */
export type PolicyScenario = ParamValues<typeof policyScenarioSpec>;

/** The market a scenario describes, built once and shared by every run of a comparison. */
export interface PolicyMarket {
  scenario: PolicyScenario;
  population: Population;
  /** The book before the shock, around `POLICY_START_PRICE`. */
  book: OrderBook;
}

/** Fill in a partial scenario with the spec's defaults (throws `EngineInputError` on out-of-range values). */
export function resolveScenario(scenario?: Partial<PolicyScenario>): PolicyScenario {
  return resolveParams(policyScenarioSpec, scenario, 'policy scenario');
}

/**
 * Build the scenario's market: `generatePopulation` (with the scenario's size,
 * leverage appetite, long share and seed; other population parameters at
 * their defaults, price 100) and `createOrderBook`. Deterministic in the seed.
 */
export function buildPolicyMarket(scenario?: Partial<PolicyScenario>): PolicyMarket {
  const s = resolveScenario(scenario);
  const population = generatePopulation(
    { positions: s.positions, leverageTilt: s.leverageTilt, longShare: s.longShare, price: POLICY_START_PRICE },
    s.seed,
  );
  const book = createOrderBook({ profile: s.profile, depth: s.depth, resilience: s.resilience, volatility: s.volatility }, POLICY_START_PRICE);
  return { scenario: s, population, book };
}

/** Named shocks for the policy lab (each a partial scenario over the defaults). */
export const POLICY_SHOCK_PRESETS = {
  /** A 3 % news drop: the fair price moves and does not come back. */
  newsDrop: { shock: 0.03, direction: 'down', shockKind: 'news' },
  /** A 6 % flash crash from one large sell order: the book recovers, the liquidations it triggers do not. */
  flashCrash: { shock: 0.06, direction: 'down', shockKind: 'order' },
  /** A 5 % squeeze upwards: shorts are liquidated. */
  shortSqueeze: { shock: 0.05, direction: 'up', shockKind: 'order' },
} as const satisfies Record<string, Partial<PolicyScenario>>;

/** Name of a preset shock. */
export type PolicyShockPreset = keyof typeof POLICY_SHOCK_PRESETS;
