import { acceptsModel, type GpuRequest, MILLI_PER_DEVICE } from './GpuRequest.js';

/** What placement may read of a host's GPU devices. */
export interface GpuDevicesView {
  /** The devices' model (`V100M16`, `T4`, `G2`...): every device of a host is of one model. */
  readonly model: string;
  readonly count: number;
  /** Milli-GPU allocated on each device, 0..1,000. */
  readonly used: Int32Array;
  /**
   * Containers holding devices here, by GPU-affinity tag (`share` for a share of one device, `k-gpu`
   * for k whole devices; see `gpuAffinityTag`): what the FGD paper's GpuClustering reads.
   */
  readonly tags: ReadonlyMap<string, number>;
}

/**
 * The GPU-affinity tag of a request for `count` devices of `milli` each: `share` for a share of one
 * device, `k-gpu` for k whole ones (the FGD simulator's pod annotation, hkust-adsl/kubernetes-scheduler-simulator).
 */
export function gpuAffinityTag(count: number, milli: number): string {
  return milli < MILLI_PER_DEVICE ? 'share' : `${count}-gpu`;
}

/**
 * The GPU devices of one host and what is allocated on each, in milli-GPU (1,000 per device). The
 * simulation allocates devices when it binds a container and frees exactly those when it unbinds it;
 * a device's allocation never exceeds 1,000, and an allocation that would is a broken invariant.
 */
export class GpuDevices implements GpuDevicesView {
  readonly used: Int32Array;
  readonly tags = new Map<string, number>();

  constructor(
    readonly model: string,
    readonly count: number,
  ) {
    this.used = new Int32Array(count);
  }

  /** Free milli-GPU on device `d`. */
  free(d: number): number {
    return MILLI_PER_DEVICE - this.used[d]!;
  }

  /** Sum of the free milli-GPU over the devices. */
  idle(): number {
    let sum = 0;
    for (let d = 0; d < this.count; d++) sum += MILLI_PER_DEVICE - this.used[d]!;
    return sum;
  }

  /** Adds `milli` to each device of `devices`; throws if a device would exceed 1,000 or is named twice. */
  allocate(devices: readonly number[], milli: number): void {
    for (let i = 0; i < devices.length; i++) {
      const d = devices[i]!;
      if (!(d >= 0 && d < this.count) || devices.indexOf(d) !== i)
        throw new Error(`device ${d} is not a distinct device of this host (0..${this.count - 1})`);
      if (this.used[d]! + milli > MILLI_PER_DEVICE)
        throw new Error(`device ${d} has ${this.free(d)} milli-GPU free, ${milli} asked`);
    }
    for (const d of devices) this.used[d]! += milli;
    const tag = gpuAffinityTag(devices.length, milli);
    this.tags.set(tag, (this.tags.get(tag) ?? 0) + 1);
  }

  /** Removes `milli` from each device of `devices` (the inverse of {@link allocate}). */
  release(devices: readonly number[], milli: number): void {
    for (const d of devices) {
      if (this.used[d]! < milli) throw new Error(`device ${d} holds ${this.used[d]} milli-GPU, ${milli} released`);
    }
    for (const d of devices) this.used[d]! -= milli;
    const tag = gpuAffinityTag(devices.length, milli);
    const left = (this.tags.get(tag) ?? 0) - 1;
    if (left > 0) this.tags.set(tag, left);
    else this.tags.delete(tag);
  }
}

/**
 * True when `devices` can hold the request: the model is accepted and at least `count` devices each
 * have `milli` free (the FGD simulator's Open-Gpu-Share filter, without its cpu and memory checks).
 */
export function devicesFit(devices: GpuDevicesView, request: GpuRequest): boolean {
  if (!acceptsModel(request, devices.model)) return false;
  const need = request.milli;
  let fitting = 0;
  const used = devices.used;
  for (let d = 0; d < devices.count; d++) if (MILLI_PER_DEVICE - used[d]! >= need) fitting += 1;
  return fitting >= request.count;
}
