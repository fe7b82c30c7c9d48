import { describe, expect, it } from 'vitest';
import { formatDecision } from '../scheduler/formatDecision.js';
import { createSimulation } from '../simulation/Simulation.js';
import { gpuStrategy } from './gpuStrategy.js';
import { fgdPolicy } from './policies/fgdPolicy.js';
import type { GpuPod } from './policies/GpuPolicy.js';
import { gpuClustering } from './policies/gpuClustering.js';
import { gpuPacking } from './policies/gpuPacking.js';
import { typicalPods } from './policies/typicalPods.js';

// Two 4-device hosts; `used` already holds a 300-milli share on device 0 of host a (pinned there).
const scenario = {
  hosts: [
    { name: 'a', capacity: { cpu: '64', memory: '256Gi' }, gpus: { model: 'T4', count: 4 } },
    { name: 'b', capacity: { cpu: '64', memory: '256Gi' }, gpus: { model: 'T4', count: 4 } },
  ],
  containers: [
    { name: 'used', host: 'a', requests: { cpu: '4', memory: '8Gi' }, gpu: { milli: 300 } },
    { name: 'share', at: '1s', requests: { cpu: '4', memory: '8Gi' }, gpu: { milli: 500 } },
  ],
};
const wholeGpu: GpuPod = { cpu: 8000, memory: 16_384, milli: 1000, count: 1, models: undefined };
const halfGpu: GpuPod = { cpu: 4000, memory: 8192, milli: 500, count: 1, models: undefined };

describe('gpuStrategy: the paper policies placing containers in a simulation', () => {
  it('FGD puts a share beside the partly used device (fragmentation falls) on host and device', () => {
    // M: half whole GPUs, half 500-milli shares. On a: device 0 at 300 used. The share on a's device 0
    // leaves 200 free there: F 350 → 200 (ΔF +150 → 53); on b, any device: F 0 → 250 (ΔF −250 → 43).
    const strategy = gpuStrategy(fgdPolicy(typicalPods([wholeGpu, halfGpu])));
    const sim = createSimulation(scenario, { strategy, explain: ['share'] }).run('2s');
    expect(sim.snapshot().containers.share).toMatchObject({ host: 'a', devices: [0] });
    const text = formatDecision(sim.decisions('share')[0]!);
    expect(text.split('\n')[0]).toContain('winner a (GPU device 0)');
    expect(text).toMatch(/a\s+passed\s+53→53\s+53/);
    expect(text).toMatch(/b\s+passed\s+43→43\s+43/);
  });

  it('GpuPacking prefers the shared device too (tier 1: 100 − ⌊⌊700·100/1000⌋/10⌋ = 93)', () => {
    const sim = createSimulation(scenario, { strategy: gpuStrategy(gpuPacking()) }).run('2s');
    expect(sim.snapshot().containers.share).toMatchObject({ host: 'a', devices: [0] });
  });

  it('GpuClustering keeps shares together and sends a whole GPU to the idle host', () => {
    // Hosts of 4 devices (4,000 milli); fullness = ⌊25 × (8,000 − free) / 8,000⌋.
    // share: a holds only 'share' → 75 + ⌊25 × 4,300 / 8,000⌋ = 88; b idle → 25 + ⌊25 × 4,000 / 8,000⌋ = 37.
    // whole (1 GPU): a holds only other tags → 0 + ⌊25 × 4,800 / 8,000⌋ = 15; b still 37.
    const withWhole = {
      ...scenario,
      containers: [
        ...scenario.containers,
        { name: 'whole', at: '2s', requests: { cpu: '4', memory: '8Gi' }, gpu: { count: 1 } },
      ],
    };
    const sim = createSimulation(withWhole, { strategy: gpuStrategy(gpuClustering()) }).run('3s');
    expect(sim.snapshot().containers.share).toMatchObject({ host: 'a', devices: [0] });
    expect(sim.snapshot().containers.whole).toMatchObject({ host: 'b' });
  });
});
