import { formatTable } from './formatTable.js';

/** GPU devices of one model at the end of a run, as `berth run` reports them. */
export interface GpuModelSummary {
  readonly model: string;
  readonly hosts: number;
  readonly devices: number;
  /** Milli-GPU allocated over the model's devices, and their capacity (1,000 each). */
  readonly allocatedMilli: number;
  readonly capacityMilli: number;
  /** Devices fully allocated, partly allocated (shared), and free. */
  readonly full: number;
  readonly shared: number;
  readonly idle: number;
  /** Milli-GPU free on partly allocated devices: room only a share can use. */
  readonly freeOnShared: number;
}

/** A host's GPU devices as {@link summarizeGpus} reads them: the simulation's hosts (`sim.cluster.hosts`) have this shape. */
export interface HostGpus {
  readonly gpus: { readonly model: string; readonly used: ArrayLike<number> } | null;
}

/**
 * Per GPU model, the devices' state on `hosts`; empty when no host has GPU devices. Reads the hosts
 * themselves rather than a snapshot: a run of ten thousand containers would otherwise build and
 * freeze a picture of every one of them for this table.
 */
export function summarizeGpus(hosts: Iterable<HostGpus>): GpuModelSummary[] {
  const byModel = new Map<string, { -readonly [K in keyof GpuModelSummary]: GpuModelSummary[K] }>();
  for (const host of hosts) {
    if (host.gpus === null) continue;
    const { model, used } = host.gpus;
    let s = byModel.get(model);
    if (s === undefined) {
      s = {
        model,
        hosts: 0,
        devices: 0,
        allocatedMilli: 0,
        capacityMilli: 0,
        full: 0,
        shared: 0,
        idle: 0,
        freeOnShared: 0,
      };
      byModel.set(model, s);
    }
    s.hosts += 1;
    for (let d = 0; d < used.length; d++) {
      const u = used[d]!;
      s.devices += 1;
      s.allocatedMilli += u;
      s.capacityMilli += 1000;
      if (u >= 1000) s.full += 1;
      else if (u === 0) s.idle += 1;
      else {
        s.shared += 1;
        s.freeOnShared += 1000 - u;
      }
    }
  }
  return [...byModel.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/**
 * The GPU section of `berth run`'s summary, only for scenarios whose hosts declare `gpus`: per model,
 * devices fully used, shared and idle at the end, the share of milli-GPU allocated, and the free
 * milli-GPU stranded on shared devices.
 */
export function formatGpuSummary(models: readonly GpuModelSummary[]): string {
  return `GPU devices at end\n${formatTable(GPU_TABLE_HEADER, gpuTableRows(models), GPU_TABLE_ALIGN)}`;
}

/** The columns of the GPU devices table (the text summary's and the HTML report's). */
export const GPU_TABLE_HEADER: readonly string[] = [
  'model',
  'hosts',
  'devices',
  'allocated',
  'full',
  'shared',
  'idle',
  'GPUs free on shared devices',
];
const GPU_TABLE_ALIGN = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] as const;

/** One row per model, as text cells. */
export function gpuTableRows(models: readonly GpuModelSummary[]): string[][] {
  return models.map((m) => [
    m.model,
    String(m.hosts),
    String(m.devices),
    `${((100 * m.allocatedMilli) / m.capacityMilli).toFixed(1)}%`,
    String(m.full),
    String(m.shared),
    String(m.idle),
    (m.freeOnShared / 1000).toFixed(2),
  ]);
}
