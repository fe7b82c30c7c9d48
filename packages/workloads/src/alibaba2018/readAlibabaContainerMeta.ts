import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One row of Alibaba cluster-trace-v2018 `container_meta.csv` (8 columns, no header): a long-running
 * (online service) container at an event; a container appears once per status change.
 */
export interface AlibabaContainerMeta {
  readonly kind: 'alibaba-2018.container_meta';
  readonly containerId: string;
  readonly machineId: string;
  /** Seconds since the start of the trace period. */
  readonly timestamp: number;
  /** Deploy unit: containers of one app_du provide one service. */
  readonly appDu: string;
  readonly status: string;
  /** CPU request, 100 = 1 core. */
  readonly cpuRequest: number;
  /** CPU limit, 100 = 1 core. */
  readonly cpuLimit: number;
  /** Memory normalised to [0, 100]; -1 and 101 mark invalid values. */
  readonly memSize: number;
}

/** Alibaba cluster-trace-v2018 `container_meta`, columns as in its schema.txt. */
export const ALIBABA_CONTAINER_META: TraceFormat<AlibabaContainerMeta> = {
  name: 'alibaba-2018 container_meta',
  columns: ['container_id', 'machine_id', 'time_stamp', 'app_du', 'status', 'cpu_request', 'cpu_limit', 'mem_size'],
  header: 'none',
  decode: (row) => ({
    kind: 'alibaba-2018.container_meta',
    containerId: row.required(0),
    machineId: row.text(1),
    timestamp: row.number(2),
    appDu: row.text(3),
    status: row.text(4),
    cpuRequest: row.number(5),
    cpuLimit: row.number(6),
    memSize: row.number(7),
  }),
};

/** Streams an Alibaba v2018 `container_meta` file (plain or gzipped); see {@link TraceReader}. */
export function readAlibabaContainerMeta(
  source: TraceSource,
  options?: TraceReaderOptions,
): TraceReader<AlibabaContainerMeta> {
  return new TraceReader(source, ALIBABA_CONTAINER_META, options);
}
