import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaContainerMeta } from './readAlibabaContainerMeta.js';

/**
 * Alibaba v2018 container_meta → one long-running standalone container per container id, arriving
 * at its first row: cpu `cpu_request` × 10 millicores (100 = 1 core), memory `mem_size`% of
 * `units.alibabaMachineMemory`, label `app` = its deploy unit. Rows with invalid markers are left out.
 */
export const convertAlibabaContainerMeta: ConverterFactory<AlibabaContainerMeta> = (units) => {
  const seen = new Set<string>();
  return {
    produces: 'tasks',
    accept(container, sink) {
      if (seen.has(container.containerId)) return;
      if (!(container.memSize >= 0 && container.memSize <= 100) || !(container.cpuRequest >= 0)) {
        sink.skip('container with an invalid cpu_request or mem_size');
        return;
      }
      seen.add(container.containerId);
      sink.emit({
        type: 'task',
        name: container.containerId,
        job: undefined,
        at: container.timestamp * 1000,
        duration: Number.POSITIVE_INFINITY,
        count: 1,
        requests: {
          cpu: container.cpuRequest * 10,
          memory: (container.memSize / 100) * units.alibabaMachineMemory,
        },
        labels: container.appDu === '' ? undefined : { app: container.appDu },
      });
    },
    finish() {},
  };
};
