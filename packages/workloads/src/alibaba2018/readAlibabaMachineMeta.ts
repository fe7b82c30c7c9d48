import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One row of Alibaba cluster-trace-v2018 `machine_meta.csv` (7 columns, no header): a machine's
 * description at an event (it may appear several times as its status changes).
 */
export interface AlibabaMachineMeta {
  readonly kind: 'alibaba-2018.machine_meta';
  readonly machineId: string;
  /** Seconds since the start of the trace period. */
  readonly timestamp: number;
  readonly failureDomain1: string;
  readonly failureDomain2: string;
  /** Real number of CPUs (not normalised). */
  readonly cpuNum: number;
  /** Memory normalised to [0, 100]; -1 and 101 mark invalid values. */
  readonly memSize: number;
  readonly status: string;
}

/** Alibaba cluster-trace-v2018 `machine_meta`, columns as in its schema.txt. */
export const ALIBABA_MACHINE_META: TraceFormat<AlibabaMachineMeta> = {
  name: 'alibaba-2018 machine_meta',
  columns: ['machine_id', 'time_stamp', 'failure_domain_1', 'failure_domain_2', 'cpu_num', 'mem_size', 'status'],
  header: 'none',
  decode: (row) => ({
    kind: 'alibaba-2018.machine_meta',
    machineId: row.required(0),
    timestamp: row.number(1),
    failureDomain1: row.text(2),
    failureDomain2: row.text(3),
    cpuNum: row.number(4),
    memSize: row.number(5),
    status: row.text(6),
  }),
};

/** Streams an Alibaba v2018 `machine_meta` file (plain or gzipped); see {@link TraceReader}. */
export function readAlibabaMachineMeta(
  source: TraceSource,
  options?: TraceReaderOptions,
): TraceReader<AlibabaMachineMeta> {
  return new TraceReader(source, ALIBABA_MACHINE_META, options);
}
