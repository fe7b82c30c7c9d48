import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One pod of the Alibaba GPU cluster trace v2023 (`openb_pod_list_*.csv`, header
 * `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time`).
 * A pod with `numGpu` 1 and `gpuMilli` below 1000 asks for a share of one GPU.
 *
 * Some published lists (the `multigpu*` ones) have only the first five columns,
 * `name,cpu_milli,memory_mib,num_gpu,gpu_milli`. A missing column takes its default: `gpu_spec` none (any
 * model), `qos` '' (no label, no priority), `pod_phase` '' (unknown), `creation_time` 0 (every pod arrives
 * at the start, as in the FGD paper's experiments, which ignore the times), `deletion_time` none (never
 * leaves), `scheduled_time` none.
 */
export interface AlibabaGpuPod {
  readonly kind: 'alibaba-gpu-2023.pod';
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  readonly numGpu: number;
  /** Thousandths of each GPU used (1000 = the whole GPU). */
  readonly gpuMilli: number;
  /** GPU models the pod accepts (`V100M16|V100M32` in the file), undefined when any will do. */
  readonly gpuSpec: readonly string[] | undefined;
  /** `LS` (latency-sensitive), `BE` (best effort), `Burstable`, `Guaranteed`. */
  readonly qos: string;
  /** `Running`, `Pending`, `Succeeded`, `Failed`. */
  readonly podPhase: string;
  /** Seconds from the start of the trace. */
  readonly creationTime: number;
  readonly deletionTime: number | undefined;
  /** Undefined for a pod that was never scheduled. */
  readonly scheduledTime: number | undefined;
}

/** The pod list of Alibaba cluster-trace-gpu-v2023; columns found by the header's names. */
export const ALIBABA_GPU_PODS: TraceFormat<AlibabaGpuPod> = {
  name: 'alibaba-gpu-2023 pod list',
  columns: [
    'name',
    'cpu_milli',
    'memory_mib',
    'num_gpu',
    'gpu_milli',
    'gpu_spec',
    'qos',
    'pod_phase',
    'creation_time',
    'deletion_time',
    'scheduled_time',
  ],
  header: 'named',
  optionalColumns: ['gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'],
  decode: (row) => {
    const spec = row.optionalText(5);
    const pod: AlibabaGpuPod = {
      kind: 'alibaba-gpu-2023.pod',
      name: row.required(0),
      cpuMilli: row.nonNegative(1),
      memoryMib: row.nonNegative(2),
      numGpu: row.integerIn(3, 0, Number.MAX_SAFE_INTEGER),
      gpuMilli: row.integerIn(4, 0, 1000),
      gpuSpec: spec === undefined ? undefined : spec.split('|').filter((s) => s !== ''),
      qos: row.text(6),
      podPhase: row.text(7),
      creationTime: row.has(8) ? row.nonNegative(8) : 0,
      deletionTime: row.optionalNumber(9),
      scheduledTime: row.optionalNumber(10),
    };
    if (pod.deletionTime !== undefined && pod.deletionTime < pod.creationTime) {
      row.fail(9, `expected a deletion_time >= creation_time (${pod.creationTime}), got ${pod.deletionTime}`);
    }
    return pod;
  },
};

/** Streams an Alibaba GPU v2023 pod list (plain or gzipped); see {@link TraceReader}. */
export function readAlibabaGpuPods(source: TraceSource, options?: TraceReaderOptions): TraceReader<AlibabaGpuPod> {
  return new TraceReader(source, ALIBABA_GPU_PODS, options);
}
