import { bestFitDevice, type GpuPolicy, idleMilli, podMilli } from './GpuPolicy.js';

/** The largest node shape in the FGD paper's cluster: 128 vCPU and 8 GPUs (simulator `MaxSpecCpu`, `MaxSpecGpu`). */
export const MAX_SPEC = { cpu: 128_000, gpu: 8_000 } as const;

/**
 * BestFit as the FGD paper's baseline (Weng et al., USENIX ATC 2023, §6.1; simulator
 * `best_fit_score.go`): the node left with the least free cpu and GPU after the placement, each
 * normalised by the largest node and weighted ½: ⌊(1 − Σ ½·(free − request)/max) × 100⌋ over cpu and
 * total free milli-GPU. (The simulator then rescales scores min–max, which keeps their order and ties.)
 * A share goes to the fullest device that holds it. Packs.
 */
export function gpuBestFit(): GpuPolicy {
  return {
    name: 'BestFit',
    score(pod, node) {
      const left =
        0.5 * ((node.cpuFree - pod.cpu) / MAX_SPEC.cpu) + 0.5 * ((idleMilli(node) - podMilli(pod)) / MAX_SPEC.gpu);
      return Math.trunc((1 - left) * 100);
    },
    device: bestFitDevice,
  };
}
