import type { TrafficMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';
import { trafficTables } from './trafficTables.js';

/**
 * The traffic part of the summary `berth run` prints for a scenario with requests: a line on the
 * window of load, then the {@link trafficTables} (per load source, per service, failures by cause).
 */
export function formatTrafficSummary(traffic: TrafficMetrics): string {
  const head = `Requests over ${formatMs(traffic.window.loadMs)} of load (throughput: succeeded per second; latency: from the first try to the answer):\n`;
  const tables = trafficTables(traffic).map((t) => formatTable(t.header, t.rows, t.align));
  return [head, ...tables].join('\n');
}
