import type { Scorer } from '../scheduler/Scorer.js';
import { MAX_FAILURES } from '../scheduler/TaskFailures.js';

/**
 * SwarmKit's first ordering key (moby/swarmkit manager/scheduler/scheduler.go `nodeLess`): when
 * either of two nodes has at least `maxFailures` (5) failures of the task's service within
 * `monitorFailures` (5 minutes), the one with fewer failures wins; below that the failures do not
 * count. As a raw score to minimise: the count of recent failures when it is at least 5, else 0 —
 * which orders every pair of hosts as `nodeLess` does. Failures are crashes and failed ends of a
 * task of the same service revision (or job) on the host. Skipped while no failure was recorded.
 */
export function recentFailures(): Scorer {
  return {
    name: 'RecentFailures',
    prepare: (request, cluster) => !cluster.failureFree && (request.service !== undefined || request.job !== undefined),
    score: (request, host, cluster) => {
      const n = cluster.recentFailures(host, request);
      return n >= MAX_FAILURES ? n : 0;
    },
  };
}
