import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaGpuNode } from './readAlibabaGpuNodes.js';

/**
 * Alibaba GPU v2023 nodes → hosts with cpu, memory and `gpu` whole GPUs (plus `gpu-milli` = gpu × 1000
 * when `units.fractionalGpu` is `milli`), labelled `gpu-model` with the node's model.
 */
export const convertAlibabaGpuNodes: ConverterFactory<AlibabaGpuNode> = (units) => ({
  produces: 'hosts',
  accept(node, sink) {
    const capacity: Record<string, number> = { cpu: node.cpuMilli, memory: node.memoryMib };
    if (node.gpu > 0) {
      capacity.gpu = node.gpu;
      if (units.fractionalGpu === 'milli') capacity['gpu-milli'] = node.gpu * 1000;
    }
    sink.emit({
      type: 'host',
      name: node.name,
      capacity,
      labels: node.model === undefined ? {} : { 'gpu-model': node.model },
    });
  },
  finish() {},
});
