/**
 * Chapter 4 "Procyclical collateral": margin models, anti-procyclicality tools, margin and collateral spirals,
 * and an Aave-style lending pool. Explicit re-exports (no `export *`) keep the public names deliberate.
 */
export {
  regimeReturns,
  regimeReturnsParams,
  garchReturns,
  garchParams,
  TRADING_DAYS_PER_YEAR,
  REGIME_CALM,
  REGIME_STRESS,
  REGIME_RECOVERY,
  type RegimeReturns,
  type RegimeReturnsParams,
  type GarchReturns,
  type GarchParams,
} from './returns';
export {
  ewmaVariance,
  ewmaVolatility,
  rollingVariance,
  rollingVolatility,
  ewmaParams,
  rollingWindowParams,
  RISKMETRICS_DAILY_LAMBDA,
  type EwmaOptions,
  type EwmaParams,
  type RollingWindowParams,
} from './volatility';
export {
  initialMargin,
  varMargin,
  esMargin,
  marginQuantileFactor,
  volatilityHaircut,
  haircutSeries,
  initialMarginParams,
  MPOR_EXCHANGE_TRADED_DAYS,
  MPOR_OTC_DAYS,
  type MarginModel,
  type InitialMarginParams,
} from './initialMargin';
export { variationMargin, logReturns, pricesFromReturns } from './variationMargin';
export {
  marginSeries,
  applyMarginBuffer,
  stressedVariance,
  apcParams,
  EMIR_APC_MIN_SHARE,
  EMIR_FLOOR_YEARS,
  BUFFER_FULL,
  BUFFER_RELEASED,
  BUFFER_REBUILDING,
  type ApcParams,
  type BufferToolOptions,
  type StressWeightToolOptions,
  type FloorToolOptions,
  type VolatilityEstimator,
  type MarginSeriesOptions,
  type MarginSeriesResult,
  type BufferedMargin,
} from './marginSeries';
export { procyclicalityMetrics, procyclicalityParams, type ProcyclicalityMetrics, type ProcyclicalityParams } from './procyclicality';
export { marginSpiral, marginSpiralParams, type MarginSpiralParams, type MarginSpiralResult, type MarginSpiralRound } from './marginSpiral';
export { ldiSpiral, ldiSpiralParams, type LdiSpiralParams, type LdiSpiralResult, type LdiRound } from './ldiSpiral';
export {
  healthFactor,
  closeFactorV32,
  maxLiquidatableDebtV33,
  collateralToSeize,
  AAVE_DEFAULT_CLOSE_FACTOR,
  AAVE_CLOSE_FACTOR_HF_THRESHOLD,
  AAVE_MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  AAVE_MIN_LEFTOVER_BASE,
  type AaveCloseFactorRule,
} from './aaveLiquidation';
export {
  generateLendingPool,
  defaultLendingAssets,
  validateLendingPool,
  createLendingSimulation,
  lendingStressTest,
  lendingShockSweep,
  lendingShockPoint,
  rampShockPath,
  lendingPoolParams,
  lendingStressParams,
  DEFAULT_HF_EDGES,
  type LendingAsset,
  type LendingPool,
  type LendingRules,
  type LendingSimulation,
  type LendingStepReport,
  type LendingSummary,
  type LendingStressResult,
  type LendingSweepPoint,
  type HealthHistogram,
  type ShockPath,
  type LendingPoolParams,
  type LendingStressParams,
} from './lendingPool';
export {
  compareApcTools,
  marginCalls,
  apcToolParams,
  APC_TOOLS,
  APC_TOOL_LABELS,
  type ApcTool,
  type ApcToolResult,
  type ApcComparison,
  type CompareApcOptions,
} from './apcComparison';
export { BP, toBp, fromBp, inBasisPoints, ldiSpiralBpParams, ldiParamsFromBp, type LdiSpiralBpParams } from './basisPoints';
export { marginSpiralRatio, criticalSaleImpact, spiralBoundary } from './spiralMap';
export {
  lendingSweepParams,
  lendingScenarioParams,
  lendingSweepJob,
  quickLendingSweep,
  requireScenario,
  scenarioPool,
  sweepShocks,
  sweepRow,
  type LendingScenario,
  type LendingSweepRow,
} from './lendingSweep';
export { ewmaUpdate, ewmaUpdateParams, type EwmaUpdateParams } from './ewmaUpdate';
export { aaveLiquidationParams, type AaveLiquidationParams } from './aaveInputs';
