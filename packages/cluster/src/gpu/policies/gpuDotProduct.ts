import { bestFitDevice, type GpuPolicy, idleMilli, podMilli } from './GpuPolicy.js';
import { MAX_SPEC } from './gpuBestFit.js';

/**
 * DotProd as the FGD paper's baseline (Weng et al., USENIX ATC 2023, §6.1, after Tetris; simulator
 * `dot_product_score.go` with the experiments' `dimext merge`, `norm max`): the node's free vector
 * (cpu, total free milli-GPU) and the pod's request, each divided by the largest node's, dotted and
 * averaged over the two dimensions; the smallest product wins: ⌊(1 − dot/2) × 100⌋. Normalised and
 * smallest-wins, it prefers the node with the least free capacity where the pod is large: it packs.
 * A share goes to the fullest device that holds it (`gpusel best`).
 */
export function gpuDotProduct(): GpuPolicy {
  return {
    name: 'DotProd',
    score(pod, node) {
      const dot =
        (node.cpuFree / MAX_SPEC.cpu) * (pod.cpu / MAX_SPEC.cpu) +
        (idleMilli(node) / MAX_SPEC.gpu) * (podMilli(pod) / MAX_SPEC.gpu);
      return Math.trunc((1 - dot / 2) * 100);
    },
    device: bestFitDevice,
  };
}
