import type { GoogleReplayReport } from '@berth/workloads';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const share = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const wait = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));

/** What `berth run` says about a replayed Google 2011 trace: the replay's decisions beside the trace's. */
export function formatReplay(r: GoogleReplayReport): string {
  const rows = [
    ['submissions', count(r.submitted), count(r.submitted)],
    ['placed (trace: scheduled)', count(r.traceScheduled), count(r.berthPlaced)],
    ['mean wait from submission', wait(r.traceMeanWaitMs), wait(r.berthMeanWaitMs)],
    ['placed by the other only', count(r.onlyTracePlaced), count(r.onlyBerthPlaced)],
    ['evictions', count(r.traceEvictions), count(r.berthEvictions)],
  ];
  const ends = Object.entries(r.traceEnds)
    .map(([type, n]) => `${type} ${count(n)}`)
    .join(', ');
  return (
    `Replay against the trace\n${formatTable(['figure', 'trace', 'berth'], rows, ['left', 'right', 'right'])}` +
    `placed by both: ${count(r.bothPlaced)}, on the same machine: ${count(r.sameMachine)} (${share(r.sameMachine, r.bothPlaced)}); ` +
    `evicted by both: ${count(r.evictedByBoth)}\n` +
    `the trace ended: ${ends === '' ? 'none' : ends}\n`
  );
}
