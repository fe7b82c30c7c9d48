import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type FragmentationSeries,
  fgdPolicy,
  type GpuNodeSpec,
  type GpuPod,
  type GpuPolicy,
  gpuBestFit,
  gpuClustering,
  gpuDotProduct,
  gpuPacking,
  gpuRandom,
  runFragmentationExperiment,
  type TypicalPods,
  typicalPods,
} from '@berth/cluster';
import { readGpuExperiment } from '@berth/workloads';

/** Where the Alibaba GPU v2023 files are read in place (beside the repository; never copied into it). */
export const OPENB_DIR = join(
  fileURLToPath(new URL('../../', import.meta.url)),
  '..',
  'shared',
  'data',
  'alibaba-gpu-v2023',
);

/** The FGD paper's published means on the default pod list (Weng et al., ATC 2023; gpu-fragmentation-facts.md). */
export const PUBLISHED: Readonly<
  Record<string, { readonly alloc130: number; readonly unalloc100: number; readonly sd100: number }>
> = {
  FGD: { alloc130: 95.39, unalloc100: 4.8, sd100: 0.1 },
  BestFit: { alloc130: 93.08, unalloc100: 7.1, sd100: 0.1 },
  GpuPacking: { alloc130: 92.0, unalloc100: 8.2, sd100: 0.5 },
  GpuClustering: { alloc130: 91.88, unalloc100: 8.3, sd100: 0.6 },
  DotProd: { alloc130: 90.85, unalloc100: 9.4, sd100: 0.2 },
  Random: { alloc130: 87.47, unalloc100: 13.7, sd100: 0.3 },
};

/** The cluster (the 1,213 GPU nodes) and the default pod list, with M built from it. */
export interface OpenbInput {
  readonly nodes: readonly GpuNodeSpec[];
  readonly pods: readonly GpuPod[];
  readonly typical: TypicalPods;
}

/** Reads the node list (GPU nodes only, the paper's cluster) and a pod list; null when the data is absent. */
export async function loadOpenb(podList = 'openb_pod_list_default.csv'): Promise<OpenbInput | null> {
  const nodesFile = join(OPENB_DIR, 'openb_node_list_all_node.csv');
  const podsFile = join(OPENB_DIR, podList);
  if (!existsSync(nodesFile) || !existsSync(podsFile)) return null;
  const { nodes, pods } = await readGpuExperiment(nodesFile, podsFile);
  return { nodes, pods, typical: typicalPods(pods) };
}

/** The six policies in the paper's order, each a fresh instance per run. */
export function paperPolicies(typical: TypicalPods): ReadonlyArray<readonly [string, () => GpuPolicy]> {
  return [
    ['FGD', () => fgdPolicy(typical)],
    ['BestFit', gpuBestFit],
    ['GpuPacking', gpuPacking],
    ['GpuClustering', gpuClustering],
    ['DotProd', gpuDotProduct],
    ['Random', gpuRandom],
  ];
}

/** The paper's seeds: 42 to 51. */
export const PAPER_SEEDS: readonly number[] = [42, 43, 44, 45, 46, 47, 48, 49, 50, 51];

/** One policy over the seeds, as the paper runs it. */
export function runPolicy(
  input: OpenbInput,
  policy: () => GpuPolicy,
  seeds: readonly number[],
  ties: 'permuted' | 'first' | 'uniform' = 'permuted',
): FragmentationSeries[] {
  return seeds.map((seed) =>
    runFragmentationExperiment({ nodes: input.nodes, pods: input.pods, typical: input.typical, policy, seed, ties }),
  );
}
