/**
 * Leverage engine (Chapter 3, "Liquidation cascades and margin synchronisation"):
 * isolated and cross-margin positions, populations and their liquidation map,
 * a resilient order book, liquidation cascades (by rounds and in time),
 * insurance fund and auto-deleveraging, funding and the basis trade, two
 * venues linked by arbitrage, and predatory trading.
 */
export {
  MAX_LEVERAGE,
  positionSpec,
  sideSign,
  validateLiquidationInput,
  liquidationPrice,
  bankruptcyPrice,
  liquidationPriceFromMargin,
  positionQuantity,
  positionEquity,
  maintenanceRequirement,
  equityCurve,
} from './positions';
export type { Side, LiquidationInput, IsolatedPosition } from './positions';

export { crossMarginAccount, crossLiquidationPrice } from './crossMargin';
export type { CrossPosition, CrossMarginInput, CrossMarginState, CrossLiquidationPrice } from './crossMargin';

export {
  LEVERAGE_TIERS,
  DEFAULT_TIER_WEIGHTS,
  MAX_ENTRY_DRAWS,
  populationSpec,
  createPopulation,
  generatePopulation,
  populationSummary,
} from './population';
export type { Population, PopulationInput, PopulationParams } from './population';

export { liquidationMap } from './liquidationMap';
export type { LiquidationMap, LiquidationMapOptions } from './liquidationMap';

export {
  SECONDS_PER_YEAR,
  DAYS_PER_YEAR,
  DEPTH_DISTANCE,
  orderBookSpec,
  createOrderBook,
  bookMid,
  marketSell,
  marketBuy,
  executeQuantity,
  quantityToMove,
  recoverBook,
  shiftReference,
  depthCurve,
} from './orderBook';
export type { DepthProfile, OrderBook, OrderBookParams, Fill } from './orderBook';

export { cascadeSpec, cascade, dislocationCurve, dislocationSweep } from './cascade';
export type { CascadeParams, CascadeResult, DislocationPoint } from './cascade';

export { timeCascadeSpec, createCascadeSim, cascadeInTime } from './cascadeInTime';
export type { TimeCascadeParams, TimeCascadeResult, CascadeSim } from './cascadeInTime';

export { insuranceSpec, adlScore, insuranceFundCascade } from './insuranceFund';
export type { InsuranceParams, InsuranceCascadeResult, AdlEvent } from './insuranceFund';

export {
  fundingSpec,
  basisSpec,
  premiumIndex,
  fundingRate,
  annualisedFunding,
  fundingPayment,
  applyFunding,
  basisUnwind,
  basisUnwindCascade,
} from './funding';
export type { FundingParams, BasisParams, BasisUnwindResult } from './funding';

export { twoVenueSpec, twoVenueCascade } from './twoVenue';
export type { TwoVenueParams, TwoVenueResult } from './twoVenue';

export { predatorySpec, predatoryCascade } from './predatory';
export type { PredatoryParams, PredatoryResult } from './predatory';

// Chapter 3 figures and exercises: the calculator, loss allocation, funding across venues,
// the Monte Carlo of cascade sizes and the smallest-shock search.
export { liquidationCalculatorSpec, positionSnapshot } from './calculator';
export type { LiquidationCalculatorParams, PositionSnapshot } from './calculator';

export { lossAllocation } from './lossAllocation';
export type { LossAllocation, DeleveragedAccount } from './lossAllocation';

export { venueFundingPaths } from './venueFunding';
export type { VenueFundingPaths } from './venueFunding';

export {
  CASCADE_MC_REFERENCE_POSITIONS,
  CASCADE_MC_RANGES,
  CASCADE_MC_GRID,
  cascadeMonteCarloSpec,
  scaledCascadeBook,
  cascadeMonteCarlo,
  runCascadeMonteCarlo,
} from './cascadeMonteCarlo';
export type { CascadeMonteCarloParams, CascadeMonteCarloInput, CascadeMonteCarloSummary } from './cascadeMonteCarlo';

export { smallestCascadeShock } from './shockSearch';
export type { CascadeShockTarget } from './shockSearch';
