import type { ConverterFactory } from '../convert/RecordConverter.js';
import type { AlibabaMachineMeta } from './readAlibabaMachineMeta.js';

/**
 * Alibaba v2018 machine_meta → one host per machine, from its first row: `cpu_num` cores, memory
 * `mem_size`% of `units.alibabaMachineMemory`, labels `failure-domain-1` and `failure-domain-2`.
 * Rows with the trace's invalid markers (mem_size -1 or 101) are left out.
 */
export const convertAlibabaMachineMeta: ConverterFactory<AlibabaMachineMeta> = (units) => {
  const seen = new Set<string>();
  return {
    produces: 'hosts',
    accept(machine, sink) {
      if (seen.has(machine.machineId)) return;
      if (!(machine.memSize >= 0 && machine.memSize <= 100) || !(machine.cpuNum > 0)) {
        sink.skip('machine with an invalid cpu_num or mem_size');
        return;
      }
      seen.add(machine.machineId);
      const labels: Record<string, string> = {};
      if (machine.failureDomain1 !== '') labels['failure-domain-1'] = machine.failureDomain1;
      if (machine.failureDomain2 !== '') labels['failure-domain-2'] = machine.failureDomain2;
      sink.emit({
        type: 'host',
        name: machine.machineId,
        capacity: { cpu: machine.cpuNum * 1000, memory: (machine.memSize / 100) * units.alibabaMachineMemory },
        labels,
      });
    },
    finish() {},
  };
};
