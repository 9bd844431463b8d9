import { circularLayout, springLayout } from './layout';
import { erdosRenyi } from './generators';
import { networkFromEdges } from './network';

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('circularLayout', () => {
  it('puts node 0 at the top and spaces the nodes evenly on a circle', () => {
    const p = circularLayout(4, 0.1);
    expect(p[0]!.x).toBeCloseTo(0.5, 12);
    expect(p[0]!.y).toBeCloseTo(0.1, 12);
    for (const q of p) expect(dist(q, { x: 0.5, y: 0.5 })).toBeCloseTo(0.4, 12);
    expect(dist(p[0]!, p[1]!)).toBeCloseTo(dist(p[1]!, p[2]!), 12);
    expect(circularLayout(1)).toEqual([{ x: 0.5, y: 0.5 }]);
    expect(circularLayout(0)).toEqual([]);
  });
});

describe('springLayout', () => {
  it('is deterministic, finite and inside the padded square', () => {
    const net = erdosRenyi({ banks: 15, avgDegree: 2, seed: 4 });
    const a = springLayout(net, { seed: 2 });
    expect(springLayout(net, { seed: 2 })).toEqual(a);
    for (const q of a) {
      expect(Number.isFinite(q.x) && Number.isFinite(q.y)).toBe(true);
      expect(q.x).toBeGreaterThanOrEqual(0.06 - 1e-12);
      expect(q.x).toBeLessThanOrEqual(0.94 + 1e-12);
      expect(q.y).toBeGreaterThanOrEqual(0.06 - 1e-12);
      expect(q.y).toBeLessThanOrEqual(0.94 + 1e-12);
    }
  });

  it('keeps nodes apart and draws linked nodes closer than the average pair', () => {
    for (const seed of [1, 2, 3, 5, 8, 25]) {
      const net = erdosRenyi({ banks: 12, avgDegree: 2, seed });
      const pos = springLayout(net, { seed });
      let minD = Infinity;
      let sumAll = 0;
      let nAll = 0;
      for (let i = 0; i < 12; i++)
        for (let j = i + 1; j < 12; j++) {
          const d = dist(pos[i]!, pos[j]!);
          minD = Math.min(minD, d);
          sumAll += d;
          nAll++;
        }
      let sumLinked = 0;
      let nLinked = 0;
      for (let i = 0; i < 12; i++)
        for (let e = net.offsets[i]!; e < net.offsets[i + 1]!; e++) {
          sumLinked += dist(pos[i]!, pos[net.targets[e]!]!);
          nLinked++;
        }
      expect(minD, `seed ${seed}`).toBeGreaterThan(0.05);
      if (nLinked > 0) expect(sumLinked / nLinked, `seed ${seed}`).toBeLessThan(sumAll / nAll);
    }
  });

  it('handles a single node, a network without links and two nodes', () => {
    expect(springLayout(networkFromEdges(1, [], []))).toEqual([{ x: 0.5, y: 0.5 }]);
    const empty = springLayout(networkFromEdges(5, [], []));
    expect(empty.length).toBe(5);
    const two = springLayout(networkFromEdges(2, [0], [1]));
    expect(dist(two[0]!, two[1]!)).toBeGreaterThan(0.5);
  });
});
