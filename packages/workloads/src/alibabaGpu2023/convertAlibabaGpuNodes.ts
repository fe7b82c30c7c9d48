import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaGpuNode } from './readAlibabaGpuNodes.js';

/**
 * Alibaba GPU v2023 nodes → hosts with cpu, memory and `gpu` whole GPUs (plus `gpu-milli` = gpu × 1000
 * when `units.fractionalGpu` is `milli`; GPU devices of the node's model instead when it is `devices`),
 * labelled `gpu-model` with the node's model.
 */
export const convertAlibabaGpuNodes: ConverterFactory<AlibabaGpuNode> = (units) => ({
  produces: 'hosts',
  accept(node, sink) {
    const capacity: Record<string, number> = { cpu: node.cpuMilli, memory: node.memoryMib };
    const labels = node.model === undefined ? {} : { 'gpu-model': node.model };
    if (node.gpu > 0 && units.fractionalGpu === 'devices') {
      // A GPU node without a model (none in the published lists) gets the model 'unknown'.
      const gpus = { model: node.model ?? 'unknown', count: node.gpu };
      sink.emit({ type: 'host', name: node.name, capacity, labels, gpus });
      return;
    }
    if (node.gpu > 0) {
      capacity.gpu = node.gpu;
      if (units.fractionalGpu === 'milli') capacity['gpu-milli'] = node.gpu * 1000;
    }
    sink.emit({ type: 'host', name: node.name, capacity, labels });
  },
  finish() {},
});
