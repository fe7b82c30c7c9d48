/** Milli-GPU in one device: a device is shared in thousandths, as Alibaba's GPU-sharing scheduler counts it. */
export const MILLI_PER_DEVICE = 1000;

/**
 * A container's demand for GPU devices: either a share of one device (`count` 1, `milli` below 1,000)
 * or `count` whole devices (`milli` 1,000), optionally only on hosts whose GPU model is one of `models`.
 * The shape of the Alibaba GPU trace's pods (`num_gpu`, `gpu_milli`, `gpu_spec`) and of the FGD paper's
 * simulator (Weng et al., USENIX ATC 2023).
 */
export interface GpuRequest {
  /** Thousandths of each device the container uses: below 1,000 only when `count` is 1. */
  readonly milli: number;
  /** Devices the container uses, each distinct. */
  readonly count: number;
  /** GPU models the container accepts; undefined when any model will do. */
  readonly models: readonly string[] | undefined;
}

/** The request as a number of GPUs (0.46 for a 460-milli share, 2 for two whole devices). */
export function gpuAmount(request: GpuRequest): number {
  return (request.count * request.milli) / MILLI_PER_DEVICE;
}

/** True when the container asks for a share of one device rather than whole devices. */
export function isShare(request: GpuRequest): boolean {
  return request.milli < MILLI_PER_DEVICE;
}

/** True when a host with GPU model `model` is acceptable to the request. */
export function acceptsModel(request: GpuRequest, model: string): boolean {
  return request.models === undefined || request.models.includes(model);
}
