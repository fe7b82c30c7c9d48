// Lesson 13: GPU fragmentation. Part 1 measures one node's fragmentation by hand; part 2 runs the FGD
// paper's experiment on Alibaba's trace (run from the repository root, with the trace beside it).
// requires: ../shared/data/alibaba-gpu-v2023/openb_node_list_all_node.csv
// requires: ../shared/data/alibaba-gpu-v2023/openb_pod_list_default.csv
import {
  fgdPolicy,
  GpuNode,
  type GpuPod,
  type GpuPolicy,
  gpuBestFit,
  gpuRandom,
  nodeFragmentation,
  runFragmentationExperiment,
  typicalPods,
} from '@berth/cluster';
import { readGpuExperiment } from '@berth/workloads';

// #region node
// The workload's typical pods: half ask for a whole GPU, half for 500 milli-GPU (half a GPU).
const wholeGpu: GpuPod = { cpu: 8000, memory: 16_384, milli: 1000, count: 1, models: undefined };
const halfGpu: GpuPod = { cpu: 4000, memory: 8192, milli: 500, count: 1, models: undefined };
const M = typicalPods([wholeGpu, halfGpu]);

// One node with 4 GPUs; GPU 0 already holds a 300-milli share, so 700 of it is free.
const node = new GpuNode(0, { cpu: 64_000, memory: 262_144, gpus: 4, model: 'T4' });
node.place({ ...halfGpu, milli: 300 }, 0, 'share');
const F = (n: GpuNode) => nodeFragmentation(n, n.cpuFree, n.used, M);
console.log(`free milli-GPU per device: ${Array.from(node.used, (u) => 1000 - u).join(', ')}; F = ${F(node)}`);

// Where should the next 500-milli share go: on the partly used GPU 0, or on a free GPU 1?
for (const device of [0, 1]) {
  const copy = new GpuNode(0, { cpu: 64_000, memory: 262_144, gpus: 4, model: 'T4' });
  copy.used.set(node.used);
  copy.place(halfGpu, device, 'share');
  const free = Array.from(copy.used, (u) => 1000 - u).join(', ');
  console.log(`share on GPU ${device}: free ${free}; F = ${F(copy)} (change ${F(copy) - F(node)})`);
}
// #endregion node

// #region experiment
// The FGD paper's experiment on the real trace: the 1,213 GPU nodes and 8,152 pods of Alibaba's openb
// default list, read in place from beside the repository (research and study use only).
const data = '../shared/data/alibaba-gpu-v2023';
const { nodes, pods } = await readGpuExperiment(
  `${data}/openb_node_list_all_node.csv`,
  `${data}/openb_pod_list_default.csv`,
);
const typical = typicalPods(pods);
console.log(`\n${nodes.length} GPU nodes, ${pods.length} pods; M keeps ${typical.specs} pod shapes`);

const policies: Array<[string, () => GpuPolicy]> = [
  ['FGD', () => fgdPolicy(typical)],
  ['BestFit', gpuBestFit],
  ['Random', gpuRandom],
];
console.log('policy    idle GPU fragmented at 90 %   unallocated GPU at 100 %   allocated at 130 %   (seeds 42-44)');
for (const [name, policy] of policies) {
  const runs = [42, 43, 44].map((seed) => runFragmentationExperiment({ nodes, pods, typical, policy, seed }));
  const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const idle = mean((r) => 100 - r.allocated[100]!);
  const fragmented = mean((r) => r.fragmentationRatio[90]!);
  const end = mean((r) => r.allocated[130]!);
  console.log(
    `${name.padEnd(8)} ${fragmented.toFixed(0).padStart(22)} % ${idle.toFixed(1).padStart(24)} % ${end.toFixed(1).padStart(19)} %`,
  );
}
// #endregion experiment
