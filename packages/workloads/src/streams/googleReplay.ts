import type { ClusterEvent, StreamItem, TraceStreamFactory } from '@berth/cluster';
import { readGoogleJobEvents } from '../google2011/readGoogleJobEvents.js';
import { readGoogleMachineEvents } from '../google2011/readGoogleMachineEvents.js';
import { readGoogleTaskEvents } from '../google2011/readGoogleTaskEvents.js';
import { googleLifecycle } from './googleLifecycle.js';
import { googleMachines } from './googleMachines.js';
import { type TraceStreamOptions, traceStream } from './traceStream.js';

/**
 * How a replay's decisions differ from the trace's own, over the tasks a Google 2011 stream submitted.
 * Machines are compared by name: the trace's machine `<id>` is the replay's host `machine-<id>`, so
 * placements can agree only when machine_events are replayed too.
 */
export interface GoogleReplayReport {
  /** Submissions read (a task resubmitted after an end counts again, as in the trace). */
  readonly submitted: number;
  /** Submissions the trace scheduled (a SCHEDULE row). */
  readonly traceScheduled: number;
  /** Submissions Berth placed. */
  readonly berthPlaced: number;
  /** Placed by both. */
  readonly bothPlaced: number;
  /** Placed by both on the same machine. */
  readonly sameMachine: number;
  /** Scheduled by the trace but never placed by Berth before the trace ended them. */
  readonly onlyTracePlaced: number;
  /** Placed by Berth but never scheduled by the trace before it ended them. */
  readonly onlyBerthPlaced: number;
  /** Mean time from submission to the trace's SCHEDULE, ms (null with none). */
  readonly traceMeanWaitMs: number | null;
  /** Mean time from submission to Berth's placement, ms (null with none). */
  readonly berthMeanWaitMs: number | null;
  /** Submissions the trace ended with EVICT. */
  readonly traceEvictions: number;
  /** Submissions Berth evicted (preempted, or lost with a removed machine). */
  readonly berthEvictions: number;
  /** Evicted by both. */
  readonly evictedByBoth: number;
  /** How the trace ended the submissions, by event type. */
  readonly traceEnds: Readonly<Record<string, number>>;
}

/** One submission being followed, from its SUBMIT to its end in the trace. */
interface Followed {
  readonly submittedAt: number;
  traceMachine: string | undefined;
  traceAt: number;
  berthHost: string | undefined;
  berthAt: number;
  berthEvicted: boolean;
}

/** A replay of Google 2011 tables: the stream factories to give the simulation, and the comparison. */
export interface GoogleReplay {
  /** Pass as (or spread into) the `traceStreams` option: Google's task, job and machine events. */
  readonly traceStreams: Readonly<Record<string, TraceStreamFactory>>;
  /** The comparison so far: submissions still open count with what is known of them. */
  report(): GoogleReplayReport;
}

/**
 * Replays Google 2011 task_events (or job_events) and machine_events through the same streams as every other
 * trace, and compares the replay's placements and evictions with the trace's own, submission by
 * submission. Memory follows the open submissions, not the trace. One replay serves one simulation.
 */
export function googleReplay(options: Omit<TraceStreamOptions, 'onOpen' | 'applied'> = {}): GoogleReplay {
  const open = new Map<string, Followed>();
  const totals = {
    submitted: 0,
    traceScheduled: 0,
    berthPlaced: 0,
    bothPlaced: 0,
    sameMachine: 0,
    onlyTracePlaced: 0,
    onlyBerthPlaced: 0,
    traceWait: 0,
    berthWait: 0,
    traceEvictions: 0,
    berthEvictions: 0,
    evictedByBoth: 0,
  };
  const traceEnds: Record<string, number> = {};
  let subscribed = false;

  /** Adds one submission's figures to `into`; `traceEnd` when the trace has ended it. */
  const tally = (f: Followed, into: typeof totals, traceEnd: string | undefined) => {
    into.submitted++;
    const trace = f.traceMachine !== undefined || f.traceAt >= 0;
    const berth = f.berthHost !== undefined;
    if (trace) {
      into.traceScheduled++;
      into.traceWait += f.traceAt - f.submittedAt;
    }
    if (berth) {
      into.berthPlaced++;
      into.berthWait += f.berthAt - f.submittedAt;
    }
    if (trace && berth) {
      into.bothPlaced++;
      if (f.traceMachine === f.berthHost) into.sameMachine++;
    }
    if (traceEnd !== undefined && trace && !berth) into.onlyTracePlaced++;
    if (traceEnd !== undefined && berth && !trace) into.onlyBerthPlaced++;
    const traceEvicted = traceEnd === 'EVICT';
    if (traceEvicted) into.traceEvictions++;
    if (f.berthEvicted) into.berthEvictions++;
    if (traceEvicted && f.berthEvicted) into.evictedByBoth++;
  };

  /** The trace's side, heard item by item at simulated time, after the simulation applied each. */
  const applied = (item: StreamItem) => {
    switch (item.type) {
      case 'submit':
        open.set(item.spec.name, {
          submittedAt: item.at,
          traceMachine: undefined,
          traceAt: -1,
          berthHost: undefined,
          berthAt: -1,
          berthEvicted: false,
        });
        return;
      case 'traced': {
        const f = open.get(item.container);
        if (f === undefined || f.traceAt >= 0) return;
        f.traceAt = item.at;
        f.traceMachine = item.host;
        return;
      }
      case 'end': {
        const f = open.get(item.container);
        if (f === undefined) return;
        open.delete(item.container);
        traceEnds[item.reason] = (traceEnds[item.reason] ?? 0) + 1;
        tally(f, totals, item.reason);
        return;
      }
      default:
        return;
    }
  };

  const hear = (event: ClusterEvent) => {
    if (event.type === 'container.scheduled') {
      const f = open.get(event.container);
      if (f !== undefined && f.berthHost === undefined) {
        f.berthHost = event.host;
        f.berthAt = event.at;
      }
    } else if (event.type === 'container.evicted') {
      const f = open.get(event.container);
      if (f !== undefined) f.berthEvicted = true;
    }
  };
  const streamOptions: TraceStreamOptions = {
    ...options,
    applied,
    onOpen: ({ runtime }) => {
      if (subscribed) return;
      subscribed = true;
      runtime.log.subscribe(hear, ['container.scheduled', 'container.evicted']);
    },
  };

  return {
    traceStreams: Object.freeze({
      'google-2011-task-events': (entry) => traceStream(entry, readGoogleTaskEvents, googleLifecycle(), streamOptions),
      'google-2011-job-events': (entry) => traceStream(entry, readGoogleJobEvents, googleLifecycle(), streamOptions),
      'google-2011-machine-events': (entry) =>
        traceStream(entry, readGoogleMachineEvents, googleMachines(), streamOptions),
    }),
    report() {
      const sum = { ...totals };
      for (const f of open.values()) tally(f, sum, undefined);
      return {
        submitted: sum.submitted,
        traceScheduled: sum.traceScheduled,
        berthPlaced: sum.berthPlaced,
        bothPlaced: sum.bothPlaced,
        sameMachine: sum.sameMachine,
        onlyTracePlaced: sum.onlyTracePlaced,
        onlyBerthPlaced: sum.onlyBerthPlaced,
        traceMeanWaitMs: sum.traceScheduled === 0 ? null : sum.traceWait / sum.traceScheduled,
        berthMeanWaitMs: sum.berthPlaced === 0 ? null : sum.berthWait / sum.berthPlaced,
        traceEvictions: sum.traceEvictions,
        berthEvictions: sum.berthEvictions,
        evictedByBoth: sum.evictedByBoth,
        traceEnds: { ...traceEnds },
      };
    },
  };
}
