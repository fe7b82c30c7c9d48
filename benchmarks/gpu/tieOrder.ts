import { gpuClustering, gpuPacking, runFragmentationExperiment } from '@berth/cluster';
import { createRandom } from '@berth/kernel';
import { loadOpenb, PAPER_SEEDS, PUBLISHED } from './openbExperiment.js';

// Why the order in which ties are broken moves GpuPacking and GpuClustering (and not the others): the
// FGD paper's experiment (seeds 42-51, allocation at 130 %) with ties to the first node of
// - a random order drawn per run (`permuted`, the paper's simulator: it prefixes node names with a
//   random index before its selectHost takes the smallest name),
// - the node list's order, the list reversed, and one fixed random order (`first` on the reordered list),
// each with the whole pod list and with its CPU-only pods removed. Both policies score a CPU-only pod
// 0 on every node (simulator `gpu_packing_score.go`, `gpu_clustering_score.go`), so every feasible node
// ties and such a pod goes to the first node of the order.
const input = await loadOpenb();
if (input === null) {
  console.log('## GPU fragmentation: tie order\n\nSkipped: ../shared/data/alibaba-gpu-v2023 is absent.');
  process.exit(0);
}
const ids = input.nodes.map((_, i) => i);
const orders: ReadonlyArray<readonly [string, readonly number[] | null]> = [
  ['random per run (paper)', null],
  ['list order', ids],
  ['list reversed', [...ids].reverse()],
  [
    'one fixed random order',
    createRandom('tie-order')
      .stream('nodes')
      .shuffle([...ids]),
  ],
];
const gpuPods = input.pods.filter((p) => p.count > 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log('## GPU fragmentation: how the tie order moves the coarse policies\n');
console.log(
  `GPU allocation % at 130 % arrivals, mean over seeds ${PAPER_SEEDS[0]}-${PAPER_SEEDS.at(-1)}; "GPU pods only" drops the ${input.pods.length - gpuPods.length} CPU-only pods of ${input.pods.length}.\n`,
);
console.log(`| policy | pods | published | ${orders.map(([name]) => name).join(' | ')} |`);
console.log(`| --- | --- | ---: | ${orders.map(() => '---:').join(' | ')} |`);
for (const [name, policy] of [
  ['GpuPacking', gpuPacking],
  ['GpuClustering', gpuClustering],
] as const) {
  for (const [label, pods] of [
    ['all', input.pods],
    ['GPU pods only', gpuPods],
  ] as const) {
    const cells = orders.map(([, order]) => {
      const nodes = order === null ? input.nodes : order.map((i) => input.nodes[i]!);
      const ties = order === null ? 'permuted' : 'first';
      const runs = PAPER_SEEDS.map(
        (seed) =>
          runFragmentationExperiment({ nodes, pods, typical: input.typical, policy, seed, ties }).allocated[130]!,
      );
      return mean(runs).toFixed(2);
    });
    const paper = label === 'all' ? PUBLISHED[name]!.alloc130.toFixed(2) : '';
    console.log(`| ${name} | ${label} | ${paper} | ${cells.join(' | ')} |`);
  }
}

// The GPUs on the first nodes of each order that together have as much cpu as the CPU-only pods ask for
// over a run (their share of the list × 1.3): where those pods pile up, the GPUs lose the cpu to run on.
let cpuOnly = 0;
for (const pod of input.pods) if (pod.count === 0) cpuOnly += pod.cpu;
const asked = cpuOnly * 1.3;
let cpu = 0;
let gpus = 0;
for (const node of input.nodes) {
  cpu += node.cpu;
  gpus += node.gpus;
}
console.log(
  `\nCPU-only pods ask for ${(asked / 1000).toFixed(0)} vCPU over a run; the first nodes holding that much cpu hold ` +
    orders
      .filter(([, order]) => order !== null)
      .map(([name, order]) => {
        let c = 0;
        let g = 0;
        for (const i of order!) {
          if (c >= asked) break;
          c += input.nodes[i]!.cpu;
          g += input.nodes[i]!.gpus;
        }
        return `${g} GPUs in ${name}`;
      })
      .join(', ') +
    ` (${((gpus / cpu) * asked).toFixed(0)} in a random order, on average).`,
);
