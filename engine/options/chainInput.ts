/**
 * An option chain as a reader types it: rows of strike, days to expiry, type,
 * open interest and who holds the long side, turned into `ChainLine`s under a
 * chosen assumption about who the dealers are facing.
 *
 * Who is long which option is not in public open-interest data, so every GEX
 * estimate rests on a convention (shared/reference/models.md §5.3):
 * - 'naive' (the practitioners' default, the engine's binding convention):
 *   customers sell calls and buy puts, so dealers are long calls and short puts;
 * - 'dealers-short': customers bought everything, so dealers are short every
 *   line (the situation in a call-buying frenzy);
 * - 'per-line': each row says who is long.
 *
 * Validation here is for readers' input: it reports every problem with a
 * sentence a reader can act on, and leaves the offending rows out instead of
 * throwing, so a widget can still draw the valid part of the chain.
 */
import { checkParam, defineParams, type ParamValues } from '../core/params';
import { EngineInputError, requireFinite, requirePositive } from '../core/errors';
import { exampleChain, type ChainLine } from './dealerGamma';
import type { OptionKind } from './blackScholes';

/** Calendar days per year used to turn a row's days to expiry into years (the `exampleChain` convention: 30/365). */
export const CALENDAR_DAYS = 365;

/** The dealer-sign convention of a chain, as a widget choice. */
export const dealerConventionSpec = defineParams({
  convention: {
    kind: 'choice',
    label: 'Who is long the options',
    description: 'Open interest does not say who bought and who sold. Naive: customers sell calls and buy puts. Dealers short: customers bought every line. Per line: set it row by row.',
    options: [
      { value: 'naive', label: 'Naive: dealers long calls, short puts' },
      { value: 'dealers-short', label: 'Dealers short everything' },
      { value: 'per-line', label: 'Per line (the table decides)' },
    ],
    default: 'naive',
  },
});

export type DealerConvention = ParamValues<typeof dealerConventionSpec>['convention'];

/** Ranges of one typed chain row (strike in $, expiry in calendar days, open interest in contracts). */
export const chainLineSpec = defineParams({
  strike: { label: 'Strike', symbol: 'K', unit: '$', min: 1, max: 1000, step: 0.5, default: 100, description: 'Strike price of the options on this line.' },
  expiryDays: { label: 'Days to expiry', unit: 'days', min: 1, max: 730, step: 1, default: 30, integer: true, description: 'Calendar days until these options expire.' },
  openInterest: { label: 'Open interest', unit: 'contracts', min: 0, max: 10_000_000, step: 100, default: 10000, description: 'Contracts outstanding on this line.' },
});

/** Who holds the long side of a line when the convention is 'per-line'. */
export type LongSide = 'customers' | 'dealers';

/** A chain row as typed: numbers may be anything (NaN for an empty field). */
export interface ChainRow {
  strike: number;
  expiryDays: number;
  kind: OptionKind;
  openInterest: number;
  long: LongSide;
}

export interface ChainRowIssue {
  /** Index of the row (0-based). */
  row: number;
  field: 'strike' | 'expiryDays' | 'openInterest' | 'kind' | 'long';
  message: string;
}

/**
 * Problems with one typed row, each as a sentence for the reader (empty when
 * the row is usable). Negative open interest and a zero expiry get their own
 * explanations, since they are the two mistakes the chapter warns about.
 */
export function checkChainRow(row: ChainRow, index = 0): ChainRowIssue[] {
  const issues: ChainRowIssue[] = [];
  const line = `Line ${index + 1}`;
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (!num(row.strike)) issues.push({ row: index, field: 'strike', message: `${line}: enter a strike price.` });
  else {
    const m = checkParam(chainLineSpec.strike, row.strike);
    if (m) issues.push({ row: index, field: 'strike', message: `${line}: ${m}.` });
  }
  if (!num(row.expiryDays)) issues.push({ row: index, field: 'expiryDays', message: `${line}: enter the days to expiry.` });
  else if (row.expiryDays <= 0) {
    issues.push({ row: index, field: 'expiryDays', message: `${line}: expiry must be at least 1 day. An option at or past expiry has no gamma left, so it cannot force any hedging.` });
  } else {
    const m = checkParam(chainLineSpec.expiryDays, row.expiryDays);
    if (m) issues.push({ row: index, field: 'expiryDays', message: `${line}: ${m}.` });
  }
  if (!num(row.openInterest)) issues.push({ row: index, field: 'openInterest', message: `${line}: enter the open interest.` });
  else if (row.openInterest < 0) {
    issues.push({ row: index, field: 'openInterest', message: `${line}: open interest cannot be negative. It counts contracts outstanding; say who is short with “who is long” instead.` });
  } else {
    const m = checkParam(chainLineSpec.openInterest, row.openInterest);
    if (m) issues.push({ row: index, field: 'openInterest', message: `${line}: ${m}.` });
  }
  if (row.kind !== 'call' && row.kind !== 'put') issues.push({ row: index, field: 'kind', message: `${line}: choose call or put.` });
  if (row.long !== 'customers' && row.long !== 'dealers') issues.push({ row: index, field: 'long', message: `${line}: choose who is long.` });
  return issues;
}

/** The dealers' sign (+1 long, −1 short) of a line under a convention. */
export function dealerSignFor(kind: OptionKind, long: LongSide, convention: DealerConvention): 1 | -1 {
  if (convention === 'dealers-short') return -1;
  if (convention === 'per-line') return long === 'dealers' ? 1 : -1;
  return kind === 'call' ? 1 : -1;
}

/** Who is long a line under a convention (what the table shows when the convention decides). */
export function longSideFor(kind: OptionKind, long: LongSide, convention: DealerConvention): LongSide {
  return dealerSignFor(kind, long, convention) === 1 ? 'dealers' : 'customers';
}

/**
 * Typed rows → chain lines with an explicit dealer sign, leaving out every
 * row that has a problem (all problems are returned). Expiry is converted to
 * years with 365 calendar days.
 */
export function chainFromRows(rows: readonly ChainRow[], convention: DealerConvention): { chain: ChainLine[]; issues: ChainRowIssue[]; used: number[] } {
  const chain: ChainLine[] = [];
  const issues: ChainRowIssue[] = [];
  const used: number[] = [];
  rows.forEach((row, i) => {
    const p = checkChainRow(row, i);
    if (p.length) {
      issues.push(...p);
      return;
    }
    chain.push({ strike: row.strike, time: row.expiryDays / CALENDAR_DAYS, kind: row.kind, openInterest: row.openInterest, dealerSign: dealerSignFor(row.kind, row.long, convention) });
    used.push(i);
  });
  return { chain, issues, used };
}

/**
 * The engine's `exampleChain` as editable rows (30 calendar days; who is long
 * follows the naive convention, so 'per-line' starts where 'naive' is).
 */
export function exampleChainRows(): ChainRow[] {
  return exampleChain.map((l) => ({
    strike: l.strike,
    expiryDays: Math.round(l.time * CALENDAR_DAYS),
    kind: l.kind,
    openInterest: l.openInterest,
    long: l.kind === 'call' ? 'dealers' : 'customers',
  }));
}

/**
 * Gamma flip of a two-line chain, in closed form: dealers short a put line
 * (strike K_p, open interest N_p) and long a call line (K_c > K_p, N_c), one
 * expiry T, one volatility σ, rate r (no dividends). The naive convention
 * for such a chain. GEX(S) ∝ N_c φ(d₁ᶜ) − N_p φ(d₁ᵖ), and since
 * d₁ᵖ² − d₁ᶜ² = (d₁ᵖ − d₁ᶜ)(d₁ᵖ + d₁ᶜ) with d₁ᵖ − d₁ᶜ = ln(K_c/K_p)/(σ√T),
 * the single zero is
 *
 *   ln S* = ½(ln K_p + ln K_c) − (r + σ²/2)T + σ²T · ln(N_p/N_c) / ln(K_c/K_p).
 *
 * With equal open interest, S* = √(K_p K_c)·e^{−(r + σ²/2)T}. Below S* the
 * short puts dominate (GEX < 0), above it the long calls (GEX > 0).
 * Throws `EngineInputError` unless strikes, open interests, time and vol are
 * positive and the call strike is above the put strike.
 */
export function twoStrikeFlip(p: { putStrike: number; callStrike: number; putOpenInterest: number; callOpenInterest: number; time: number; vol: number; rate?: number }): number {
  const Kp = requirePositive(p.putStrike, 'putStrike');
  const Kc = requirePositive(p.callStrike, 'callStrike');
  if (!(Kc > Kp)) throw new EngineInputError('invalid-parameter', `callStrike must be above putStrike (got ${Kc} ≤ ${Kp})`, 'callStrike');
  const Np = requirePositive(p.putOpenInterest, 'putOpenInterest');
  const Nc = requirePositive(p.callOpenInterest, 'callOpenInterest');
  const T = requirePositive(p.time, 'time');
  const vol = requirePositive(p.vol, 'vol');
  const r = p.rate === undefined ? 0 : requireFinite(p.rate, 'rate');
  const s2T = vol * vol * T;
  const lnS = 0.5 * (Math.log(Kp) + Math.log(Kc)) - (r + (vol * vol) / 2) * T + (s2T * Math.log(Np / Nc)) / Math.log(Kc / Kp);
  return Math.exp(lnS);
}
