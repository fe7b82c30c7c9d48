import type { RandomStream } from '@berth/kernel';
import type { HostView } from '../hosts/Host.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import type { GpuDevicesView } from './GpuDevices.js';
import { type GpuRequest, isShare, MILLI_PER_DEVICE } from './GpuRequest.js';

/**
 * In-node device selection: which devices of the chosen host a container gets, or null when the host
 * cannot hold it. A strategy may bring its own (FGD picks the device that fragments least); `rng` is
 * the scheduler's stream, for choosers that draw; `host` and `container` are the placement's.
 */
export type DeviceChooser = (
  devices: GpuDevicesView,
  request: GpuRequest,
  rng: RandomStream,
  host: HostView,
  container: PlacementRequest,
) => number[] | null;

/**
 * The devices a request gets on a host that can hold it, by the FGD simulator's default in-node
 * selection `best` (Weng et al., ATC 2023; hkust-adsl/kubernetes-scheduler-simulator,
 * `allocateGpuIdBasedOnBestFit`): a share goes to the device with the least free milli-GPU that still
 * holds it (the lowest index among equals); whole devices are the fully free ones in index order.
 * Returns null when the host cannot hold the request.
 */
export function chooseDevices(devices: GpuDevicesView, request: GpuRequest): number[] | null {
  const used = devices.used;
  if (isShare(request)) {
    let best = -1;
    for (let d = 0; d < devices.count; d++) {
      const free = MILLI_PER_DEVICE - used[d]!;
      if (free >= request.milli && (best < 0 || free < MILLI_PER_DEVICE - used[best]!)) best = d;
    }
    return best < 0 ? null : [best];
  }
  const out: number[] = [];
  for (let d = 0; d < devices.count && out.length < request.count; d++) if (used[d] === 0) out.push(d);
  return out.length === request.count ? out : null;
}
