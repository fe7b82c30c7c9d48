import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceFormat } from '../csv/TraceFormat.js';
import { TraceReader, type TraceReaderOptions } from '../csv/TraceReader.js';

/**
 * One row of Alibaba cluster-trace-v2018 `batch_task.csv` (9 columns, no header): a task of a batch
 * job, run as `instanceNum` identical instances. The task name encodes the job's DAG (`M5_3_4`
 * depends on tasks 3 and 4; see parseAlibabaTaskName).
 */
export interface AlibabaBatchTask {
  readonly kind: 'alibaba-2018.batch_task';
  readonly taskName: string;
  readonly instanceNum: number;
  readonly jobName: string;
  readonly taskType: string;
  readonly status: string;
  /** Seconds since the start of the trace period. */
  readonly startTime: number;
  readonly endTime: number;
  /** CPU per instance, 100 = 1 core; empty in some rows. */
  readonly planCpu: number | undefined;
  /** Memory per instance normalised to [0, 100]; empty in some rows. */
  readonly planMem: number | undefined;
}

/** Alibaba cluster-trace-v2018 `batch_task`, columns as in its schema.txt. */
export const ALIBABA_BATCH_TASK: TraceFormat<AlibabaBatchTask> = {
  name: 'alibaba-2018 batch_task',
  columns: [
    'task_name',
    'instance_num',
    'job_name',
    'task_type',
    'status',
    'start_time',
    'end_time',
    'plan_cpu',
    'plan_mem',
  ],
  header: 'none',
  decode: (row) => ({
    kind: 'alibaba-2018.batch_task',
    taskName: row.required(0),
    instanceNum: row.integerIn(1, 0, Number.MAX_SAFE_INTEGER),
    jobName: row.required(2),
    taskType: row.text(3),
    status: row.text(4),
    startTime: row.number(5),
    endTime: row.number(6),
    planCpu: row.optionalNumber(7),
    planMem: row.optionalNumber(8),
  }),
};

/** Streams an Alibaba v2018 `batch_task` file (plain or gzipped); see {@link TraceReader}. */
export function readAlibabaBatchTasks(
  source: TraceSource,
  options?: TraceReaderOptions,
): TraceReader<AlibabaBatchTask> {
  return new TraceReader(source, ALIBABA_BATCH_TASK, options);
}
