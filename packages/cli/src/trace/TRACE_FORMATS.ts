import {
  readAlibabaBatchTasks,
  readAlibabaContainerMeta,
  readAlibabaGpuNodes,
  readAlibabaGpuPods,
  readAlibabaMachineMeta,
  readGoogleJobEvents,
  readGoogleTaskEvents,
  type TraceReader,
  type TraceReaderOptions,
  type TraceRecord,
  type TraceSource,
} from '@berth/workloads';

/** A trace table `berth trace convert` reads. */
export interface TraceFormatEntry {
  readonly description: string;
  readonly read: (source: TraceSource, options?: TraceReaderOptions) => TraceReader<TraceRecord>;
  /** The format of the same trace's host table, which `--hosts` may name instead of a host list. */
  readonly hosts?: string | undefined;
}

/** The trace tables by the name given on the command line. */
export const TRACE_FORMATS: Readonly<Record<string, TraceFormatEntry>> = {
  'google-2011-job-events': {
    description: 'Google cluster-data 2011 job_events (needs --hosts: the trace has no machine sizes here)',
    read: readGoogleJobEvents,
  },
  'google-2011-task-events': {
    description: 'Google cluster-data 2011 task_events (needs --hosts)',
    read: readGoogleTaskEvents,
  },
  'alibaba-2018-machine-meta': {
    description: 'Alibaba cluster-trace-v2018 machine_meta: hosts only',
    read: readAlibabaMachineMeta,
  },
  'alibaba-2018-container-meta': {
    description: 'Alibaba cluster-trace-v2018 container_meta (--hosts: a machine_meta file or a host list)',
    read: readAlibabaContainerMeta,
    hosts: 'alibaba-2018-machine-meta',
  },
  'alibaba-2018-batch-task': {
    description: 'Alibaba cluster-trace-v2018 batch_task (--hosts: a machine_meta file or a host list)',
    read: readAlibabaBatchTasks,
    hosts: 'alibaba-2018-machine-meta',
  },
  'alibaba-gpu-2023-nodes': {
    description: 'Alibaba GPU cluster trace v2023 node list: hosts only',
    read: readAlibabaGpuNodes,
  },
  'alibaba-gpu-2023-pods': {
    description: 'Alibaba GPU cluster trace v2023 pod list (--hosts: a node list file or a host list)',
    read: readAlibabaGpuPods,
    hosts: 'alibaba-gpu-2023-nodes',
  },
};
