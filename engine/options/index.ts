/**
 * Chapter 2, "Gamma squeezes": Black–Scholes prices and Greeks, dealer gamma
 * exposure of an option chain, effective volatility under hedging feedback,
 * and a seeded market in which a delta-hedging dealer moves the price.
 */
export { normCdf, normPdf, erfc, INV_SQRT_2PI } from './normal';
export {
  bsPrice,
  bsGreeks,
  bsGreeksExtended,
  bsVanna,
  bsCharm,
  optionPayoff,
  checkOption,
  blackScholesSpec,
  type OptionKind,
  type OptionSpec,
  type Greeks,
  type ExtendedGreeks,
} from './blackScholes';
export {
  dealerGammaExposure,
  gammaProfile,
  gexByStrike,
  gammaWalls,
  exampleChain,
  dealerGammaSpec,
  type ChainLine,
  type GexMarket,
  type GexStrikeRow,
} from './dealerGamma';
export { gammaFlip, gammaFlips, type GexPoint } from './gammaFlip';
export { effectiveVolatility, hedgingLoopGain, criticalBookGamma, effectiveVolatilitySpec, type EffectiveVolatility } from './effectiveVolatility';
export {
  createHedgingSimulation,
  runHedgingSimulation,
  bookFromParams,
  checkHedgingParams,
  hedgingSimulationSpec,
  defaultHedgingParams,
  // Renamed on the way out: engine/index.ts re-exports every part with `export *`.
  REFERENCE_TRADE as HEDGING_REFERENCE_TRADE,
  TRADING_DAYS as HEDGING_TRADING_DAYS,
  BLOWUP_FACTOR as HEDGING_BLOWUP_FACTOR,
  MAX_STEPS as HEDGING_MAX_STEPS,
  type HedgingParams,
  type DealerPosition,
  type HedgeBookLine,
  type HedgingResult,
  type HedgingSimulation,
} from './hedgingSimulation';
export { squeezePreset, pinPreset, hedgingPresets } from './hedgingPresets';
export {
  hedgingMonteCarlo,
  hedgingMonteCarloTrial,
  runHedgingMonteCarlo,
  summariseHedgingTrials,
  hedgingPathSeed,
  hedgingMonteCarloSpec,
  type RunStats,
  type HedgingTrial,
  type SampleSummary,
  type RegimeSummary,
  type HedgingMonteCarloResult,
  type HedgingMonteCarloProgress,
} from './hedgingMonteCarlo';
export {
  dealerConventionSpec,
  chainLineSpec,
  checkChainRow,
  chainFromRows,
  dealerSignFor,
  longSideFor,
  exampleChainRows,
  twoStrikeFlip,
  CALENDAR_DAYS as CHAIN_CALENDAR_DAYS,
  type DealerConvention,
  type LongSide,
  type ChainRow,
  type ChainRowIssue,
} from './chainInput';
