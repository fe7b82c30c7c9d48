import type { NodeScalingReport } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

/** Scaling actions listed in full; beyond this, the summary says how many more there were. */
const ACTIONS_SHOWN = 20;

/**
 * The node-autoscaling part of the summary `berth run` prints for a scenario with node groups or a
 * provisioner: the counts, the host-hours and cost per group, then the scaling actions with their reasons.
 */
export function formatNodeScalingSummary(r: NodeScalingReport): string {
  const head =
    `Node autoscaling: ${r.scaleUps} scale-up(s), ${r.scaleDowns} scale-down(s) (${r.scaleDownFailures} failed), ` +
    `${r.consolidations} consolidation(s); ${r.launched} host(s) launched, ${r.launchFailed} failed to join, ` +
    `${r.removed} removed; peak ${r.peakHosts} hosts, ${r.finalHosts} at the end; ` +
    `${r.hostHours.toFixed(2)} host-hours, cost ${r.cost.toFixed(2)}\n`;
  const groups = formatTable(
    ['group', 'host-hours', 'cost', 'launched', 'removed'],
    Object.entries(r.groups).map(([name, g]) => [
      name,
      g.hostHours.toFixed(2),
      g.cost.toFixed(2),
      String(g.launched),
      String(g.removed),
    ]),
    ['left', 'right', 'right', 'right', 'right'],
  );
  const shown = r.actions.slice(0, ACTIONS_SHOWN);
  const actions = formatTable(
    ['at', 'action', 'group', 'hosts', 'reason'],
    shown.map((a) => [formatMs(a.at), a.type, a.group, a.hosts.join(' '), a.reason]),
  );
  const more = r.actions.length > shown.length ? `... and ${r.actions.length - shown.length} more\n` : '';
  return [head, groups, actions + more].join('\n');
}
