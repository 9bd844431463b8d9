/**
 * Named starting points of the hedging-feedback market for the chapter's
 * figures (one model, many presets). Each is a full parameter set of
 * `hedgingSimulationSpec`; the claims in their comments are checked over 200
 * seeds in hedgingSimulation.test.ts.
 */
import { defaultHedgingParams, type HedgingParams } from './hedgingSimulation';

/**
 * Gamma squeeze: customers buy out-of-the-money calls (strike 110, spot 100,
 * 25 trading days to expiry), so dealers are short 2 million of them; noise
 * traders lean to buying (drift +150 %/yr). As the price rises the calls'
 * delta rises, dealers buy stock to stay hedged, and their buying lifts the
 * price further: against the same seed without dealers the path ends higher,
 * by exactly λ × (net shares the dealers bought) in log price.
 */
export const squeezePreset: Readonly<HedgingParams> = Object.freeze({
  ...defaultHedgingParams,
  steps: 1560,
  drift: 1.5,
  impact: 0.02,
  bookSize: 2,
  dealerPosition: 'short',
  optionKind: 'call',
  strike: 110,
  expiryDays: 25,
  seed: 2,
});

/**
 * Pinning: dealers long 1 million at-the-money calls expiring at the end of
 * a two-day run, re-hedged hourly (13 five-minute steps). They sell rallies
 * and buy dips, so the price tends to finish near the strike. The loop gain
 * peaks at about 0.78 in magnitude at the last re-hedge, so the short-gamma
 * mirror image stays (barely) stable.
 */
export const pinPreset: Readonly<HedgingParams> = Object.freeze({
  ...defaultHedgingParams,
  steps: 156,
  impact: 0.01,
  bookSize: 1,
  hedgeInterval: 13,
  dealerPosition: 'long',
  optionKind: 'call',
  strike: 100,
  expiryDays: 2,
  seed: 1,
});

/** All presets by name (for a preset picker). */
export const hedgingPresets = Object.freeze({
  default: defaultHedgingParams,
  squeeze: squeezePreset,
  pin: pinPreset,
});
