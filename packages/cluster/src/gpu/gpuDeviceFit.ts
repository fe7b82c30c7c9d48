import type { HostView } from '../hosts/Host.js';
import type { Filter } from '../scheduler/Filter.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { devicesFit } from './GpuDevices.js';
import { acceptsModel } from './GpuRequest.js';

/**
 * Passes a host whose GPU devices can hold the container's GPU request: the model is one the container
 * accepts and enough devices have the share free (the FGD simulator's Open-Gpu-Share filter; Weng et
 * al., ATC 2023). Applies only to containers with a `gpu` device request.
 */
export const gpuDeviceFit: Filter = {
  name: 'GpuDeviceFit',
  // The verdict reads the host's devices (which change only with its allocation `version`) and the
  // container's GPU request, which shares its request vectors' identity (SharedRequestVectors).
  hostLocal: true,
  prepare: (request: PlacementRequest) => request.gpu !== undefined,
  check(request: PlacementRequest, host: HostView): string | null {
    const gpu = request.gpu!;
    const devices = host.gpus;
    if (devices === null) return 'No GPU devices';
    if (!acceptsModel(gpu, devices.model)) return 'GPU model not accepted';
    return devicesFit(devices, gpu) ? null : 'Insufficient GPU devices';
  },
};
