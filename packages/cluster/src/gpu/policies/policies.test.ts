import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { GpuNode } from '../experiment/GpuNode.js';
import { fgdPolicy } from './fgdPolicy.js';
import type { GpuPod } from './GpuPolicy.js';
import { gpuBestFit } from './gpuBestFit.js';
import { gpuClustering, gpuTag } from './gpuClustering.js';
import { gpuDotProduct } from './gpuDotProduct.js';
import { gpuPacking } from './gpuPacking.js';
import { gpuRandom } from './gpuRandom.js';
import { nodeFragmentation } from './nodeFragmentation.js';
import { typicalPods } from './typicalPods.js';

const share = (milli: number, cpu = 4000): GpuPod => ({ cpu, memory: 0, milli, count: 1, models: undefined });
const whole = (count: number, cpu = 8000): GpuPod => ({ cpu, memory: 0, milli: 1000, count, models: undefined });
const cpuOnly = (cpu: number): GpuPod => ({ cpu, memory: 0, milli: 0, count: 0, models: undefined });

/** A G2-like node (96 vCPU, 8 devices) with the given milli-GPU used per device and cpu used. */
function node(used: number[], cpuUsed = 0, gpus = 8, cpu = 96_000): GpuNode {
  const n = new GpuNode(0, { cpu, memory: 1e9, gpus, model: 'G2' });
  used.forEach((u, d) => {
    n.used[d] = u;
  });
  n.cpuFree -= cpuUsed;
  return n;
}

describe('typical pods (M)', () => {
  it('keeps the most frequent specs until 95 % of pods are covered, renormalised', () => {
    // 10 pods: 5 × whole(1), 3 × share(500), 1 × cpu-only, 1 × share(250). 95 % of 10 = 9.5: the top
    // three specs cover 9 < 9.5, so the fourth is kept too (all 10).
    const pods = [...Array(5).fill(whole(1)), ...Array(3).fill(share(500)), cpuOnly(2000), share(250)];
    const m = typicalPods(pods);
    expect(m.specs).toBe(4);
    expect(m.cpuOnly).toBeCloseTo(0.1, 12);
    expect(m.demands.map((d) => [d.milli, d.count, d.total])).toEqual([
      [1000, 1, 0.5],
      [500, 1, 0.3],
      [250, 1, 0.1],
    ]);
    // With an 80 % threshold the two most frequent (8 pods) suffice, renormalised to 5/8 and 3/8.
    expect(typicalPods(pods, 0.8).demands.map((d) => d.total)).toEqual([0.625, 0.375]);
  });
});

describe('node fragmentation F_n(M)', () => {
  // M: half whole-GPU pods (cpu 8000), half 500-milli shares (cpu 4000).
  const m = typicalPods([whole(1), share(500)]);

  it.each([
    // idle node: every pod fits every device → no fragment
    ['idle', [0, 0], 0, 0],
    // device 0 has 300 free: < 1000 (whole) and < 500 (share) → ½·300 + ½·300
    ['one device at 700 used', [700, 0], 0, 300],
    // device 0 has 600 free: < 1000 only → ½·600
    ['one device at 400 used', [400, 0], 0, 300],
    // cpu left 6000: the whole pod (8000) no longer fits → ½·(all 1600 idle); the share fits, 600 ≥ 500 → 0
    ['cpu short for the whole pod', [400, 0], 90_000, 800],
    // devices at 400 and 800 used (600 + 200 free): the whole pod fits nowhere → ½·800 (all idle);
    // the share fits device 0, device 1's 200 < 500 is a fragment → ½·200; total 400 + 100
    ['no whole device left', [400, 800], 0, 500],
  ])('%s', (_, used, cpuUsed, expected) => {
    const n = node(used, cpuUsed, 2);
    expect(nodeFragmentation(n, n.cpuFree, n.used, m)).toBeCloseTo(expected, 9);
  });

  it('counts every idle GPU for CPU-only pods and for pods that do not accept the model', () => {
    const t4only: GpuPod = { ...whole(1), models: ['T4'] };
    const m2 = typicalPods([cpuOnly(1000), t4only]);
    const n = node([0, 0], 0, 2);
    expect(nodeFragmentation(n, n.cpuFree, n.used, m2)).toBe(2000);
  });
});

describe('the paper six policies: scores', () => {
  const rng = createRandom('1').stream('devices');

  it('FGD: ⌊sigmoid(ΔF/1000)·100⌋, and the share goes where fragmentation grows least', () => {
    const m = typicalPods([whole(1), share(500)]);
    const fgd = fgdPolicy(m);
    // Two devices, device 0 at 500 used (500 free), device 1 idle; F = ½·500 (whole pod) = 250.
    const n = node([500, 0], 0, 2);
    // A 500 share on device 0 fills it: F' = 0, ΔF = 250 → ⌊sigmoid(0.25)·100⌋ = 56.
    // On device 1: free 500 and 500, F' = ½·1000 = 500, ΔF = −250 → 43. Device 0 wins.
    expect(fgd.score(share(500), n)).toBe(56);
    expect(fgd.device(share(500), n, rng)).toBe(0);
    // A whole device on device 1: F' = ½·500 + ½·0 (the 500 share still fits device 0) = 250 → ΔF 0 → 50.
    expect(fgd.score(whole(1), n)).toBe(50);
  });

  it('BestFit: ⌊(1 − ½·cpuLeft/128000 − ½·gpuLeft/8000)·100⌋', () => {
    // 96000 − 8000 = 88000 cpu left → 0.34375; 8000 − 1000 = 7000 milli left → 0.4375 → ⌊21.875⌋ = 21
    expect(gpuBestFit().score(whole(1), node([]))).toBe(21);
    // fuller node: cpu 88000 − 8000 left 80000 → 0.3125; gpu 1000 − 1000 = 0 → ⌊68.75⌋ = 68
    expect(gpuBestFit().score(whole(1), node([1000, 1000, 1000, 1000, 1000, 1000, 1000], 8000))).toBe(68);
  });

  it('DotProd (merge, max): ⌊(1 − (cpuFree·cpu/128000² + gpuFree·gpu/8000²)/2)·100⌋ — smallest product wins', () => {
    // idle: 96000·8000/128000² = 0.046875; 8000·1000/8000² = 0.125 → 1 − 0.0859375 → 91
    expect(gpuDotProduct().score(whole(1), node([]))).toBe(91);
    // 7 devices used: 96000·8000/128000² = 0.046875; 1000·1000/8000² = 0.015625 → 1 − 0.03125 → 96
    expect(gpuDotProduct().score(whole(1), node([1000, 1000, 1000, 1000, 1000, 1000, 1000]))).toBe(96);
  });

  it('GpuPacking: shared devices first, then free devices of a used node, then idle nodes', () => {
    const p = gpuPacking();
    // idle 8-device node: max(33 − 8, 8) = 25
    expect(p.score(share(300), node([]))).toBe(25);
    // device 0 at 500 used: the 300 share fits there: 100 − ⌊⌊500·100/1000⌋/10⌋ = 100 − 5 = 95
    expect(p.score(share(300), node([500]))).toBe(95);
    // a whole device on a used node takes 1 free device: max(50 − 1, 33) = 49
    expect(p.score(whole(1), node([500]))).toBe(49);
    // CPU-only pods: 0
    expect(p.score(cpuOnly(1000), node([500]))).toBe(0);
  });

  it('GpuClustering: bands by the GPU-affinity tags the node holds, plus ⌊25·(8000 − free)/8000⌋', () => {
    const c = gpuClustering();
    expect(gpuTag(share(300))).toBe('share');
    expect(gpuTag(whole(2))).toBe('2-gpu');
    const n = node([500]);
    // no GPU pod yet: 25 + ⌊25·500/8000⌋ = 25 + 1
    expect(c.score(share(300), n)).toBe(26);
    n.tags.set('share', 1);
    // only shares: 75 + 1
    expect(c.score(share(300), n)).toBe(76);
    // other tag only: 0 + 1
    expect(c.score(whole(1), n)).toBe(1);
    n.tags.set('1-gpu', 1);
    // mixed, including this tag: 50 + 1
    expect(c.score(whole(1), n)).toBe(51);
  });

  it('Random: every feasible node alike, drawn; the share goes to a device drawn among those that hold it', () => {
    const r = gpuRandom();
    expect(r.drawsNode).toBe(true);
    expect(r.score(whole(1), node([]))).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(r.device(share(600), node([500, 0, 0, 900], 0, 4), rng));
    expect([...seen].sort()).toEqual([1, 2]);
  });
});
