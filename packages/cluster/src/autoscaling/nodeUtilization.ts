import type { HostView } from '../hosts/Host.js';
import { CPU, GPU, MEMORY } from '../resources/ResourceCatalog.js';

/**
 * A node's utilisation as cluster-autoscaler's scale-down sees it: the larger of requested cpu over
 * allocatable cpu and requested memory over allocatable memory; on a node with GPUs, the GPU fraction
 * alone (`--scale-down-utilization-threshold` help text; FAQ "How does scale-down work?"). Requests,
 * not usage: an idle container with large requests keeps its node.
 */
export function nodeUtilization(host: HostView): number {
  const { capacity, allocated } = host;
  const gpu = capacity[GPU] ?? 0;
  if (gpu > 0) return (allocated[GPU] ?? 0) / gpu;
  const cpu = capacity[CPU]! > 0 ? allocated[CPU]! / capacity[CPU]! : 0;
  const memory = capacity[MEMORY]! > 0 ? allocated[MEMORY]! / capacity[MEMORY]! : 0;
  return Math.max(cpu, memory);
}
