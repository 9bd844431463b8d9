/**
 * Seeded random interbank networks (edge i → j: i owes j; see network.ts).
 *
 * - Directed Erdős–Rényi: every ordered pair (i, j), i ≠ j, is an edge
 *   independently with probability z/(n − 1), so the mean in- and out-degree
 *   is z. This is the network of Gai & Kapadia (2010), Proc. R. Soc. A
 *   466:2401–2423, §3 (re-implementations: models.md §1.2).
 * - Core–periphery: a directed two-block random graph (dense core, periphery
 *   linked mainly to the core), the stylised tiered structure documented by
 *   Craig & von Peter (2014), "Interbank tiering and money center banks",
 *   J. Financial Intermediation 23(3):322–347. The block generator is the
 *   book's own construction.
 * - Scale-free: preferential attachment of Barabási & Albert (1999),
 *   "Emergence of scaling in random networks", Science 286(5439):509–512;
 *   each undirected link is then given a random direction (the book's choice),
 *   so hubs are large both as lenders and as borrowers.
 *
 * All three sample with O(n + edges) random draws (geometric skipping over
 * absent pairs, Batagelj & Brandes 2005, Phys. Rev. E 71:036113), so a
 * 10,000-bank network costs about as much as its edges.
 */
import { createRng, type Rng } from '../core/random';
import { EngineInputError, requireInRange, requireInteger } from '../core/errors';
import { defineParams, type ParamValues } from '../core/params';
import { networkFromEdges, type Network } from './network';

/** Growable pair of edge buffers (sources, targets). */
class EdgeBuffer {
  src: Int32Array;
  dst: Int32Array;
  size = 0;
  constructor(capacity: number) {
    const c = Math.max(16, Math.ceil(capacity));
    this.src = new Int32Array(c);
    this.dst = new Int32Array(c);
  }
  push(s: number, t: number): void {
    if (this.size === this.src.length) {
      const s2 = new Int32Array(this.size * 2);
      const t2 = new Int32Array(this.size * 2);
      s2.set(this.src);
      t2.set(this.dst);
      this.src = s2;
      this.dst = t2;
    }
    this.src[this.size] = s;
    this.dst[this.size++] = t;
  }
}

/**
 * Visit each of `count` slots independently with probability p, calling
 * visit(k) in increasing k. Geometric skipping: the gap to the next chosen
 * slot is Geometric(p), drawn as floor(ln U / ln(1 − p)). Terminates: k
 * increases by at least 1 per draw, so at most count + 1 draws.
 */
export function sampleSlots(rng: Rng, count: number, p: number, visit: (k: number) => void): void {
  if (count <= 0 || p <= 0) return;
  if (p >= 1) {
    for (let k = 0; k < count; k++) visit(k);
    return;
  }
  const logq = Math.log1p(-p);
  let k = -1;
  for (;;) {
    // 1 − next() lies in (0, 1], so the logarithm is finite and ≤ 0.
    k += 1 + Math.floor(Math.log(1 - rng.next()) / logq);
    if (k >= count) return;
    visit(k);
  }
}

/** Parameters of `erdosRenyi`. */
export const erdosRenyiParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'n', min: 2, max: 10000, step: 1, default: 100, integer: true, description: 'Nodes in the interbank network.' },
  avgDegree: {
    label: 'Average degree',
    symbol: 'z',
    unit: 'links',
    min: 0,
    max: 20,
    step: 0.1,
    default: 3,
    description: 'Mean number of debtors (and of creditors) per bank; each directed link exists with probability z/(n − 1).',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Same seed, same network.' },
});
/** Values of `erdosRenyiParams`. */
export type ErdosRenyiParams = ParamValues<typeof erdosRenyiParams>;

/**
 * Directed Erdős–Rényi network G(n, p) with p = z/(n − 1): each ordered pair
 * i ≠ j is an edge independently, so in- and out-degrees are Binomial(n − 1, p)
 * ≈ Poisson(z). Edges come out sorted by source then target.
 */
export function erdosRenyi(p: { banks: number; avgDegree: number; seed: number }): Network {
  const n = requireInteger(p.banks, 1, 1e7, 'banks');
  const z = requireInRange(p.avgDegree, 0, Math.max(0, n - 1), 'avgDegree');
  const rng = createRng(p.seed);
  if (n < 2) return { n, offsets: new Int32Array(n + 1), targets: new Int32Array(0) };
  const q = z / (n - 1);
  const slots = n * (n - 1);
  const m = slots * q;
  const buf = new EdgeBuffer(m + 4 * Math.sqrt(m) + 16);
  const row = n - 1;
  sampleSlots(rng, slots, q, (k) => {
    const i = Math.floor(k / row);
    const jj = k - i * row;
    buf.push(i, jj < i ? jj : jj + 1);
  });
  // Slots arrive in increasing order, so the edges are already grouped by source.
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < buf.size; e++) offsets[buf.src[e]! + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  return { n, offsets, targets: buf.dst.slice(0, buf.size) };
}

/** Parameters of `corePeriphery`. */
export const corePeripheryParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'n', min: 4, max: 10000, step: 1, default: 100, integer: true, description: 'Nodes in the interbank network.' },
  coreFraction: {
    label: 'Core size',
    unit: '%',
    display: 'percent',
    min: 0.02,
    max: 0.5,
    step: 0.01,
    default: 0.1,
    description: 'Share of banks in the densely connected core.',
  },
  coreDensity: {
    label: 'Core density',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.8,
    description: 'Probability of each directed link between two core banks.',
  },
  peripheryLinks: {
    label: 'Core links per periphery bank',
    unit: 'links',
    min: 0,
    max: 10,
    step: 0.1,
    default: 2,
    description: 'Expected number of core banks each periphery bank borrows from (and, separately, lends to).',
  },
  peripheryDensity: {
    label: 'Periphery density',
    unit: '%',
    display: 'percent',
    min: 0,
    max: 0.1,
    step: 0.001,
    default: 0,
    description: 'Probability of each directed link between two periphery banks (0 in a pure core–periphery structure).',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Same seed, same network.' },
});
/** Values of `corePeripheryParams`. */
export type CorePeripheryParams = ParamValues<typeof corePeripheryParams>;

/**
 * Directed core–periphery network. Banks 0 … c−1 form the core
 * (c = max(1, round(coreFraction·n))). Link probabilities:
 * core → core = coreDensity; core → periphery and periphery → core each
 * = min(1, peripheryLinks / c); periphery → periphery = peripheryDensity.
 */
export function corePeriphery(p: CorePeripheryParams): Network {
  const n = requireInteger(p.banks, 2, 1e7, 'banks');
  const frac = requireInRange(p.coreFraction, 0, 1, 'coreFraction');
  const pCore = requireInRange(p.coreDensity, 0, 1, 'coreDensity');
  const links = requireInRange(p.peripheryLinks, 0, n, 'peripheryLinks');
  const pPer = requireInRange(p.peripheryDensity, 0, 1, 'peripheryDensity');
  const rng = createRng(p.seed);
  const c = Math.min(n - 1, Math.max(1, Math.round(frac * n)));
  const pCP = Math.min(1, links / c);
  const expected = c * c * pCore + 2 * (n - c) * c * pCP + (n - c) * (n - c) * pPer;
  const buf = new EdgeBuffer(expected * 1.2 + 16);
  // Targets of source i inside [lo, hi) except i itself, with probability q each.
  const block = (i: number, lo: number, hi: number, q: number): void => {
    const skip = i >= lo && i < hi;
    sampleSlots(rng, hi - lo - (skip ? 1 : 0), q, (k) => {
      const t = lo + k;
      buf.push(i, skip && t >= i ? t + 1 : t);
    });
  };
  for (let i = 0; i < n; i++) {
    const inCore = i < c;
    block(i, 0, c, inCore ? pCore : pCP);
    block(i, c, n, inCore ? pCP : pPer);
  }
  return networkFromEdges(n, buf.src.subarray(0, buf.size), buf.dst.subarray(0, buf.size));
}

/** Parameters of `scaleFree`. */
export const scaleFreeParams = defineParams({
  banks: { label: 'Number of banks', symbol: 'n', min: 3, max: 10000, step: 1, default: 100, integer: true, description: 'Nodes in the interbank network.' },
  linksPerBank: {
    label: 'Links per new bank',
    symbol: 'm',
    unit: 'links',
    min: 1,
    max: 10,
    step: 1,
    default: 2,
    integer: true,
    description: 'Each arriving bank links to m existing banks chosen in proportion to their degree (mean in- and out-degree ≈ m).',
  },
  seed: { label: 'Random seed', min: 0, max: 4294967295, step: 1, default: 1, integer: true, description: 'Same seed, same network.' },
});
/** Values of `scaleFreeParams`. */
export type ScaleFreeParams = ParamValues<typeof scaleFreeParams>;

/**
 * Barabási–Albert preferential attachment, then random orientation.
 * Start: the first m + 1 banks are fully linked. Each later bank t links to m
 * distinct earlier banks, each chosen with probability proportional to its
 * current (undirected) degree (drawn uniformly from the list of link
 * endpoints). Each link then points either way with probability ½.
 * Termination: a duplicate draw is retried at most 32·m times, after which the
 * lowest-numbered bank not yet chosen is taken, so each bank costs O(m) draws.
 */
export function scaleFree(p: ScaleFreeParams): Network {
  const m = requireInteger(p.linksPerBank, 1, 1000, 'linksPerBank');
  const n = requireInteger(p.banks, 1, 1e7, 'banks');
  if (n < m + 1) throw new EngineInputError('out-of-range', `scale-free network needs at least m + 1 = ${m + 1} banks (got ${n})`, 'banks');
  const rng = createRng(p.seed);
  const seedLinks = (m * (m + 1)) / 2;
  const totalLinks = seedLinks + m * (n - m - 1);
  const ends = new Int32Array(2 * totalLinks);
  let nEnds = 0;
  const src = new Int32Array(totalLinks);
  const dst = new Int32Array(totalLinks);
  let nl = 0;
  const addLink = (a: number, b: number): void => {
    if (rng.next() < 0.5) {
      src[nl] = a;
      dst[nl++] = b;
    } else {
      src[nl] = b;
      dst[nl++] = a;
    }
    ends[nEnds++] = a;
    ends[nEnds++] = b;
  };
  for (let a = 0; a <= m; a++) for (let b = a + 1; b <= m; b++) addLink(a, b);
  const chosenBy = new Int32Array(n).fill(-1);
  const picks = new Int32Array(m);
  for (let t = m + 1; t < n; t++) {
    const endsBefore = nEnds; // choose among links that existed before t arrived
    for (let r = 0; r < m; r++) {
      let pick = -1;
      for (let tries = 0; tries < 32 * m && pick < 0; tries++) {
        const cand = ends[rng.int(endsBefore)]!;
        if (chosenBy[cand] !== t) pick = cand;
      }
      if (pick < 0) {
        // Fallback (bounded): lowest-numbered earlier bank not yet chosen; t > m so one exists.
        for (let c = 0; c < t && pick < 0; c++) if (chosenBy[c] !== t) pick = c;
      }
      chosenBy[pick] = t;
      picks[r] = pick;
    }
    for (let r = 0; r < m; r++) addLink(t, picks[r]!);
  }
  return networkFromEdges(n, src, dst);
}
