/**
 * Chapter 5, "Contagion": interbank networks, clearing (Eisenberg–Noe,
 * Rogers–Veraart), DebtRank, Gai–Kapadia default cascades, fire sales
 * (Cifuentes–Ferrucci–Shin, Greenwood–Landier–Thesmar, overlapping
 * portfolios) and cross-margin contagion.
 */
export { edgeCount, inDegrees, outDegrees, networkFromEdges, networkEdges, transposeNetwork, toDenseMatrix, fromDenseMatrix } from './network';
export type { Network, WeightedNetwork } from './network';

export { erdosRenyi, erdosRenyiParams, corePeriphery, corePeripheryParams, scaleFree, scaleFreeParams } from './generators';
export type { ErdosRenyiParams, CorePeripheryParams, ScaleFreeParams } from './generators';

export { gaiKapadiaBalanceSheets, gaiKapadiaLiabilities } from './balanceSheets';
export type { GaiKapadiaBalanceSheets } from './balanceSheets';

export { clearingVector, clearingVectorSparse, clearingParams, CLEARING_TIE_TOLERANCE } from './eisenbergNoe';
export type {
  ClearingInput,
  SparseClearingInput,
  ClearingOptions,
  ClearingResult,
  ClearingRound,
  SparseClearingResult,
  ClearingParams,
  ClearingMethod,
  ExternalSeniority,
} from './eisenbergNoe';
export { clearingVectorNaive } from './clearingNaive';

export { debtRank, debtRankParams, interbankLeverageMatrix } from './debtRank';
export type { DebtRankInput, DebtRankResult, DebtRankRule, DebtRankParams } from './debtRank';
export { largestEigenvalue, perronRoot } from './perron';
export type { PerronRootResult } from './perron';

export { gaiKapadia, gaiKapadiaParams, gaiKapadiaCascade, netWorthDefault, GAI_KAPADIA_TIE_TOLERANCE, CONTAGION_THRESHOLD } from './gaiKapadia';
export type { GaiKapadiaInput, GaiKapadiaResult, GaiKapadiaParams, NetWorthDefaultRule } from './gaiKapadia';
export { gaiKapadiaAnalyticWindow, maxVulnerableDegree, cascadeCondition } from './gaiKapadiaAnalytic';
export type { GaiKapadiaWindowInput, GaiKapadiaWindow } from './gaiKapadiaAnalytic';
export { gaiKapadiaSweep, gaiKapadiaSweepPoint, gaiKapadiaSweepParams, sweepPointSeed, mergeSweepPoints } from './gaiKapadiaSweep';
export type { GaiKapadiaModel, GaiKapadiaSweepPoint, GaiKapadiaSweepResult, GaiKapadiaSweepParams } from './gaiKapadiaSweep';
export { makeTally, tallyTrials, mergeTallies, runContagionSweep } from './monteCarlo';
export type { ContagionTally } from './monteCarlo';

export { fireSaleEquilibrium, fireSaleExample, fireSaleParams } from './fireSales';
export type { FireSaleInput, FireSaleResult, FireSaleParams } from './fireSales';
export { vulnerableBanks, vulnerableBanksParams } from './vulnerableBanks';
export type { VulnerableBanksInput, VulnerableBanksResult, VulnerableBanksParams } from './vulnerableBanks';
export { overlappingPortfolios, overlappingPortfoliosParams, overlappingPortfoliosSweep, overlappingPortfoliosSweepPoint } from './overlappingPortfolios';
export type { OverlappingPortfoliosParams, OverlappingPortfoliosResult, OverlappingSweepPoint } from './overlappingPortfolios';
export { crossMarginContagion, crossMarginContagionParams, crossMarginTriggerFall, crossMarginSafeLeverage, CROSS_MARGIN_INITIAL_MULTIPLE } from './crossMargin';
export type { CrossMarginContagionParams, CrossMarginContagionResult, CrossMarginContagionRound, CrossMarginMode } from './crossMargin';

export { circularLayout, springLayout } from './layout';
export type { NodePosition } from './layout';
export { demoBankingSystem, demoNetworkParams, networkShockParams, networkViewParams, networkContagion, systemLossCurve } from './demoSystem';
export type { DemoBankingSystem, DemoNetworkParams, NetworkShockParams, NetworkViewParams, NetworkContagionResult, ContagionRoundState } from './demoSystem';
export { fireSaleSystem, fireSaleRounds, fireSaleStateAt, fireSaleBufferCurve, fireSaleBufferParams } from './fireSaleRounds';
export type { FireSaleRound, FireSaleRoundsResult, FireSaleBufferParams, FireSaleSystemParams } from './fireSaleRounds';
export { twoBankParams, twoBankSystem, debtRankChain, mutualExposureParams, mutualLeverageMatrix } from './handExamples';
export type { TwoBankParams, MutualExposureParams } from './handExamples';
