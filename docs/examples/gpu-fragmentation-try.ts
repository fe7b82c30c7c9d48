// Lesson 13, try it yourself: the other three policies, ties drawn at random or given to the first node
// in list order instead of the first of a random order, and the experiment without its CPU-only pods (run from the repository root, with the trace
// beside it).
// requires: ../shared/data/alibaba-gpu-v2023/openb_node_list_all_node.csv
// requires: ../shared/data/alibaba-gpu-v2023/openb_pod_list_default.csv
import {
  fgdPolicy,
  type GpuPod,
  type GpuPolicy,
  gpuBestFit,
  gpuClustering,
  gpuDotProduct,
  gpuPacking,
  runFragmentationExperiment,
  typicalPods,
} from '@berth/cluster';
import { readGpuExperiment } from '@berth/workloads';

const data = '../shared/data/alibaba-gpu-v2023';
const { nodes, pods } = await readGpuExperiment(
  `${data}/openb_node_list_all_node.csv`,
  `${data}/openb_pod_list_default.csv`,
);

/** Seeds 42-44 of the experiment: the mean unallocated GPU % at 100 % arrivals and allocated at 130 %. */
function row(
  name: string,
  policy: () => GpuPolicy,
  list: readonly GpuPod[],
  ties: 'permuted' | 'first' | 'uniform',
): void {
  const typical = typicalPods(list);
  const runs = [42, 43, 44].map((seed) =>
    runFragmentationExperiment({ nodes, pods: list, typical, policy, seed, ties }),
  );
  const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  const idle = mean((r) => 100 - r.allocated[100]!);
  const end = mean((r) => r.allocated[130]!);
  console.log(`${name.padEnd(30)} ${idle.toFixed(2).padStart(10)} % ${end.toFixed(2).padStart(18)} %`);
}

console.log('policy                         unallocated at 100 %   allocated at 130 %');
const typical = typicalPods(pods);
// 1. The three policies the lesson's program leaves out, beside FGD.
row('FGD', () => fgdPolicy(typical), pods, 'permuted');
row('GpuPacking', gpuPacking, pods, 'permuted');
row('GpuClustering', gpuClustering, pods, 'permuted');
row('DotProd', gpuDotProduct, pods, 'permuted');
// 2. Ties drawn at random among the best nodes for each pod, or given to the first node in list order.
row('FGD, random ties', () => fgdPolicy(typical), pods, 'uniform');
row('BestFit, random ties', gpuBestFit, pods, 'uniform');
row('GpuPacking, list-order ties', gpuPacking, pods, 'first');
row('GpuClustering, list-order ties', gpuClustering, pods, 'first');
// 3. Only the pods that ask for a GPU: CPU no longer runs out on nodes with GPUs free.
const gpuPods = pods.filter((p) => p.count > 0);
const gpuTypical = typicalPods(gpuPods);
console.log(`\nwithout the CPU-only pods: ${gpuPods.length} of ${pods.length} pods`);
row('FGD, GPU pods only', () => fgdPolicy(gpuTypical), gpuPods, 'permuted');
row('BestFit, GPU pods only', gpuBestFit, gpuPods, 'permuted');
