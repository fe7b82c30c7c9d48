import type { GpuNodeView } from './GpuPolicy.js';
import type { TypicalPods } from './typicalPods.js';

/**
 * F_n(M), the expected GPU fragmentation of one node in milli-GPU (Weng et al., USENIX ATC 2023, §4;
 * the simulator's `NodeGpuShareFragAmount` summed except its Q3 part): for each typical pod m with
 * frequency p_m, the idle milli-GPU that m could not use on the node, weighted by p_m —
 * all of it when m asks for no GPU, when the node's model is not one m accepts, when m's GPUs do not
 * fit (fewer than `count` devices with `milli` free) or its cpu does not; otherwise only the free
 * milli-GPU of the devices with less than m's `milli` free. Memory does not enter.
 *
 * `cpuFree` and `used` describe the node's state (pass a hypothetical one to measure a placement).
 */
export function nodeFragmentation(
  node: Pick<GpuNodeView, 'model' | 'gpuCount'>,
  cpuFree: number,
  used: Int32Array,
  typical: TypicalPods,
): number {
  const n = node.gpuCount;
  let idle = 0;
  for (let d = 0; d < n; d++) idle += 1000 - used[d]!;
  if (idle === 0) return 0;
  let frag = typical.cpuOnly * idle;
  for (const m of typical.demands) {
    if (m.models !== undefined && !m.models.includes(node.model)) {
      frag += m.total * idle;
      continue;
    }
    let fitting = 0;
    let small = 0;
    for (let d = 0; d < n; d++) {
      const free = 1000 - used[d]!;
      if (free >= m.milli) fitting += 1;
      else small += free;
    }
    if (fitting < m.count) {
      frag += m.total * idle;
      continue;
    }
    // The specs of this demand whose cpu fits: a prefix, since they are sorted by cpu.
    const cpu = m.cpu;
    let lo = 0;
    let hi = cpu.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cpu[mid]! <= cpuFree) lo = mid + 1;
      else hi = mid;
    }
    const fits = lo === 0 ? 0 : m.cumulative[lo - 1]!;
    frag += fits * small + (m.total - fits) * idle;
  }
  return frag;
}
