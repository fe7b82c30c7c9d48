import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { TraceTask } from '../convert/TraceItem.js';
import type { AlibabaGpuPod } from './readAlibabaGpuPods.js';

/**
 * Alibaba GPU v2023 pods → standalone containers named after the pod, arriving at `creation_time` and
 * running from `scheduled_time` (or creation, for a pod never scheduled) to `deletion_time` (forever
 * without one). GPUs are asked for as whole GPUs (`gpu: num_gpu`); a share of a GPU follows
 * `units.fractionalGpu` (see TraceUnits); with `devices`, every GPU pod asks for devices instead
 * (`gpu: { milli }` or `gpu: { count }`, with `gpu_spec` as its accepted models). `gpu_spec` becomes a required `gpu-model` label; `qos`
 * becomes a label and, through `units.qosPriority`, a priority.
 */
export const convertAlibabaGpuPods: ConverterFactory<AlibabaGpuPod> = (units) => ({
  produces: 'tasks',
  accept(pod, sink) {
    let gpu: TraceTask['gpu'];
    const requests: Record<string, number> = { cpu: pod.cpuMilli, memory: pod.memoryMib };
    const specified = pod.gpuSpec !== undefined && pod.gpuSpec.length > 0;
    const devices = pod.numGpu > 0 && units.fractionalGpu === 'devices';
    if (devices) {
      // gpu_milli applies only to a one-GPU pod (the trace's README); 0 there means a whole device.
      const share = pod.numGpu === 1 && pod.gpuMilli > 0 && pod.gpuMilli < 1000;
      const models = specified ? pod.gpuSpec : undefined;
      gpu = share ? { milli: pod.gpuMilli, models } : { count: pod.numGpu, models };
    } else if (pod.numGpu > 0) {
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
      requiredLabels: !specified || devices ? undefined : { 'gpu-model': pod.gpuSpec! },
      ...(gpu === undefined ? {} : { gpu }),
    });
  },
  finish() {},
});
