import { CPU, MEMORY } from '../../resources/ResourceCatalog.js';
import { type Expander, lowest } from './Expander.js';

/**
 * cluster-autoscaler's `least-waste` expander (`expander/waste/waste.go`), the default since PR
 * #7631: the option that leaves the least of its new hosts idle, scored as the idle fraction of cpu
 * plus the idle fraction of memory, `(n·cap − requested) / (n·cap)` for each. Example: 2 hosts of 4
 * cpu / 16 GiB for containers requesting 6 cpu and 8 GiB waste 2/8 + 24/32 = 1.0.
 */
export function leastWaste(): Expander {
  return {
    name: 'least-waste',
    bestOptions: (options) =>
      lowest(options, (o) => {
        let cpu = 0;
        let memory = 0;
        for (const c of o.containers) {
          cpu += c.requests[CPU]!;
          memory += c.requests[MEMORY]!;
        }
        const cap = o.group.template.capacity;
        const availCpu = cap[CPU]! * o.nodeCount;
        const availMemory = cap[MEMORY]! * o.nodeCount;
        const wastedCpu = availCpu > 0 ? (availCpu - cpu) / availCpu : 0;
        const wastedMemory = availMemory > 0 ? (availMemory - memory) / availMemory : 0;
        return wastedCpu + wastedMemory;
      }),
  };
}
