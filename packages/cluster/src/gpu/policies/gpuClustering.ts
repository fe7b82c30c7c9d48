import { gpuAffinityTag } from '../GpuDevices.js';
import { bestFitDevice, type GpuPod, type GpuPolicy, idleMilli } from './GpuPolicy.js';
import { MAX_SPEC } from './gpuBestFit.js';

/** A pod's GPU-affinity tag: `share` for a share of one device, `k-gpu` for k whole devices, null for none. */
export function gpuTag(pod: GpuPod): string | null {
  return pod.count === 0 ? null : gpuAffinityTag(pod.count, pod.milli);
}

/**
 * GpuClustering as the FGD paper's baseline (Weng et al., USENIX ATC 2023, §6.1; simulator
 * `gpu_clustering_score.go`): keep pods of one GPU-affinity tag ({@link gpuTag}) together. Four bands
 * of 25 points, each plus ⌊25 × (8,000 − free milli-GPU) / 8,000⌋ for fuller nodes: 75+ when the node
 * holds only this tag, 50+ when it holds this tag among others, 25+ when it holds no GPU pod, 0+ when
 * it holds only other tags. A CPU-only pod scores 0. A share goes to the fullest device that holds it.
 */
export function gpuClustering(): GpuPolicy {
  return {
    name: 'GpuClustering',
    readsTags: true,
    score(pod, node) {
      const tag = gpuTag(pod);
      if (tag === null) return 0;
      const fullness = Math.trunc((25 * (MAX_SPEC.gpu - idleMilli(node))) / MAX_SPEC.gpu);
      const tags = node.tags;
      if ((tags.get(tag) ?? 0) > 0) return fullness + (tags.size === 1 ? 75 : 50);
      return fullness + (tags.size === 0 ? 25 : 0);
    },
    device: bestFitDevice,
  };
}
