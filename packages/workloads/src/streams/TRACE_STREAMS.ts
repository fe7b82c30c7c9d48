import type { TraceStreamFactory } from '@berth/cluster';
import { readAlibabaBatchTasks } from '../alibaba2018/readAlibabaBatchTasks.js';
import { readAlibabaContainerMeta } from '../alibaba2018/readAlibabaContainerMeta.js';
import { readAlibabaMachineMeta } from '../alibaba2018/readAlibabaMachineMeta.js';
import { readAlibabaGpuNodes } from '../alibabaGpu2023/readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from '../alibabaGpu2023/readAlibabaGpuPods.js';
import type { TraceRecord } from '../convert/TraceRecord.js';
import type { TraceSource } from '../csv/readTraceLines.js';
import type { TraceReader, TraceReaderOptions } from '../csv/TraceReader.js';
import { readGoogleJobEvents } from '../google2011/readGoogleJobEvents.js';
import { readGoogleMachineEvents } from '../google2011/readGoogleMachineEvents.js';
import { readGoogleTaskEvents } from '../google2011/readGoogleTaskEvents.js';
import { azureInvocations } from './azureInvocations.js';
import { googleLifecycle } from './googleLifecycle.js';
import { googleMachines } from './googleMachines.js';
import { recordItems } from './recordItems.js';
import { traceStream } from './traceStream.js';

type Read = (source: TraceSource, options?: TraceReaderOptions) => TraceReader<TraceRecord>;

/** Through the generic converters: every reader of the package, with the format names of `berth trace`. */
const generic =
  (read: Read): TraceStreamFactory =>
  (entry) =>
    traceStream(entry, read, recordItems());

/**
 * How a scenario's `streams[].trace` is read, by the format names `berth trace convert` uses: pass
 * it as `createSimulation(scenario, { traceStreams: TRACE_STREAMS })`. Google's task and job events
 * stream event by event (see googleLifecycle), and its machine_events add, resize, remove and restore hosts (see googleMachines); Azure Functions 2019 invocation counts invoke the scenario's functions (see
 * azureInvocations); the other tables go through their converters.
 */
export const TRACE_STREAMS: Readonly<Record<string, TraceStreamFactory>> = Object.freeze({
  'google-2011-task-events': (entry) => traceStream(entry, readGoogleTaskEvents, googleLifecycle()),
  'google-2011-job-events': (entry) => traceStream(entry, readGoogleJobEvents, googleLifecycle()),
  'google-2011-machine-events': (entry) => traceStream(entry, readGoogleMachineEvents, googleMachines()),
  'alibaba-2018-machine-meta': generic(readAlibabaMachineMeta),
  'alibaba-2018-container-meta': generic(readAlibabaContainerMeta),
  'alibaba-2018-batch-task': generic(readAlibabaBatchTasks),
  'alibaba-gpu-2023-nodes': generic(readAlibabaGpuNodes),
  'alibaba-gpu-2023-pods': generic(readAlibabaGpuPods),
  'azure-functions-2019-invocations': (entry) => azureInvocations(entry),
});
