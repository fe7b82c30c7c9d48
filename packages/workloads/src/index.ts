// Arrival processes live in the kernel (the cluster's traffic uses them too); re-exported for workload users.
export {
  type ArrivalProcess,
  type CountsOptions,
  countsArrivals,
  type DiurnalOptions,
  diurnalArrivals,
  type MmppOptions,
  mmppArrivals,
  onOffArrivals,
  poissonArrivals,
} from '@berth/kernel';
export { convertAlibabaBatchTasks } from './alibaba2018/convertAlibabaBatchTasks.js';
export { convertAlibabaContainerMeta } from './alibaba2018/convertAlibabaContainerMeta.js';
export { convertAlibabaMachineMeta } from './alibaba2018/convertAlibabaMachineMeta.js';
export { parseAlibabaTaskName } from './alibaba2018/parseAlibabaTaskName.js';
export {
  ALIBABA_BATCH_TASK,
  type AlibabaBatchTask,
  readAlibabaBatchTasks,
} from './alibaba2018/readAlibabaBatchTasks.js';
export {
  ALIBABA_CONTAINER_META,
  type AlibabaContainerMeta,
  readAlibabaContainerMeta,
} from './alibaba2018/readAlibabaContainerMeta.js';
export {
  ALIBABA_MACHINE_META,
  type AlibabaMachineMeta,
  readAlibabaMachineMeta,
} from './alibaba2018/readAlibabaMachineMeta.js';
export { convertAlibabaGpuNodes } from './alibabaGpu2023/convertAlibabaGpuNodes.js';
export { convertAlibabaGpuPods } from './alibabaGpu2023/convertAlibabaGpuPods.js';
export { type GpuExperimentScenarioOptions, gpuExperimentScenario } from './alibabaGpu2023/gpuExperimentScenario.js';
export { ALIBABA_GPU_NODES, type AlibabaGpuNode, readAlibabaGpuNodes } from './alibabaGpu2023/readAlibabaGpuNodes.js';
export { ALIBABA_GPU_PODS, type AlibabaGpuPod, readAlibabaGpuPods } from './alibabaGpu2023/readAlibabaGpuPods.js';
export { readGpuExperiment, toGpuNodeSpec, toGpuPod } from './alibabaGpu2023/toGpuExperiment.js';
export {
  type AzureDefinitionOptions,
  azureFunctionDefinitions,
  type FunctionDefinitionInput,
} from './azureFunctions2019/azureFunctionDefinitions.js';
export {
  AZURE_FUNCTION_DURATIONS,
  type AzureFunctionDurations,
  readAzureDurations,
} from './azureFunctions2019/readAzureDurations.js';
export {
  type AzureFunctionInvocations,
  AzureInvocationsReader,
  readAzureInvocations,
} from './azureFunctions2019/readAzureInvocations.js';
export { AZURE_APP_MEMORY, type AzureAppMemory, readAzureMemory } from './azureFunctions2019/readAzureMemory.js';
export { groupHosts, type HostGroupInput } from './convert/groupHosts.js';
export type { ConverterFactory, ConverterSink, RecordConverter } from './convert/RecordConverter.js';
export type { TraceHost, TraceItem, TraceTask } from './convert/TraceItem.js';
export { TRACE_CONVERTERS, type TraceRecord, type TraceRecordKind } from './convert/TraceRecord.js';
export { DEFAULT_TRACE_UNITS, type TraceUnits } from './convert/TraceUnits.js';
export {
  type ConversionReport,
  convertTrace,
  type ResourceScale,
  type TraceConversion,
  type TraceInput,
  type TraceToScenarioOptions,
  traceToScenario,
} from './convert/traceToScenario.js';
export { RowReader, type TraceRowError } from './csv/RowReader.js';
export { MAX_LINE_LENGTH, readTraceLines, type TraceSource } from './csv/readTraceLines.js';
export { splitCsvLine } from './csv/splitCsvLine.js';
export type { TraceFormat } from './csv/TraceFormat.js';
export { readTrace, TraceReader, type TraceReaderOptions, type TraceReport } from './csv/TraceReader.js';
export { convertGoogleJobEvents } from './google2011/convertGoogleJobEvents.js';
export { convertGoogleTaskEvents } from './google2011/convertGoogleTaskEvents.js';
export {
  GOOGLE_AFTER_TRACE,
  GOOGLE_EVENT_TYPES,
  type GoogleEventType,
  googleTime,
} from './google2011/GoogleEventType.js';
export { GOOGLE_JOB_EVENTS, type GoogleJobEvent, readGoogleJobEvents } from './google2011/readGoogleJobEvents.js';
export {
  GOOGLE_MACHINE_EVENT_TYPES,
  GOOGLE_MACHINE_EVENTS,
  type GoogleMachineEvent,
  readGoogleMachineEvents,
} from './google2011/readGoogleMachineEvents.js';
export { GOOGLE_TASK_EVENTS, type GoogleTaskEvent, readGoogleTaskEvents } from './google2011/readGoogleTaskEvents.js';
export { type AzureInvocationsOptions, azureInvocations } from './streams/azureInvocations.js';
export { googleLifecycle } from './streams/googleLifecycle.js';
export { googleHostName, googleMachines } from './streams/googleMachines.js';
export { type GoogleReplay, type GoogleReplayReport, googleReplay } from './streams/googleReplay.js';
export { recordItems } from './streams/recordItems.js';
export type { StreamConverter, StreamSink } from './streams/StreamConverter.js';
export { TRACE_STREAMS } from './streams/TRACE_STREAMS.js';
export { type TraceStreamOptions, traceStream } from './streams/traceStream.js';
export { boundedParetoDist } from './synthetic/boundedParetoDist.js';
export { type FleetSpec, generateFleet, type HostShape } from './synthetic/generateFleet.js';
export {
  type GeneratedWorkload,
  generateWorkload,
  type WorkloadClass,
  type WorkloadSpec,
} from './synthetic/generateWorkload.js';
export type { RequestModel, Requests } from './synthetic/RequestModel.js';
export { requestMix } from './synthetic/requestMix.js';
export { requestsFromDistributions } from './synthetic/requestsFromDistributions.js';
export {
  type JobSubmission,
  type MachineShape,
  type SyntheticGoogleOptions,
  syntheticGoogleMachineEvents,
  syntheticGoogleTaskEvents,
} from './synthetic/syntheticGoogleTrace.js';
