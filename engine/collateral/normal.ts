/**
 * Standard normal helpers for the margin models: density φ and quantile Φ⁻¹.
 *
 * The quantile is Wichura's algorithm AS 241 (PPND16): M. J. Wichura (1988),
 * "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3):477–484. Three rational approximations (central
 * region |p − ½| ≤ 0.425, tail r = √(−ln min(p, 1−p)) ≤ 5, far tail), relative
 * accuracy about 1e-16. The coefficients are the published ones (as printed in
 * the paper and repeated in R's qnorm and J. Burkardt's C++ port). Tests compare
 * with SciPy 1.17 `norm.ppf`.
 *
 * Kept private to the collateral folder (other parts have their own normal
 * helpers); the public margin functions use them.
 */
import { requireFinite, EngineInputError } from '../core/errors';

const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
] as const;
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
] as const;
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
  0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
  1.05075007164441684324e-9,
] as const;
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 2.9656057182850489123e-1, 2.6532189526576123093e-2, 1.2426609473880784386e-3,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const F = [
  1, 5.9983220655588793769e-1, 1.3692988092273580531e-1, 1.48753612908506148525e-2, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
] as const;

/** Horner evaluation of c[0] + c[1]x + … + c[7]x⁷. */
function poly(c: readonly number[], x: number): number {
  let v = c[7]!;
  for (let i = 6; i >= 0; i--) v = v * x + c[i]!;
  return v;
}

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal quantile z = Φ⁻¹(p) for 0 < p < 1 (AS 241).
 * Throws EngineInputError for p outside (0, 1): the quantile is infinite there.
 */
export function normalQuantile(p: number): number {
  requireFinite(p, 'p');
  if (!(p > 0 && p < 1)) throw new EngineInputError('out-of-range', `probability must lie strictly between 0 and 1 (got ${p})`, 'p');
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  const v = r <= 5 ? poly(C, r - 1.6) / poly(D, r - 1.6) : poly(E, r - 5) / poly(F, r - 5);
  return q < 0 ? -v : v;
}
