import { defaultFilters } from '../filters/defaultFilters.js';
import type { HostView } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { chooseDevices } from './chooseDevices.js';
import { isShare } from './GpuRequest.js';
import type { GpuNodeView, GpuPod, GpuPolicy } from './policies/GpuPolicy.js';

const NO_DEVICES = new Int32Array(0);
const NO_TAGS: ReadonlyMap<string, number> = new Map();

/** A host as a GPU policy reads it; one per selector, refilled for each host it looks at. */
class HostAsGpuNode implements GpuNodeView {
  id = 0;
  model = '';
  gpuCount = 0;
  used: Int32Array = NO_DEVICES;
  cpuCapacity = 0;
  cpuFree = 0;
  memoryFree = 0;
  readonly tags = NO_TAGS;
  version = 0;

  of(host: HostView): this {
    this.id = host.id;
    this.model = host.gpus?.model ?? '';
    this.gpuCount = host.gpus?.count ?? 0;
    this.used = host.gpus?.used ?? NO_DEVICES;
    this.cpuCapacity = host.capacity[CPU]!;
    this.cpuFree = host.capacity[CPU]! - host.allocated[CPU]!;
    this.memoryFree = host.capacity[MEMORY]! - host.allocated[MEMORY]!;
    this.version = host.version;
    return this;
  }
}

/** The pod a GPU policy sees for a container. */
function podOf(request: PlacementRequest): GpuPod {
  const gpu = request.gpu;
  return {
    cpu: request.requests[CPU]!,
    memory: request.requests[MEMORY]!,
    milli: gpu?.milli ?? 0,
    count: gpu?.count ?? 0,
    models: gpu?.models,
  };
}

/**
 * One of the FGD paper's policies as a Berth strategy, for scenarios with GPU devices (Weng et al.,
 * USENIX ATC 2023): the default filters (GpuDeviceFit among them), then the policy's score on every
 * feasible host, the best winning; ties go to the earliest host (as in the paper's experiment, see
 * `runFragmentationExperiment`), or a uniform draw for a policy that draws its node (Random). The
 * policy's in-node selection picks the device of a share; whole devices are the lowest-index free
 * ones. Build a fresh one per simulation (`createSimulation(scenario, { strategy: gpuStrategy(...) })`):
 * a policy may keep per-run caches. Policies that read the nodes' GPU-affinity tags (GpuClustering)
 * need the experiment's bookkeeping and are refused.
 */
export function gpuStrategy(policy: GpuPolicy): Strategy {
  if (policy.readsTags === true) {
    throw new RangeError(
      `gpuStrategy: ${policy.name} reads the nodes' GPU-affinity tags; use runFragmentationExperiment`,
    );
  }
  const node = new HostAsGpuNode();
  const selector: Selector = {
    name: policy.name,
    select(request: PlacementRequest, context: SelectionContext): HostView | null {
      const pod = podOf(request);
      let best: HostView | null = null;
      let top = -1;
      let ties = 0;
      for (const host of context.cluster.hosts) {
        if (!context.feasible(host)) continue;
        const score = policy.score(pod, node.of(host));
        context.recorder?.accept(
          host.name,
          { [policy.name]: { raw: score, normalized: score, weighted: score } },
          score,
        );
        if (score > top) {
          top = score;
          best = host;
          ties = 1;
        } else if (score === top && policy.drawsNode === true) {
          // Reservoir sampling: each of the k hosts tied so far is kept with probability 1/k.
          ties += 1;
          if (context.cluster.rng.integer(0, ties) === 0) best = host;
        }
      }
      if (context.recorder !== null) context.recorder.considered = context.cluster.hosts.length;
      return best;
    },
  };
  return {
    name: policy.name,
    filters: defaultFilters(),
    selector,
    preemption: false,
    devices: (devices, gpu, rng, host, container) => {
      if (!isShare(gpu)) return chooseDevices(devices, gpu);
      const d = policy.device(podOf(container), node.of(host), rng);
      return d < 0 ? null : [d];
    },
  };
}
