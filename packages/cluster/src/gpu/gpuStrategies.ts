import type { ContainerSpec } from '../containers/Container.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { StrategyContext, StrategyFactory } from '../strategies/StrategyFactory.js';
import { gpuStrategy } from './gpuStrategy.js';
import { fgdPolicy } from './policies/fgdPolicy.js';
import type { GpuPod } from './policies/GpuPolicy.js';
import { gpuBestFit } from './policies/gpuBestFit.js';
import { gpuClustering } from './policies/gpuClustering.js';
import { gpuDotProduct } from './policies/gpuDotProduct.js';
import { gpuPacking } from './policies/gpuPacking.js';
import { gpuRandom } from './policies/gpuRandom.js';
import { typicalPods } from './policies/typicalPods.js';

/** The pod a GPU policy sees for a container spec: cpu in millicores, memory in MiB, its GPU devices. */
export function gpuPodOf(spec: Pick<ContainerSpec, 'requests' | 'gpu'>): GpuPod {
  const gpu = spec.gpu;
  return {
    cpu: spec.requests[CPU]!,
    memory: spec.requests[MEMORY]!,
    milli: gpu?.milli ?? 0,
    count: gpu?.count ?? 0,
    models: gpu?.models,
  };
}

/** FGD with M learnt from the scenario's own containers, as the paper learns it from the pod list. */
function fgd(c: StrategyContext): ReturnType<StrategyFactory> {
  if (c.workload.length === 0) {
    throw new Error(
      "gpu-fgd learns the workload's typical pods from the scenario's containers (and job tasks); this scenario has none",
    );
  }
  return gpuStrategy(fgdPolicy(typicalPods(c.workload.map(gpuPodOf))), 'gpu-fgd', { ties: c.config.gpuTies });
}

/**
 * The six policies of the FGD paper (Weng et al., "Beware of Fragmentation", USENIX ATC 2023) as
 * strategies a scenario names in `scheduler.strategy`, each through {@link gpuStrategy}: `gpu-fgd`
 * (its typical pods M from the scenario's standalone containers and job tasks, as listed), `gpu-best-fit`,
 * `gpu-packing`, `gpu-clustering`, `gpu-dot-product` and `gpu-random`. They score every feasible host,
 * ignore `scheduler.sampling`, `scheduler.scorers` and `scheduler.preemption` (the paper's scheduler has
 * one score plugin, scores 100 % of the nodes and does not preempt), and place GPU devices their own way.
 * They break ties as `scheduler.gpuTies` says (gpu-random always draws).
 */
export const GPU_STRATEGIES: Readonly<Record<string, StrategyFactory>> = {
  'gpu-fgd': fgd,
  'gpu-best-fit': (c) => gpuStrategy(gpuBestFit(), 'gpu-best-fit', { ties: c.config.gpuTies }),
  'gpu-packing': (c) => gpuStrategy(gpuPacking(), 'gpu-packing', { ties: c.config.gpuTies }),
  'gpu-clustering': (c) => gpuStrategy(gpuClustering(), 'gpu-clustering', { ties: c.config.gpuTies }),
  'gpu-dot-product': (c) => gpuStrategy(gpuDotProduct(), 'gpu-dot-product', { ties: c.config.gpuTies }),
  'gpu-random': () => gpuStrategy(gpuRandom(), 'gpu-random'),
};
