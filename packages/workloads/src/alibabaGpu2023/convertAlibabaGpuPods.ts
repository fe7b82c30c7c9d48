import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaGpuPod } from './readAlibabaGpuPods.js';

/**
 * Alibaba GPU v2023 pods → standalone containers named after the pod, arriving at `creation_time` and
 * running from `scheduled_time` (or creation, for a pod never scheduled) to `deletion_time` (forever
 * without one). GPUs are asked for as whole GPUs (`gpu: num_gpu`); a share of a GPU follows
 * `units.fractionalGpu` (see TraceUnits). `gpu_spec` becomes a required `gpu-model` label; `qos`
 * becomes a label and, through `units.qosPriority`, a priority.
 */
export const convertAlibabaGpuPods: ConverterFactory<AlibabaGpuPod> = (units) => ({
  produces: 'tasks',
  accept(pod, sink) {
    const requests: Record<string, number> = { cpu: pod.cpuMilli, memory: pod.memoryMib };
    if (pod.numGpu > 0) {
      const share = pod.gpuMilli > 0 && pod.gpuMilli < 1000;
      if (units.fractionalGpu === 'milli')
        requests['gpu-milli'] = pod.numGpu * (pod.gpuMilli > 0 ? pod.gpuMilli : 1000);
      else if (share && units.fractionalGpu === 'drop') return sink.skip('pod asking for a share of a GPU');
      else requests.gpu = pod.numGpu;
    }
    const start = pod.scheduledTime ?? pod.creationTime;
    sink.emit({
      type: 'task',
      name: pod.name,
      job: undefined,
      at: pod.creationTime * 1000,
      duration:
        pod.deletionTime === undefined ? Number.POSITIVE_INFINITY : Math.max(0, pod.deletionTime - start) * 1000,
      count: 1,
      requests,
      priority: Object.hasOwn(units.qosPriority, pod.qos) ? units.qosPriority[pod.qos] : undefined,
      labels: pod.qos === '' ? undefined : { qos: pod.qos },
      requiredLabels: pod.gpuSpec === undefined || pod.gpuSpec.length === 0 ? undefined : { 'gpu-model': pod.gpuSpec },
    });
  },
  finish() {},
});
