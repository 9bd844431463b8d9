import fc from 'fast-check';
import { EngineInputError } from '../core/errors';
import { edgeCount, fromDenseMatrix, inDegrees, networkEdges, networkFromEdges, outDegrees, toDenseMatrix, transposeNetwork, type Network } from './network';
import { corePeriphery, erdosRenyi, scaleFree } from './generators';
import { gaiKapadiaBalanceSheets, gaiKapadiaLiabilities } from './balanceSheets';

/** No self-loops, no duplicate edges, targets sorted within each source. */
function checkSimple(net: Network): void {
  for (let i = 0; i < net.n; i++) {
    const seen = new Set<number>();
    for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
      const t = net.targets[e]!;
      expect(t).not.toBe(i);
      expect(seen.has(t)).toBe(false);
      seen.add(t);
    }
  }
}

describe('CSR helpers', () => {
  it('round-trips between edge lists, dense matrices and the transpose', () => {
    // 0 owes 1 two units and 2 one unit; 2 owes 0 three units.
    const net = networkFromEdges(3, [2, 0, 0], [0, 1, 2], [3, 2, 1]);
    expect(Array.from(net.offsets)).toEqual([0, 2, 2, 3]);
    expect(toDenseMatrix(net)).toEqual([
      [0, 2, 1],
      [0, 0, 0],
      [3, 0, 0],
    ]);
    expect(Array.from(outDegrees(net))).toEqual([2, 0, 1]);
    expect(Array.from(inDegrees(net))).toEqual([1, 1, 1]);
    expect(toDenseMatrix(transposeNetwork(net))).toEqual([
      [0, 0, 3],
      [2, 0, 0],
      [1, 0, 0],
    ]);
    expect(toDenseMatrix(fromDenseMatrix(toDenseMatrix(net)))).toEqual(toDenseMatrix(net));
    expect(networkEdges(net)).toEqual([
      { source: 0, target: 1, weight: 2 },
      { source: 0, target: 2, weight: 1 },
      { source: 2, target: 0, weight: 3 },
    ]);
  });

  it('rejects self-loops and nodes out of range', () => {
    expect(() => networkFromEdges(2, [0], [0])).toThrow(EngineInputError);
    expect(() => networkFromEdges(2, [0], [2])).toThrow(EngineInputError);
    expect(() => fromDenseMatrix([[1]])).toThrow(EngineInputError);
  });
});

describe('Erdős–Rényi generator', () => {
  it('is deterministic by seed and simple', () => {
    const a = erdosRenyi({ banks: 300, avgDegree: 4, seed: 7 });
    const b = erdosRenyi({ banks: 300, avgDegree: 4, seed: 7 });
    const c = erdosRenyi({ banks: 300, avgDegree: 4, seed: 8 });
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
    expect(Array.from(a.targets)).not.toEqual(Array.from(c.targets));
    checkSimple(a);
  });

  it('has mean degree z and Poisson-like in-degrees', () => {
    // n = 4000, z = 2: edges ~ Binomial(n(n−1), z/(n−1)), mean 8000, sd ≈ 89; allow 5 sd (±450).
    const net = erdosRenyi({ banks: 4000, avgDegree: 2, seed: 11 });
    expect(Math.abs(edgeCount(net) - 8000)).toBeLessThan(450);
    // Share of banks with no debtors ≈ e^{-2} = 0.1353; sd √(p(1−p)/n) ≈ 0.0054, allow 5 sd.
    const zeros = Array.from(inDegrees(net)).filter((d) => d === 0).length / 4000;
    expect(Math.abs(zeros - Math.exp(-2))).toBeLessThan(0.027);
  });

  it('handles z = 0 and the complete graph', () => {
    expect(edgeCount(erdosRenyi({ banks: 50, avgDegree: 0, seed: 1 }))).toBe(0);
    expect(edgeCount(erdosRenyi({ banks: 6, avgDegree: 5, seed: 1 }))).toBe(30);
    expect(() => erdosRenyi({ banks: 6, avgDegree: 6, seed: 1 })).toThrow(EngineInputError);
    expect(() => erdosRenyi({ banks: 6, avgDegree: 1, seed: -1 })).toThrow(EngineInputError);
  });
});

describe('core–periphery generator', () => {
  it('has a dense core and periphery banks linked to the core', () => {
    // n = 1000, core = 100 banks with density 0.8: 9,900 ordered core pairs, sd of the density ≈ 0.004 (allow 0.02).
    const net = corePeriphery({ banks: 1000, coreFraction: 0.1, coreDensity: 0.8, peripheryLinks: 2, peripheryDensity: 0, seed: 3 });
    checkSimple(net);
    let coreCore = 0;
    let perToCore = 0;
    let perPer = 0;
    for (let i = 0; i < net.n; i++) {
      for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
        const t = net.targets[e]!;
        if (i < 100 && t < 100) coreCore++;
        else if (i >= 100 && t < 100) perToCore++;
        else if (i >= 100 && t >= 100) perPer++;
      }
    }
    expect(Math.abs(coreCore / 9900 - 0.8)).toBeLessThan(0.02);
    // 900 periphery banks × 2 expected core creditors = 1,800, sd ≈ 42 (allow 250).
    expect(Math.abs(perToCore - 1800)).toBeLessThan(250);
    expect(perPer).toBe(0);
  });
});

describe('scale-free generator', () => {
  it('has the exact link count, no duplicates, and hubs far above an Erdős–Rényi network', () => {
    const n = 2000;
    const m = 2;
    const net = scaleFree({ banks: n, linksPerBank: m, seed: 5 });
    expect(edgeCount(net)).toBe((m * (m + 1)) / 2 + m * (n - m - 1));
    checkSimple(net);
    // No pair linked both ways (each undirected link is oriented once).
    const pairs = new Set<string>();
    for (const { source, target } of networkEdges(net)) {
      const key = source < target ? `${source}-${target}` : `${target}-${source}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
    const deg = Array.from(inDegrees(net), (d, i) => d + outDegrees(net)[i]!);
    const er = erdosRenyi({ banks: n, avgDegree: 2, seed: 5 });
    const erDeg = Array.from(inDegrees(er), (d, i) => d + outDegrees(er)[i]!);
    // Preferential attachment: largest degree grows like m√n (≈ 90 here); an ER graph with mean total degree 4 tops out near 15.
    expect(Math.max(...deg)).toBeGreaterThan(40);
    expect(Math.max(...erDeg)).toBeLessThan(25);
  });
});

describe('Gai–Kapadia balance sheets', () => {
  it('interbank assets equal interbank liabilities in aggregate, and each creditor is owed A^IB/j per debtor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.double({ min: 0, max: 6, noNaN: true }), fc.nat(), (n, z, seed) => {
        const net = erdosRenyi({ banks: n, avgDegree: Math.min(z, n - 1), seed });
        const s = gaiKapadiaBalanceSheets(net, { interbankShare: 0.2, capitalBuffer: 0.04 });
        let assets = 0;
        let liabilities = 0;
        for (let i = 0; i < n; i++) {
          assets += s.interbankAssets[i]!;
          liabilities += s.interbankLiabilities[i]!;
          expect(s.interbankAssets[i]! + s.illiquidAssets[i]!).toBeCloseTo(1, 14);
          expect(s.interbankLiabilities[i]! + s.deposits[i]! + s.capital[i]!).toBeCloseTo(1, 12);
        }
        expect(Math.abs(assets - liabilities)).toBeLessThan(1e-9);
        const L = gaiKapadiaLiabilities(net, s);
        const owed = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let e = L.offsets[i]!; e < L.offsets[i + 1]!; e++) owed[L.targets[e]!]! += L.weights[e]!;
        for (let i = 0; i < n; i++) expect(owed[i]).toBeCloseTo(s.interbankAssets[i]!, 12);
      }),
      { numRuns: 100 },
    );
  });
});
