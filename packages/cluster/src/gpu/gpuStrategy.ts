import { defaultFilters } from '../filters/defaultFilters.js';
import type { HostState, HostView } from '../hosts/Host.js';
import { CPU, MEMORY } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { SelectionContext, Selector } from '../scheduler/Selector.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { BestHostTree } from './BestHostTree.js';
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

/** A host's entry in a {@link KindMemo} that the filters refused. */
const INFEASIBLE = -32_768;

/**
 * What the strategy knows of every host for one kind of container: per host id, the host's `version`
 * (and `state`) when it was last examined, and the policy's score then ({@link INFEASIBLE} when the
 * filters refused it). A policy's score depends only on the pod and the host's allocation (GpuPolicy's
 * contract) and `version` moves with every change of it, so a kept score is the one scoring again would
 * give. With a verdict key (every applicable filter host-local; see SelectionContext.verdictKey) the
 * verdict is kept too, while version and state are unchanged; without one only scores are kept and the
 * filters are asked each time. An optimisation only (FGD's score walks the typical pods for every
 * device): decisions are unchanged.
 */
class KindMemo {
  version: Float64Array;
  state: Array<HostState | undefined>;
  scores: Int16Array;
  /** The best host by `scores` among the feasible ones; null until the first full pass. */
  tree: BestHostTree | null = null;
  /** The {@link ChangeJournal}'s epoch and length when `tree` was last brought up to date. */
  epoch = -1;
  seen = 0;

  constructor(
    readonly verdictKey: number | null,
    hosts: number,
  ) {
    this.version = new Float64Array(hosts).fill(-1);
    // Filled up front: an array written at scattered ids would fall back to slow dictionary storage.
    this.state = Array.from({ length: hosts }, () => undefined);
    this.scores = new Int16Array(hosts);
  }

  /** Covers `hosts` hosts (they only join), keeping what is known of the first ones. */
  grow(hosts: number): void {
    const version = new Float64Array(hosts).fill(-1);
    version.set(this.version);
    const scores = new Int16Array(hosts);
    scores.set(this.scores);
    this.version = version;
    this.scores = scores;
    for (let id = this.state.length; id < hosts; id++) this.state.push(undefined);
  }
}

/**
 * The hosts whose allocation or state changed, in order, as the scheduler reports them
 * (`Selector.hostChanged`, the contract the capacity indexes of the other selectors rely on too): a
 * memo that has seen the first `seen` entries of this epoch needs to look again at the later ones only.
 * Kept short: past `16 × hosts` entries (or when hosts join) a new epoch starts, and each memo makes
 * one full pass over the hosts on its next use.
 */
class ChangeJournal {
  ids = new Int32Array(1024);
  length = 0;
  epoch = 0;

  add(id: number, hosts: number): void {
    if (this.length >= Math.max(1024, 16 * hosts)) this.restart();
    if (this.length === this.ids.length) {
      const ids = new Int32Array(2 * this.ids.length);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.length++] = id;
  }

  restart(): void {
    this.epoch += 1;
    this.length = 0;
  }
}

/**
 * The strategy's memos, one per kind of container: containers of a kind share their request vectors
 * (and GPU request; see SharedRequestVectors), so the kind is the vectors' identity, with the
 * scheduler's verdict key.
 */
class ScoreMemo {
  private readonly kinds = new Map<Float64Array, KindMemo[]>();

  of(request: PlacementRequest, verdictKey: number | null, hosts: number): KindMemo {
    let list = this.kinds.get(request.requests);
    if (list === undefined) {
      list = [];
      this.kinds.set(request.requests, list);
    }
    let memo = list.find((m) => m.verdictKey === verdictKey);
    if (memo === undefined) {
      memo = new KindMemo(verdictKey, hosts);
      list.push(memo);
    } else if (memo.version.length < hosts) memo.grow(hosts);
    return memo;
  }
}

/**
 * One of the FGD paper's policies as a Berth strategy, for scenarios with GPU devices (Weng et al.,
 * USENIX ATC 2023): the default filters (GpuDeviceFit among them), then the policy's score on every
 * feasible host, the best winning. Ties go to the earliest host in declaration order (`ties: 'first'`,
 * the default), or to the first host of a random order drawn once per run (`ties: 'permuted'`, the
 * paper's simulator: see `tieOrder`; drawn from a child of the scheduler's stream, so it takes
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
  const journal = new ChangeJournal();
  let hostCount = 0;

  /** Brings host `i`'s verdict and score in `m` up to date; true when they had to be worked out again. */
  const refresh = (m: KindMemo, i: number, host: HostView, pod: GpuPod, context: SelectionContext): boolean => {
    if (m.version[i] === host.version && m.state[i] === host.state) return false;
    m.scores[i] = context.feasible(host) ? policy.score(pod, node.of(host)) : INFEASIBLE;
    m.version[i] = host.version;
    m.state[i] = host.state;
    return true;
  };

  /**
   * The best host of a kind whose verdicts are host-local, for a policy that does not draw: the first
   * host with the highest score, as the loop below finds it, from the kind's tree after looking again
   * only at the hosts changed since the kind's last pod (all of them when the journal has restarted).
   */
  const selectIndexed = (request: PlacementRequest, context: SelectionContext, m: KindMemo): HostView | null => {
    const hosts = context.cluster.hosts;
    const n = hosts.length;
    const pod = podOf(request);
    let tree = m.tree;
    // A full pass when the kind's tree is out of date, or when more hosts changed than there are.
    if (tree === null || tree.size !== n || m.epoch !== journal.epoch || journal.length - m.seen > n) {
      for (let i = 0; i < n; i++) refresh(m, i, hosts[i]!, pod, context);
      if (tree === null || tree.size !== n) tree = m.tree = new BestHostTree(n, m.scores, permuted ? ranks : null);
      const scores = m.scores;
      tree.fill((i) => scores[i] !== INFEASIBLE);
    } else {
      const ids = journal.ids;
      for (let j = m.seen; j < journal.length; j++) {
        const i = ids[j]!;
        if (refresh(m, i, hosts[i]!, pod, context)) tree.set(i, m.scores[i] !== INFEASIBLE);
      }
    }
    m.epoch = journal.epoch;
    m.seen = journal.length;
    const best = tree.best();
    return best < 0 ? null : hosts[best]!;
  };

  const selector: Selector = {
    name,
    attach(cluster) {
      // Hosts joined: every memo makes a full pass (and sizes its tree) on its next use.
      hostCount = cluster.hosts.length;
      journal.restart();
      if (!permuted) return;
      const known = ranks.length;
      const fresh: number[] = [];
      for (let id = known; id < cluster.hosts.length; id++) fresh.push(id);
      if (known === 0) tieOrder(cluster.rng, fresh);
      ranks.push(...fresh);
    },
    hostChanged(host: HostView) {
      journal.add(host.id, hostCount);
    },
    select(request: PlacementRequest, context: SelectionContext): HostView | null {
      const hosts = context.cluster.hosts;
      const key = context.verdictKey ?? null;
      const m = memo.of(request, key, hosts.length);
      if (key !== null && context.recorder === null && policy.drawsNode !== true)
        return selectIndexed(request, context, m);
      const { version, state, scores } = m;
      const pod = podOf(request);
      let best: HostView | null = null;
      let top = -1;
      let ties = 0;
      for (let i = 0; i < hosts.length; i++) {
        const host = hosts[i]!;
        const id = host.id;
        let score: number;
        if (key !== null) {
          // The hot loop: while a host is unchanged, its verdict and score are two array reads.
          if (version[id] === host.version && state[id] === host.state) score = scores[id]!;
          else {
            score = context.feasible(host) ? policy.score(pod, node.of(host)) : INFEASIBLE;
            version[id] = host.version;
            state[id] = host.state;
            scores[id] = score;
          }
          if (score === INFEASIBLE) continue;
        } else {
          if (!context.feasible(host)) continue;
          if (version[id] === host.version) score = scores[id]!;
          else {
            score = policy.score(pod, node.of(host));
            version[id] = host.version;
            scores[id] = score;
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
