import { bestFitDevice, type GpuPolicy } from './GpuPolicy.js';

/**
 * GpuPacking as the FGD paper's baseline (Weng et al., USENIX ATC 2023, §6.1; simulator
 * `gpu_packing_score.go`), three tiers, highest first:
 * - the pod fits on devices already in use: 100 − ⌊Σ ⌊free·100/1000⌋ / 10⌋ over the devices it would
 *   take (the fullest first), at least 50;
 * - it must take fully free devices of a node in use: 50 − (free devices taken), at least 33;
 * - the node is idle: max(33 − devices, devices).
 * A CPU-only pod scores 0 everywhere. A share goes to the fullest device that holds it. Packs.
 */
export function gpuPacking(): GpuPolicy {
  const order = new Int32Array(64);
  return {
    name: 'GpuPacking',
    score(pod, node) {
      if (pod.milli <= 0) return 0;
      const used = node.used;
      const n = node.gpuCount;
      let fullyFree = 0;
      for (let d = 0; d < n; d++) if (used[d] === 0) fullyFree += 1;
      if (fullyFree === n) return Math.max(33 - n, n);
      // Devices by increasing free milli-GPU (a stable insertion sort), the first ones that hold the pod taken.
      for (let d = 0; d < n; d++) {
        let i = d;
        while (i > 0 && used[order[i - 1]!]! < used[d]!) {
          order[i] = order[i - 1]!;
          i -= 1;
        }
        order[i] = d;
      }
      let need = pod.count;
      let freeTaken = 0;
      let ratio = 0;
      for (let i = 0; i < n && need > 0; i++) {
        const free = 1000 - used[order[i]!]!;
        if (free < pod.milli) continue;
        need -= 1;
        if (free === 1000) freeTaken += 1;
        ratio += Math.trunc((free * 100) / 1000);
      }
      if (need > 0) return 0;
      if (freeTaken > 0) return Math.max(50 - freeTaken, 33);
      return Math.max(100 - Math.trunc(ratio / 10), 50);
    },
    device: bestFitDevice,
  };
}
