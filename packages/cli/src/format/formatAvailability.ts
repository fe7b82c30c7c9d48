import type { AvailabilityReport, ServiceAvailability } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

const percent = (fraction: number | null): string => (fraction === null ? '-' : `${(fraction * 100).toFixed(1)}%`);
const time = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));
const count = (n: number): string => n.toLocaleString('en-US');

/** Outages of a service: those that ended (each has a recovery time) and the one still going on, if any. */
export function outagesOf(service: ServiceAvailability): number {
  return service.timeToRecover.count + (service.degradedSince === null ? 0 : 1);
}

/**
 * What `berth run` says about availability: per service the share of the run with every desired replica
 * up and with at least one up, outages and their recovery times, replicas lost with their hosts, evicted,
 * placed again and restarted; per host group, crashes and partitions with the mean repair and detection
 * times when any host failed; and each rollout. Empty for a scenario with neither services nor host failures.
 */
export function formatAvailability(report: AvailabilityReport): string {
  const parts: string[] = [];
  const services = Object.entries(report.services);
  if (services.length > 0) {
    const rows = services.map(([name, s]) => [
      name,
      percent(s.full),
      percent(s.any),
      count(outagesOf(s)),
      time(s.timeToRecover.mean),
      time(s.timeToRecover.max),
      s.degradedSince === null ? '-' : formatMs(s.degradedSince),
      count(s.lost),
      count(s.evicted),
      count(s.rescheduled),
      count(s.restarts),
    ]);
    parts.push(
      formatTable(
        [
          'service',
          'all up',
          'any up',
          'outages',
          'recovery (mean)',
          'recovery (worst)',
          'degraded since',
          'lost',
          'evicted',
          'rescheduled',
          'restarts',
        ],
        rows,
        ['left', ...rows[0]!.slice(1).map(() => 'right' as const)],
      ),
    );
  }
  const groups = Object.entries(report.hostGroups);
  if (groups.some(([, g]) => g.failures + g.partitions > 0)) {
    const rows = groups.map(([name, g]) => [
      name,
      count(g.hosts),
      count(g.failures),
      count(g.partitions),
      time(g.mttr),
      time(g.timeToDetect.mean),
      percent(g.measuredAvailability),
    ]);
    parts.push(
      formatTable(['host group', 'hosts', 'crashes', 'partitions', 'repair (mean)', 'detection (mean)', 'up'], rows, [
        'left',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
      ]),
    );
  } else if (groups.length > 0) {
    parts.push('No host crashed or was partitioned.\n');
  }
  const rollouts = report.rollouts.map((r) => {
    const took = r.durationMs === null ? 'still running' : `took ${formatMs(r.durationMs)}`;
    const stalled = r.stalled ? ', stalled' : '';
    return `Rollout of ${r.service} to revision ${r.revision} at ${formatMs(r.startedAt)}: ${took}, fewest available ${r.minAvailable}${stalled}.\n`;
  });
  if (rollouts.length > 0) parts.push(rollouts.join(''));
  return parts.length === 0 ? '' : `Availability\n\n${parts.join('\n')}`;
}
