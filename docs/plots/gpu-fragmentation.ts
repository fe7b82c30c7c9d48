// Lesson 13's plot, like Fig. 9(a) of the FGD paper (Weng et al., USENIX ATC 2023): unallocated GPU
// against arrived workload, median and 50 % interval over seeds 42-51, for the paper's six policies on
// the Alibaba openb default pod list and its 1,213 GPU nodes. The trace is read in place from
// ../shared/data (research and study use; not shipped with Berth).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fgdPolicy,
  type GpuPolicy,
  gpuBestFit,
  gpuClustering,
  gpuDotProduct,
  gpuPacking,
  gpuRandom,
  runFragmentationExperiment,
  typicalPods,
} from '@berth/cluster';
import { readGpuExperiment } from '@berth/workloads';
import type { TopLevelSpec } from 'vega-lite';

const data = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'data', 'alibaba-gpu-v2023');
const NODES = join(data, 'openb_node_list_all_node.csv');
const PODS = join(data, 'openb_pod_list_default.csv');
export const requires = [NODES, PODS];

const SEEDS = [42, 43, 44, 45, 46, 47, 48, 49, 50, 51];

export async function plot(): Promise<TopLevelSpec> {
  const { nodes, pods } = await readGpuExperiment(NODES, PODS);
  const typical = typicalPods(pods);
  const policies: Array<[string, () => GpuPolicy]> = [
    ['FGD', () => fgdPolicy(typical)],
    ['BestFit', gpuBestFit],
    ['GpuPacking', gpuPacking],
    ['GpuClustering', gpuClustering],
    ['DotProd', gpuDotProduct],
    ['Random', gpuRandom],
  ];
  const rows: Array<{ policy: string; arrived: number; median: number; low: number; high: number }> = [];
  for (const [name, policy] of policies) {
    const runs = SEEDS.map((seed) => runFragmentationExperiment({ nodes, pods, typical, policy, seed }));
    // Before about 80 % arrived, unallocated GPU is mostly GPU not yet asked for: the plot starts there.
    for (let k = 80; k <= 130; k += 2) {
      const values = runs.map((r) => 100 - r.allocated[k]!).sort((a, b) => a - b);
      const at = (p: number) => values[Math.round(p * (values.length - 1))]!;
      rows.push({ policy: name, arrived: k, median: round(at(0.5)), low: round(at(0.25)), high: round(at(0.75)) });
    }
  }
  const color = { field: 'policy', type: 'nominal', title: 'policy', sort: policies.map(([n]) => n) } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Unallocated GPU as work arrives: Alibaba openb, 1,213 GPU nodes, median and 50 % interval of 10 seeds',
      anchor: 'start',
    },
    width: 560,
    height: 300,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x: { field: 'arrived', type: 'quantitative', title: 'arrived workload, % of GPU capacity' },
          y: { field: 'low', type: 'quantitative', title: 'unallocated GPU, %' },
          y2: { field: 'high' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'arrived', type: 'quantitative' },
          y: { field: 'median', type: 'quantitative' },
          color,
        },
      },
    ],
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
