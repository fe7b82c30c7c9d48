import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One node of the Alibaba GPU cluster trace v2023 (`openb_node_list_*.csv`, header
 * `sn,cpu_milli,memory_mib,gpu,model`), in Kubernetes units already.
 */
export interface AlibabaGpuNode {
  readonly kind: 'alibaba-gpu-2023.node';
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  /** Whole GPUs on the node. */
  readonly gpu: number;
  /** GPU model (`G2`, `T4`, `V100M16`...), undefined on CPU-only nodes. */
  readonly model: string | undefined;
}

/** The node list of Alibaba cluster-trace-gpu-v2023; columns found by the header's names. */
export const ALIBABA_GPU_NODES: TraceFormat<AlibabaGpuNode> = {
  name: 'alibaba-gpu-2023 node list',
  columns: ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'],
  header: 'named',
  decode: (row) => ({
    kind: 'alibaba-gpu-2023.node',
    name: row.required(0),
    cpuMilli: row.nonNegative(1),
    memoryMib: row.nonNegative(2),
    gpu: row.integerIn(3, 0, Number.MAX_SAFE_INTEGER),
    model: row.optionalText(4),
  }),
};

/** Streams an Alibaba GPU v2023 node list (plain or gzipped); see {@link TraceReader}. */
export function readAlibabaGpuNodes(source: TraceSource, options?: TraceReaderOptions): TraceReader<AlibabaGpuNode> {
  return new TraceReader(source, ALIBABA_GPU_NODES, options);
}
