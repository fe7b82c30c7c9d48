import { acceptsModel } from '../GpuRequest.js';
import type { GpuNodeView, GpuPod } from '../policies/GpuPolicy.js';

/** A node of the fragmentation experiment's cluster, as the node list gives it. */
export interface GpuNodeSpec {
  readonly cpu: number;
  readonly memory: number;
  readonly gpus: number;
  /** GPU model; '' for a node without GPUs. */
  readonly model: string;
}

/** The mutable state of one node in the fragmentation experiment; policies see it as a {@link GpuNodeView}. */
export class GpuNode implements GpuNodeView {
  readonly model: string;
  readonly gpuCount: number;
  readonly used: Int32Array;
  readonly cpuCapacity: number;
  cpuFree: number;
  memoryFree: number;
  readonly tags = new Map<string, number>();
  version = 0;

  constructor(
    readonly id: number,
    spec: GpuNodeSpec,
  ) {
    this.model = spec.model;
    this.gpuCount = spec.gpus;
    this.used = new Int32Array(spec.gpus);
    this.cpuCapacity = spec.cpu;
    this.cpuFree = spec.cpu;
    this.memoryFree = spec.memory;
  }

  /**
   * The filters of the paper's scheduler (kube's NodeResourcesFit for cpu and memory, the simulator's
   * Open-Gpu-Share for the model and the devices): true when the pod fits the node.
   */
  fits(pod: GpuPod): boolean {
    if (pod.cpu > this.cpuFree || pod.memory > this.memoryFree) return false;
    if (pod.count === 0) return true;
    if (this.gpuCount === 0 || !acceptsModel(pod, this.model)) return false;
    let fitting = 0;
    for (let d = 0; d < this.gpuCount; d++) if (1000 - this.used[d]! >= pod.milli) fitting += 1;
    return fitting >= pod.count;
  }

  /** Binds the pod: a share on `device`, whole devices on the lowest-index free ones. */
  place(pod: GpuPod, device: number, tag: string | null): void {
    this.cpuFree -= pod.cpu;
    this.memoryFree -= pod.memory;
    if (pod.count === 1 && pod.milli < 1000) {
      if (!(device >= 0 && device < this.gpuCount) || this.used[device]! + pod.milli > 1000)
        throw new Error(`device ${device} cannot hold ${pod.milli} milli-GPU`);
      this.used[device]! += pod.milli;
    } else {
      let left = pod.count;
      for (let d = 0; d < this.gpuCount && left > 0; d++) {
        if (this.used[d] === 0) {
          this.used[d] = 1000;
          left -= 1;
        }
      }
      if (left > 0) throw new Error(`node ${this.id} lacks ${left} free devices`);
    }
    if (tag !== null) this.tags.set(tag, (this.tags.get(tag) ?? 0) + 1);
    this.version += 1;
  }
}
