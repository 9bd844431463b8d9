/**
 * Chapter 6, "Taming the loop": the policy engine. One comparison harness runs
 * the same shock through the same market with and without each tool — margins
 * with anti-procyclicality options, a liquidation speed limit, trading halts,
 * limit up/limit down bands, a backstop buyer — and reports the same outcome
 * measures; netting and central clearing act on interbank networks
 * (Eisenberg–Noe) and on margin across venues. Explicit re-exports keep the
 * public names deliberate.
 */
export { emptyOutcome, OUTCOME_MEASURES } from './outcome';
export type { PolicyOutcome, Outcome, OutcomeMeasure } from './outcome';

export {
  POLICY_START_PRICE,
  POLICY_STEP_SECONDS,
  POLICY_SHOCK_PRESETS,
  policyScenarioSpec,
  resolveScenario,
  buildPolicyMarket,
} from './scenario';
export type { PolicyScenario, PolicyMarket, PolicyShockPreset } from './scenario';

export { MAX_MARGIN_RATE, apcMarginSpec, createMarginRegime } from './marginRegime';
export type { ApcMarginParams, MarginRegime, MarginRegimeConfig } from './marginRegime';

export {
  speedLimitSpec,
  tradingHaltSpec,
  priceBandSpec,
  backstopSpec,
  POLICY_TOOL_IDS,
  POLICY_TOOL_INFO,
  policyToolSpecs,
  resolvePolicyTools,
  onlyTool,
  enabledTools,
} from './tools';
export type {
  SpeedLimitParams,
  TradingHaltParams,
  PriceBandParams,
  BackstopParams,
  PolicyToolId,
  PolicyTools,
  ResolvedPolicyTools,
} from './tools';

export { POSITION_DEFAULT_TOLERANCE, createPolicySim, runPolicy } from './marketSim';
export type { PolicyRun, PolicySim } from './marketSim';

export { comparePolicies, comparePoliciesSweep, outcomeChange, policyLab, policyShockSweep } from './comparePolicies';
export type { PolicyComparison, PolicyLabInput, PolicyLabResult, PolicyShockPoint } from './comparePolicies';

export { multilateralNetting, crossVenueNetting, ccpNettingEfficiency } from './netting';
export type { NettingResult, CrossVenueInput, CrossVenueResult, NettingEfficiency } from './netting';

export { ccpClearing } from './ccp';
export type { CcpClearingInput, CcpClearingResult, ClearingVariant } from './ccp';

export {
  policyCompareSpec,
  policyLabSpec,
  toolKeys,
  compareTools,
  labTools,
  labScenario,
  withShock,
  shockGrid,
  backstopCoverage,
  chapterMarket,
  LAB_PRESETS,
  LAB_SWITCH,
  LAB_MAIN_PARAM,
  LAB_SWEEP_SHOCKS,
  LAB_PREVIEW_SHOCKS,
} from './presets';
export type { PolicyCompareValues, PolicyLabValues, ShockFields, ShockGridPoint, BackstopCoverage } from './presets';

export {
  NETTING_BANKS,
  nettingExampleSpec,
  nettingExample,
  smallestFund,
  threeBankSpec,
  threeBankNetting,
  crossVenueExampleSpec,
  crossVenueExample,
  ccpEfficiencySpec,
  ccpEfficiencyCurve,
} from './examples';
export type { NettingExampleParams, NettingExampleResult, FundGoal, ThreeBankParams, CrossVenueExampleParams, CcpEfficiencyParams } from './examples';
