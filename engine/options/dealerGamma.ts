/**
 * Dealer gamma exposure (GEX) of an option chain: how many dollars of the
 * underlying option dealers must trade to stay delta-hedged when the price
 * moves by 1 %.
 *
 *   GEX($ per 1 %) = Σ_lines sign · Γ(S) · OI · contractSize · S² · 0.01
 *
 * Γ is the Black–Scholes gamma of one option on one share (`bsGreeks`), OI the
 * open interest in contracts. Γ·S²·0.01 is the change in delta (in shares) for
 * a 1 % move, times S to express it in dollars.
 *
 * Source: the practitioners' "SqueezeMetrics convention", read in
 * https://stocks.tradingvolatility.net/gexDashboard ("gamma * Open Interest *
 * 100" for calls, "* -100" for puts; "GEX($) per 1% move"; "Naive GEX …
 * investors are primarily selling calls and buying puts") and
 * https://gammababa.com/docs/data-methodology ("GEX = Γ × OI × 100 × S² ×
 * sign"); see shared/reference/models.md §5.3. The SqueezeMetrics white
 * paper itself was not available, so the 0.01 (per 1 %) scaling follows those
 * two secondary sources. Default sign ("naive" convention, binding engine
 * convention): dealers are LONG calls (+1) and SHORT puts (−1); a line's
 * explicit `dealerSign` overrides it.
 */
import { defineParams } from '../core/params';
import { EngineInputError, requireFinite, requireNonNegative, requirePositive } from '../core/errors';
import type { OptionKind } from './blackScholes';
import { INV_SQRT_2PI } from './normal';

/** One line of an option chain (contract API). `openInterest` in contracts; `dealerSign` +1 = dealers long. */
export interface ChainLine {
  strike: number;
  /** Time to expiry in years. Lines with time 0 have expired and carry no gamma. */
  time: number;
  kind: OptionKind;
  openInterest: number;
  dealerSign?: 1 | -1;
}

/** Market inputs shared by the GEX functions. */
export interface GexMarket {
  spot: number;
  /** One implied volatility for every line (annual decimal, > 0). */
  vol: number;
  rate?: number;
  /** Continuous dividend yield (default 0); an optional extension of the contract. */
  dividendYield?: number;
  /** Shares per contract (default 100). */
  contractSize?: number;
}

/** GEX split by strike (dollars per 1 % move), for a bar chart. */
export interface GexStrikeRow {
  strike: number;
  /** Signed dealer GEX of the call lines at this strike. */
  call: number;
  /** Signed dealer GEX of the put lines at this strike. */
  put: number;
  /** call + put. */
  net: number;
}

/** Widget parameters for the dealer-gamma figure. */
export const dealerGammaSpec = defineParams({
  spot: { label: 'Spot price', symbol: 'S', unit: '$', min: 60, max: 140, step: 0.5, default: 100, description: 'Current price of the underlying.' },
  vol: { label: 'Implied volatility', symbol: '\\sigma', unit: '%', display: 'percent', min: 0.05, max: 1, step: 0.01, default: 0.2, description: 'One implied volatility used for every option in the chain.' },
  rate: { label: 'Interest rate', symbol: 'r', unit: '%', display: 'percent', min: 0, max: 0.1, step: 0.0025, default: 0.02, description: 'Continuously compounded risk-free rate.' },
  contractSize: { label: 'Contract size', unit: 'shares', min: 1, max: 1000, step: 1, default: 100, integer: true, description: 'Shares delivered by one option contract.' },
});

/**
 * A small illustrative chain around spot 100 (one 30-day expiry): put open
 * interest below the money, call open interest above, as in index options.
 * With vol 20 % and rate 2 % (the `dealerGammaSpec` defaults), under the naive
 * convention, its GEX is about +6.5 million $ per 1 % at 100 and turns
 * negative below about 98.6 (the gamma flip); call wall 110, put wall 95.
 */
export const exampleChain: readonly ChainLine[] = Object.freeze(
  (
    [
      [85, 'put', 10000],
      [90, 'put', 20000],
      [95, 'put', 15000],
      [100, 'put', 4000],
      [105, 'put', 1000],
      [95, 'call', 1000],
      [100, 'call', 6000],
      [105, 'call', 12000],
      [110, 'call', 40000],
      [115, 'call', 12000],
    ] as const
  ).map(([strike, kind, openInterest]) => Object.freeze({ strike, time: 30 / 365, kind, openInterest })),
);

/** A chain validated and reduced to the numbers the gamma sum needs (typed arrays, filled once). */
interface PreparedChain {
  n: number;
  strike: Float64Array;
  isCall: Uint8Array;
  /** ln K − (r − q)T − s²/2, so that d₁ = (ln S − offset)/s. */
  offset: Float64Array;
  /** s = σ√T (0 for expired lines, which are skipped). */
  sd: Float64Array;
  /** sign · OI · contractSize · e^{−qT} · φ-normaliser / s: GEX weight per line. */
  weight: Float64Array;
}

function prepareChain(chain: readonly ChainLine[], m: Omit<GexMarket, 'spot'>): PreparedChain {
  if (!Array.isArray(chain)) throw new EngineInputError('invalid-shape', 'chain must be an array of lines', 'chain');
  const vol = requirePositive(m.vol, 'vol');
  const r = m.rate === undefined ? 0 : requireFinite(m.rate, 'rate');
  const q = m.dividendYield === undefined ? 0 : requireFinite(m.dividendYield, 'dividendYield');
  const cs = m.contractSize === undefined ? 100 : requirePositive(m.contractSize, 'contractSize');
  const n = chain.length;
  const out: PreparedChain = {
    n,
    strike: new Float64Array(n),
    isCall: new Uint8Array(n),
    offset: new Float64Array(n),
    sd: new Float64Array(n),
    weight: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const line = chain[i]!;
    const where = `chain[${i}]`;
    if (line === null || typeof line !== 'object') throw new EngineInputError('invalid-shape', `${where} must be an object`, where);
    if (line.kind !== 'call' && line.kind !== 'put') throw new EngineInputError('invalid-parameter', `${where}.kind must be 'call' or 'put'`, `${where}.kind`);
    const K = requirePositive(line.strike, `${where}.strike`);
    const T = requireNonNegative(line.time, `${where}.time`);
    const oi = requireNonNegative(line.openInterest, `${where}.openInterest`);
    let sign: number = line.kind === 'call' ? 1 : -1;
    if (line.dealerSign !== undefined) {
      if (line.dealerSign !== 1 && line.dealerSign !== -1) {
        throw new EngineInputError('invalid-parameter', `${where}.dealerSign must be 1 or -1 (got ${String(line.dealerSign)})`, `${where}.dealerSign`);
      }
      sign = line.dealerSign;
    }
    const dfQ = Math.exp(-q * T);
    if (!Number.isFinite(dfQ)) throw new EngineInputError('out-of-range', `dividendYield × time overflows for ${where}`, 'dividendYield');
    const sd = vol * Math.sqrt(T);
    out.strike[i] = K;
    out.isCall[i] = line.kind === 'call' ? 1 : 0;
    out.sd[i] = sd;
    // d₁ = (ln S − ln K + (r − q)T)/s + s/2 = (ln S − offset)/s.
    out.offset[i] = Math.log(K) - (r - q) * T - (sd * sd) / 2;
    out.weight[i] = sd > 0 ? (sign * oi * cs * dfQ * INV_SQRT_2PI) / sd : 0;
  }
  return out;
}

/** GEX of line i at spot S (log spot lnS), in $ per 1 %. Γ·S²·0.01 with Γ = e^{−qT}φ(d₁)/(S s): one S cancels. */
function lineGex(c: PreparedChain, i: number, S: number, lnS: number): number {
  const w = c.weight[i]!;
  if (w === 0) return 0;
  const d1 = (lnS - c.offset[i]!) / c.sd[i]!;
  const e = Math.exp(-0.5 * d1 * d1);
  return e === 0 ? 0 : 0.01 * S * w * e; // e = 0: avoid ∞·0 for a weight that overflowed (σ√T ≈ 0)
}

/** GEX of the whole chain at spot S, in $ per 1 %: 0.01·S·Σ wᵢ·exp(−d₁ᵢ²/2). */
function gexAt(c: PreparedChain, S: number): number {
  const lnS = Math.log(S);
  let acc = 0;
  for (let i = 0; i < c.n; i++) {
    const w = c.weight[i]!;
    if (w === 0) continue;
    const d1 = (lnS - c.offset[i]!) / c.sd[i]!;
    const e = Math.exp(-0.5 * d1 * d1);
    if (e !== 0) acc += w * e;
  }
  return 0.01 * S * acc;
}

/**
 * Dealers' gamma exposure in dollars per 1 % move of the underlying:
 * Σ sign·Γ·OI·contractSize·S²·0.01 (SqueezeMetrics convention; see module
 * comment). Positive: dealers are long gamma and trade against moves
 * (damping); negative: they chase moves (amplifying). Empty chain → 0.
 * Throws `EngineInputError` for negative or non-finite open interest, strikes
 * ≤ 0, negative times, vol ≤ 0, an invalid `dealerSign`.
 */
export function dealerGammaExposure(chain: readonly ChainLine[], m: GexMarket): number {
  const S = requirePositive(m.spot, 'spot');
  return gexAt(prepareChain(chain, m), S);
}

/**
 * GEX as a function of a hypothetical spot, holding open interest, vol and
 * times fixed: the curve whose zero crossing is the "gamma flip". O(spots ×
 * lines), typed arrays filled once.
 */
export function gammaProfile(chain: readonly ChainLine[], m: Omit<GexMarket, 'spot'> & { spots: readonly number[] }): { spot: number; gex: number }[] {
  if (!Array.isArray(m.spots)) throw new EngineInputError('invalid-shape', 'spots must be an array of prices', 'spots');
  const c = prepareChain(chain, m);
  const out = new Array<{ spot: number; gex: number }>(m.spots.length);
  for (let j = 0; j < m.spots.length; j++) {
    const S = requirePositive(m.spots[j], `spots[${j}]`);
    out[j] = { spot: S, gex: gexAt(c, S) };
  }
  return out;
}

/**
 * GEX at the current spot split by strike and by calls / puts, sorted by
 * strike (lines of several expiries at one strike are added). The bars of a
 * "GEX by strike" chart; their sum is `dealerGammaExposure`.
 */
export function gexByStrike(chain: readonly ChainLine[], m: GexMarket): GexStrikeRow[] {
  const S = requirePositive(m.spot, 'spot');
  const c = prepareChain(chain, m);
  const lnS = Math.log(S);
  const rows = new Map<number, GexStrikeRow>();
  for (let i = 0; i < c.n; i++) {
    const K = c.strike[i]!;
    const g = lineGex(c, i, S, lnS);
    let row = rows.get(K);
    if (!row) {
      row = { strike: K, call: 0, put: 0, net: 0 };
      rows.set(K, row);
    }
    if (c.isCall[i]) row.call += g;
    else row.put += g;
    row.net += g;
  }
  return [...rows.values()].sort((a, b) => a.strike - b.strike);
}

/**
 * "Gamma walls" at the current spot: the strike whose call lines carry the
 * largest absolute gamma exposure (call wall, usually above spot, where long
 * dealer gamma resists a rally) and the strike whose put lines carry the
 * largest absolute exposure (put wall). Absolute values so that the walls do
 * not depend on the sign convention; ties go to the lower strike; null when
 * the chain has no (unexpired, non-zero) call or put lines.
 */
export function gammaWalls(chain: readonly ChainLine[], m: GexMarket): { callWall: number | null; putWall: number | null } {
  let callWall: number | null = null;
  let putWall: number | null = null;
  let bestCall = 0;
  let bestPut = 0;
  for (const row of gexByStrike(chain, m)) {
    if (Math.abs(row.call) > bestCall) {
      bestCall = Math.abs(row.call);
      callWall = row.strike;
    }
    if (Math.abs(row.put) > bestPut) {
      bestPut = Math.abs(row.put);
      putWall = row.strike;
    }
  }
  return { callWall, putWall };
}
