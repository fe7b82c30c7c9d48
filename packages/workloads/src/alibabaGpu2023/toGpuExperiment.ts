import type { GpuNodeSpec, GpuPod } from '@berth/cluster';
import type { TraceSource } from '../csv/readTraceLines.js';
import { type AlibabaGpuNode, readAlibabaGpuNodes } from './readAlibabaGpuNodes.js';
import { type AlibabaGpuPod, readAlibabaGpuPods } from './readAlibabaGpuPods.js';

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

/**
 * The FGD paper's experiment input from an Alibaba GPU v2023 node list and pod list: the GPU nodes
 * only (the paper's cluster: 1,213 nodes and 6,212 GPUs from `openb_node_list_all_node.csv`, the same
 * as `openb_node_list_gpu_node.csv`) and every pod, in file order. Malformed rows are counted in the
 * readers' reports, returned here.
 */
export async function readGpuExperiment(
  nodeList: TraceSource,
  podList: TraceSource,
): Promise<{ nodes: GpuNodeSpec[]; pods: GpuPod[]; malformed: number }> {
  const nodeReader = readAlibabaGpuNodes(nodeList);
  const podReader = readAlibabaGpuPods(podList);
  const nodes = (await nodeReader.toArray()).filter((n) => n.gpu > 0).map(toGpuNodeSpec);
  const pods = (await podReader.toArray()).map(toGpuPod);
  return { nodes, pods, malformed: nodeReader.report.malformed + podReader.report.malformed };
}
