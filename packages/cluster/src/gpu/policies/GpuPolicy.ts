import type { RandomStream } from '@berth/kernel';

/**
 * One GPU node as the FGD paper's policies read it (Weng et al., "Beware of Fragmentation: Scheduling
 * GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC 2023; its public simulator
 * hkust-adsl/kubernetes-scheduler-simulator calls it NodeResource): free cpu, the milli-GPU used on
 * each device, the model, and the GPU-affinity tags of the pods it holds (for GpuClustering).
 */
export interface GpuNodeView {
  readonly id: number;
  readonly model: string;
  readonly gpuCount: number;
  /** Milli-GPU used on each device, 0..1,000. */
  readonly used: Int32Array;
  readonly cpuCapacity: number;
  readonly cpuFree: number;
  readonly memoryFree: number;
  /** Count of the node's pods per GPU-affinity tag (`share`, `1-gpu`, `8-gpu`...); CPU-only pods have none. */
  readonly tags: ReadonlyMap<string, number>;
  /** Bumped whenever anything above changes. */
  readonly version: number;
}

/** A pod as the FGD paper's policies read it: cpu and memory, and its GPU demand (see GpuRequest). */
export interface GpuPod {
  readonly cpu: number;
  readonly memory: number;
  /** Milli-GPU per device: below 1,000 for a share of one device, 1,000 for whole devices, 0 for none. */
  readonly milli: number;
  /** Devices: 1 for a share, k for k whole devices, 0 for a CPU-only pod. */
  readonly count: number;
  /** GPU models the pod accepts; undefined for any. */
  readonly models: readonly string[] | undefined;
}

/**
 * A node-scoring policy of the FGD paper's experiments, as one kube-scheduler Score plugin with
 * weight 1,000 and every default plugin off (the paper's configuration): `score` rates a feasible
 * node in 0..100, integer, higher wins, and depends only on the pod and the node's state (so the
 * experiment may reuse it while the node is unchanged); how ties are broken is the experiment's
 * choice (see FragmentationExperimentOptions.ties). `device` is the in-node selection for a pod asking for a
 * share of one device: the index of the device it gets on the chosen node.
 */
export interface GpuPolicy {
  readonly name: string;
  /** True for a policy that draws its node uniformly among the feasible ones (Random's PreScore draw). */
  readonly drawsNode?: boolean;
  /** True for a policy that reads the nodes' GPU-affinity `tags` (GpuClustering). */
  readonly readsTags?: boolean;
  score(pod: GpuPod, node: GpuNodeView): number;
  device(pod: GpuPod, node: GpuNodeView, rng: RandomStream): number;
}

/** Sum of the free milli-GPU over a node's devices. */
export function idleMilli(node: GpuNodeView): number {
  let sum = 0;
  const used = node.used;
  for (let d = 0; d < node.gpuCount; d++) sum += 1000 - used[d]!;
  return sum;
}

/** The pod's GPU demand in milli-GPU (460 for a share, 2,000 for two devices). */
export function podMilli(pod: GpuPod): number {
  return pod.milli * pod.count;
}

/**
 * The simulator's default in-node selection `best` for a share: the device with the least free
 * milli-GPU that still holds it, the lowest index among equals; -1 when none does.
 */
export function bestFitDevice(pod: GpuPod, node: GpuNodeView): number {
  let best = -1;
  let bestFree = 1001;
  const used = node.used;
  for (let d = 0; d < node.gpuCount; d++) {
    const free = 1000 - used[d]!;
    if (free >= pod.milli && free < bestFree) {
      best = d;
      bestFree = free;
    }
  }
  return best;
}

/** The simulator's `random` in-node selection for a share: a uniform draw among the devices that hold it. */
export function randomDevice(pod: GpuPod, node: GpuNodeView, rng: RandomStream): number {
  let fitting = 0;
  const used = node.used;
  for (let d = 0; d < node.gpuCount; d++) if (1000 - used[d]! >= pod.milli) fitting += 1;
  if (fitting === 0) return -1;
  let k = rng.integer(0, fitting);
  for (let d = 0; d < node.gpuCount; d++) {
    if (1000 - used[d]! >= pod.milli && k-- === 0) return d;
  }
  return -1;
}
