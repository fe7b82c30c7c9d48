import type { GpuNodeSpec, GpuPod } from '@berth/cluster';
import type { AlibabaGpuNode } from './readAlibabaGpuNodes.js';
import type { AlibabaGpuPod } from './readAlibabaGpuPods.js';

/**
 * An Alibaba GPU v2023 pod as the FGD paper's experiment reads it: cpu, memory, and a share of one
 * device (`num_gpu` 1, `gpu_milli` below 1,000), whole devices, or none; `gpu_spec` as its models.
 */
export function toGpuPod(pod: AlibabaGpuPod): GpuPod {
  const share = pod.numGpu === 1 && pod.gpuMilli > 0 && pod.gpuMilli < 1000;
  return {
    cpu: pod.cpuMilli,
    memory: pod.memoryMib,
    milli: pod.numGpu === 0 ? 0 : share ? pod.gpuMilli : 1000,
    count: pod.numGpu,
    models: pod.gpuSpec === undefined || pod.gpuSpec.length === 0 ? undefined : pod.gpuSpec,
  };
}

/** An Alibaba GPU v2023 node as the FGD paper's experiment reads it. */
export function toGpuNodeSpec(node: AlibabaGpuNode): GpuNodeSpec {
  return { cpu: node.cpuMilli, memory: node.memoryMib, gpus: node.gpu, model: node.model ?? '' };
}
