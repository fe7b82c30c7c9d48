import type { GpuNodeView, GpuPod, GpuPolicy } from './GpuPolicy.js';
import { nodeFragmentation } from './nodeFragmentation.js';
import type { TypicalPods } from './typicalPods.js';

/**
 * FGD, Fragmentation Gradient Descent (Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing
 * Workloads with Fragmentation Gradient Descent", USENIX ATC 2023, §5; simulator `fgd_score.go`):
 * place the pod where the node's expected fragmentation F_n(M) ({@link nodeFragmentation}) grows
 * least. Score = ⌊sigmoid((F_n − F_n') / 1000) × 100⌋ with n' the node after the placement — the
 * integer cut makes many nodes tie. A share of one device is tried on
 * every device that holds it and goes to the best (the first of equal scores): FGD's in-node selection.
 * Whole devices are the lowest-index free ones; a CPU-only pod changes only the node's free cpu.
 *
 * One instance per run: it remembers each node's F_n while the node is unchanged.
 */
export function fgdPolicy(typical: TypicalPods): GpuPolicy {
  let before = new Float64Array(0);
  let stamp = new Int32Array(0);
  const scratch = new Int32Array(64);

  const fragmentation = (node: GpuNodeView): number => {
    if (node.id >= stamp.length) {
      const size = Math.max(2 * stamp.length, node.id + 1);
      const b = new Float64Array(size);
      b.set(before);
      const s = new Int32Array(size).fill(-1);
      s.set(stamp);
      before = b;
      stamp = s;
    }
    if (stamp[node.id] !== node.version) {
      before[node.id] = nodeFragmentation(node, node.cpuFree, node.used, typical);
      stamp[node.id] = node.version;
    }
    return before[node.id]!;
  };

  const toScore = (delta: number): number => Math.trunc((1 / (1 + Math.exp(-delta / 1000))) * 100);

  /** The best device for a share and its score (first device among equal scores). */
  const bestShare = (pod: GpuPod, node: GpuNodeView): { device: number; score: number } => {
    const f = fragmentation(node);
    const used = node.used;
    const n = node.gpuCount;
    scratch.set(used.subarray(0, n));
    let best = -1;
    let bestScore = -1;
    for (let d = 0; d < n; d++) {
      if (1000 - used[d]! < pod.milli) continue;
      // Devices with the same free amount lead to the same state: score the first only.
      let seen = false;
      for (let e = 0; e < d; e++) if (used[e] === used[d] && 1000 - used[e]! >= pod.milli) seen = true;
      if (seen) continue;
      scratch[d]! += pod.milli;
      const score = toScore(f - nodeFragmentation(node, node.cpuFree - pod.cpu, scratch, typical));
      scratch[d]! -= pod.milli;
      if (score > bestScore) {
        bestScore = score;
        best = d;
      }
    }
    return { device: best, score: bestScore };
  };

  return {
    name: 'FGD',
    score(pod, node) {
      if (pod.count === 1 && pod.milli < 1000) return bestShare(pod, node).score;
      const f = fragmentation(node);
      const n = node.gpuCount;
      scratch.set(node.used.subarray(0, n));
      let left = pod.count;
      for (let d = 0; d < n && left > 0; d++) {
        if (scratch[d] === 0) {
          scratch[d] = 1000;
          left -= 1;
        }
      }
      return toScore(f - nodeFragmentation(node, node.cpuFree - pod.cpu, scratch, typical));
    },
    device: (pod, node) => bestShare(pod, node).device,
  };
}
