import { convertAlibabaBatchTasks } from '../alibaba2018/convertAlibabaBatchTasks.js';
import { convertAlibabaContainerMeta } from '../alibaba2018/convertAlibabaContainerMeta.js';
import { convertAlibabaMachineMeta } from '../alibaba2018/convertAlibabaMachineMeta.js';
import type { AlibabaBatchTask } from '../alibaba2018/readAlibabaBatchTasks.js';
import type { AlibabaContainerMeta } from '../alibaba2018/readAlibabaContainerMeta.js';
import type { AlibabaMachineMeta } from '../alibaba2018/readAlibabaMachineMeta.js';
import { convertAlibabaGpuNodes } from '../alibabaGpu2023/convertAlibabaGpuNodes.js';
import { convertAlibabaGpuPods } from '../alibabaGpu2023/convertAlibabaGpuPods.js';
import type { AlibabaGpuNode } from '../alibabaGpu2023/readAlibabaGpuNodes.js';
import type { AlibabaGpuPod } from '../alibabaGpu2023/readAlibabaGpuPods.js';
import { convertGoogleJobEvents } from '../google2011/convertGoogleJobEvents.js';
import { convertGoogleTaskEvents } from '../google2011/convertGoogleTaskEvents.js';
import type { GoogleJobEvent } from '../google2011/readGoogleJobEvents.js';
import type { GoogleTaskEvent } from '../google2011/readGoogleTaskEvents.js';
import type { ConverterFactory } from './RecordConverter.js';

/** A record of any trace table Berth reads; `kind` says which. */
export type TraceRecord =
  | GoogleJobEvent
  | GoogleTaskEvent
  | AlibabaMachineMeta
  | AlibabaContainerMeta
  | AlibabaBatchTask
  | AlibabaGpuNode
  | AlibabaGpuPod;

/** The `kind` tags of {@link TraceRecord}. */
export type TraceRecordKind = TraceRecord['kind'];

/** The converter for each record kind: conversion looks a record's converter up by the kind it declares. */
export const TRACE_CONVERTERS: {
  readonly [K in TraceRecordKind]: ConverterFactory<Extract<TraceRecord, { kind: K }>>;
} = Object.freeze({
  'google-2011.job_event': convertGoogleJobEvents,
  'google-2011.task_event': convertGoogleTaskEvents,
  'alibaba-2018.machine_meta': convertAlibabaMachineMeta,
  'alibaba-2018.container_meta': convertAlibabaContainerMeta,
  'alibaba-2018.batch_task': convertAlibabaBatchTasks,
  'alibaba-gpu-2023.node': convertAlibabaGpuNodes,
  'alibaba-gpu-2023.pod': convertAlibabaGpuPods,
});
