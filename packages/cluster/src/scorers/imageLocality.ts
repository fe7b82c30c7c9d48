import { argumentError } from '@berth/kernel';
import type { Scorer } from '../scheduler/Scorer.js';

/** kube-scheduler's `mb`: despite the name, a mebibyte (1024 × 1024 bytes). */
const MIB = 1_048_576;
/** kube-scheduler's minThreshold, 23 MiB in bytes: images smaller than this earn nothing. */
export const IMAGE_MIN_THRESHOLD = 23 * MIB;
/** kube-scheduler's maxContainerThreshold, 1000 MiB in bytes per container: larger images earn no more. */
export const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MIB;

/**
 * kube-scheduler's ImageLocality score (pkg/scheduler/framework/plugins/imagelocality/image_locality.go):
 * a host that already holds the container's image scores
 * `sum = int(sizeBytes × hostsWithImage / totalHosts)`, clamped to [23 MiB, 1000 MiB × containers]
 * and mapped linearly onto 0..100 with integer division:
 * `100 × (sum − 23 MiB) / (1000 MiB × containers − 23 MiB)`. The spread factor damps images present
 * everywhere ("node heating"). A Berth container is a one-container pod, so the upper bound is 1000 MiB.
 *
 * Units: `sizeOf` returns MiB, as the scenario's `images.<name>.size`; it is converted to bytes
 * (rounded up, like `kubeAmount`) so the arithmetic is kube's own, in bytes, with its thresholds (kube
 * calls them "mb" but they are MiB). Hosts count as holding an image from the moment a pull starts
 * (`HostView.hasImage`); kube sees it once the kubelet reports it. `totalHosts` is every host of the
 * cluster, ready or not, as kube counts every node of its snapshot.
 *
 * Skipped (adds nothing) when the image is no larger than 23 MiB, since every host would score 0.
 */
export function imageLocality(sizeOf: (image: string) => number): Scorer<{ spreadBytes: number }> {
  if (typeof sizeOf !== 'function') {
    throw argumentError('sizeOf', 'expected a function from image name to its size in MiB');
  }
  return {
    name: 'ImageLocality',
    // This attempt's image size scaled by its spread, the `sum` of every host that holds the image.
    createState: () => ({ spreadBytes: 0 }),
    prepare: (request, cluster, _candidates, state) => {
      const mib = sizeOf(request.image);
      if (!(Number.isFinite(mib) && mib >= 0)) {
        throw argumentError(`images.${request.image}.size`, `expected a size >= 0 in MiB, got ${mib}`);
      }
      const bytes = Math.ceil(mib * MIB);
      if (bytes <= IMAGE_MIN_THRESHOLD) return false;
      const hosts = cluster.hosts;
      let holding = 0;
      for (let i = 0; i < hosts.length; i++) if (hosts[i]!.hasImage(request.image)) holding += 1;
      // Go: int64(float64(size) * (float64(numNodes) / float64(totalNumNodes))).
      state.spreadBytes = hosts.length === 0 ? 0 : Math.trunc(bytes * (holding / hosts.length));
      return true;
    },
    score: (request, host, _cluster, state) =>
      host.hasImage(request.image) ? imageLocalityScore(state.spreadBytes, 1) : 0,
  };
}

/**
 * kube-scheduler's `calculatePriority`: the summed spread-scaled image bytes of a pod's containers,
 * clamped to [minThreshold, maxContainerThreshold × containers], mapped onto 0..100 (integer division).
 */
export function imageLocalityScore(sumBytes: number, containers: number): number {
  const max = IMAGE_MAX_CONTAINER_THRESHOLD * containers;
  const sum = Math.min(Math.max(sumBytes, IMAGE_MIN_THRESHOLD), max);
  return Math.floor((100 * (sum - IMAGE_MIN_THRESHOLD)) / (max - IMAGE_MIN_THRESHOLD));
}
