import { defaultFilters } from '../filters/defaultFilters.js';
import type { HostView } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { chooseDevices } from './chooseDevices.js';
import { isShare } from './GpuRequest.js';
import type { GpuNodeView, GpuPod, GpuPolicy } from './policies/GpuPolicy.js';
import { tieOrder } from './tieOrder.js';

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
  tags = NO_TAGS;
  version = 0;

  of(host: HostView): this {
    this.id = host.id;
    this.model = host.gpus?.model ?? '';
    this.gpuCount = host.gpus?.count ?? 0;
    this.used = host.gpus?.used ?? NO_DEVICES;
    this.tags = host.gpus?.tags ?? NO_TAGS;
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
 * A policy's scores, kept per pod shape and host while the host is unchanged: a policy's score depends
 * only on the pod's shape and the host's state (GpuPolicy's contract), and the host's `version` moves
 * with every change of its allocation, so a kept score is the one scoring again would give. An
 * optimisation only (FGD's score walks the typical pods for every device); decisions are unchanged.
 */
class ScoreMemo {
  private readonly shapes = new Map<string, { scores: Int16Array; stamps: Int32Array }>();

  /** The memo of one pod shape, sized for `hosts` hosts (grown when hosts join). */
  of(request: PlacementRequest, hosts: number): { scores: Int16Array; stamps: Int32Array } {
    const gpu = request.gpu;
    const key = `${request.requests[CPU]}/${request.requests[MEMORY]}/${gpu?.milli ?? 0}/${gpu?.count ?? 0}/${gpu?.models?.join('|') ?? ''}`;
    let memo = this.shapes.get(key);
    if (memo === undefined || memo.stamps.length < hosts) {
      const scores = new Int16Array(hosts);
      const stamps = new Int32Array(hosts).fill(-1);
      if (memo !== undefined) {
        scores.set(memo.scores);
        stamps.set(memo.stamps);
      }
      memo = { scores, stamps };
      this.shapes.set(key, memo);
    }
    return memo;
  }
}

/**
 * One of the FGD paper's policies as a Berth strategy, for scenarios with GPU devices (Weng et al.,
 * USENIX ATC 2023): the default filters (GpuDeviceFit among them), then the policy's score on every
 * feasible host, the best winning. Ties go to the earliest host in declaration order (`ties: 'first'`,
 * the default), or to the first host of a random order drawn once per run (`ties: 'permuted'`, the
 * paper's simulator: see {@link tieOrder}; drawn from a child of the scheduler's stream, so it takes
 * nothing from the scheduler's own draws, and a host that joins later comes after those already
 * there), or to a uniform draw for a policy that draws its node (Random) under either rule.
 * The policy's in-node selection picks the device of a share; whole devices are the lowest-index free
 * ones. GpuClustering reads each host's GPU-affinity tags ({@link GpuDevicesView.tags}). Build a fresh
 * one per simulation (`createSimulation(scenario, { strategy: gpuStrategy(...) })`): a policy may keep
 * per-run caches, and the strategy keeps the scores of unchanged hosts. `name` names the strategy in
 * reports (default the policy's).
 */
export function gpuStrategy(
  policy: GpuPolicy,
  name: string = policy.name,
  options: { readonly ties?: 'first' | 'permuted' | undefined } = {},
): Strategy {
  const node = new HostAsGpuNode();
  const memo = new ScoreMemo();
  // Each host's place in the tie order, by id; empty while ties go to the earliest host.
  const ranks: number[] = [];
  const permuted = options.ties === 'permuted' && policy.drawsNode !== true;
  const selector: Selector = {
    name,
    attach(cluster) {
      if (!permuted) return;
      const known = ranks.length;
      const fresh: number[] = [];
      for (let id = known; id < cluster.hosts.length; id++) fresh.push(id);
      if (known === 0) tieOrder(cluster.rng, fresh);
      ranks.push(...fresh);
    },
    select(request: PlacementRequest, context: SelectionContext): HostView | null {
      const pod = podOf(request);
      const hosts = context.cluster.hosts;
      const { scores, stamps } = memo.of(request, hosts.length);
      let best: HostView | null = null;
      let top = -1;
      let ties = 0;
      for (const host of hosts) {
        if (!context.feasible(host)) continue;
        let score: number;
        const id = host.id;
        if (id < stamps.length && stamps[id] === host.version) score = scores[id]!;
        else {
          score = policy.score(pod, node.of(host));
          // A host whose id is past the memo (one joined since) is scored afresh each time.
          if (id < stamps.length) {
            scores[id] = score;
            stamps[id] = host.version;
          }
        }
        context.recorder?.accept(
          host.name,
          { [policy.name]: { raw: score, normalized: score, weighted: score } },
          score,
        );
        if (score > top) {
          top = score;
          best = host;
          ties = 1;
        } else if (score === top) {
          if (policy.drawsNode === true) {
            // Reservoir sampling: each of the k hosts tied so far is kept with probability 1/k.
            ties += 1;
            if (context.cluster.rng.integer(0, ties) === 0) best = host;
          } else if (permuted && ranks[id]! < ranks[best!.id]!) best = host;
        }
      }
      if (context.recorder !== null) context.recorder.considered = hosts.length;
      return best;
    },
  };
  return {
    name,
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
