import type { ClusterEvent } from '@berth/cluster';
import type { StepPoint } from './StepSeries.js';

/**
 * One entry of a Chrome trace-event file (the JSON format that Perfetto and chrome://tracing open).
 * Times are microseconds. `ph` is the phase: `X` a complete slice, `i` an instant, `C` a counter
 * sample, `M` metadata naming a process or thread.
 */
export type TraceEvent =
  | {
      readonly ph: 'X';
      readonly name: string;
      readonly cat: string;
      readonly ts: number;
      readonly dur: number;
      readonly pid: number;
      readonly tid: number;
      readonly args: Readonly<Record<string, string | number | boolean>>;
    }
  | {
      readonly ph: 'i';
      readonly name: string;
      readonly cat: string;
      readonly ts: number;
      readonly pid: number;
      readonly tid: number;
      /** Scope: the thread, the process, or the whole trace (a vertical line across every track). */
      readonly s: 't' | 'p' | 'g';
      readonly args: Readonly<Record<string, string | number | boolean>>;
    }
  | {
      readonly ph: 'C';
      readonly name: string;
      readonly ts: number;
      readonly pid: number;
      readonly tid: number;
      readonly args: Readonly<Record<string, number>>;
    }
  | {
      readonly ph: 'M';
      readonly name: 'process_name' | 'process_labels' | 'process_sort_index' | 'thread_name' | 'thread_sort_index';
      readonly pid: number;
      readonly tid: number;
      readonly args: Readonly<Record<string, string | number>>;
    };

/** A Chrome trace-event file in its JSON object form. */
export interface ChromeTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, string | number>>;
}

/** Options of {@link buildTrace}. */
export interface TraceOptions {
  /** End of the run (ms): slices still open are closed here, marked `open: true`. */
  readonly end: number;
  /** Hosts in the simulation's order with their group, so tracks follow it; hosts only seen in events follow. */
  readonly hosts?: ReadonlyArray<{ readonly name: string; readonly group: string }> | undefined;
  /** Step series drawn as counter tracks on the cluster process (e.g. pending containers). */
  readonly counters?: Readonly<Record<string, readonly StepPoint[]>> | undefined;
  /** Free-form facts about the run (scenario name, seed), stored as `otherData`. */
  readonly metadata?: Readonly<Record<string, string | number>> | undefined;
}

/** The process holding cluster-wide counters and events; hosts are processes 1, 2, ... */
export const CLUSTER_PID = 0;
/** The thread of a host's process that carries its state (ready, not-ready, down); slots are 1, 2, ... */
export const HOST_STATE_TID = 0;

interface HostTrack {
  readonly pid: number;
  /** Slots in use, by slot index (tid − 1). */
  readonly slots: boolean[];
  state: string;
  stateSince: number;
}

interface Residency {
  readonly host: HostTrack;
  readonly tid: number;
  readonly since: number;
  phase: string;
  phaseSince: number;
}

interface ContainerInfo {
  readonly createdAt: number;
  readonly service: string | undefined;
  readonly job: string | undefined;
  residency: Residency | null;
}

const PHASE_RANK = { X: 0, i: 1, C: 2 } as const;

/** Microseconds from simulated ms, rounded to the nanosecond (Perfetto's own resolution) so float dust does not show. */
function us(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}

/** The microseconds from `from` to `to` (ms), rounded like {@link us} so that ts + dur lands on the end's ts in ns. */
function span(from: number, to: number): number {
  return Math.round((us(to) - us(from)) * 1e3) / 1e3;
}

/**
 * Turns a run's event log (oldest first) into a Chrome trace: one process per host with a thread for
 * its state and one thread per container slot; each container's stay on a host is a slice named
 * after it on the lowest free slot, with its phases (scheduled, pulling, starting, running,
 * terminating, crash backoff, lost) as nested slices, so slices on a thread never overlap and nest
 * properly. Crashes, losses, evictions and readiness changes are instants on the slot; host crashes,
 * recoveries and partitions on the host; rollouts and desired-state changes across the whole trace.
 * Events are sorted by time (stable: a parent before its first child); metadata comes first.
 */
export function buildTrace(events: readonly ClusterEvent[], options: TraceOptions): ChromeTrace {
  const out: Array<Exclude<TraceEvent, { readonly ph: 'M' }>> = [];
  const meta: TraceEvent[] = [];
  const hosts = new Map<string, HostTrack>();
  const containers = new Map<string, ContainerInfo>();
  const end = options.end;

  meta.push({ ph: 'M', name: 'process_name', pid: CLUSTER_PID, tid: 0, args: { name: 'cluster' } });
  meta.push({ ph: 'M', name: 'process_sort_index', pid: CLUSTER_PID, tid: 0, args: { sort_index: 0 } });
  meta.push({ ph: 'M', name: 'thread_name', pid: CLUSTER_PID, tid: 0, args: { name: 'counters and rollouts' } });

  const track = (name: string, group: string | undefined): HostTrack => {
    let host = hosts.get(name);
    if (host === undefined) {
      const pid = hosts.size + 1;
      host = { pid, slots: [], state: 'ready', stateSince: Number.NaN };
      hosts.set(name, host);
      meta.push({ ph: 'M', name: 'process_name', pid, tid: 0, args: { name } });
      if (group !== undefined) meta.push({ ph: 'M', name: 'process_labels', pid, tid: 0, args: { labels: group } });
      meta.push({ ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: pid } });
      meta.push({ ph: 'M', name: 'thread_name', pid, tid: HOST_STATE_TID, args: { name: 'host state' } });
      meta.push({ ph: 'M', name: 'thread_sort_index', pid, tid: HOST_STATE_TID, args: { sort_index: 0 } });
    }
    return host;
  };
  for (const h of options.hosts ?? []) track(h.name, h.group);

  const closeState = (host: HostTrack, at: number, open: boolean): void => {
    if (Number.isNaN(host.stateSince)) return;
    out.push({
      ph: 'X',
      name: host.state,
      cat: 'host',
      ts: us(host.stateSince),
      dur: span(host.stateSince, at),
      pid: host.pid,
      tid: HOST_STATE_TID,
      args: open ? { state: host.state, open: true } : { state: host.state },
    });
  };
  const setState = (host: HostTrack, state: string, at: number): void => {
    if (!Number.isNaN(host.stateSince) && host.state === state) return;
    closeState(host, at, false);
    host.state = state;
    host.stateSince = at;
  };
  const hostInstant = (name: string, host: string, at: number): void => {
    const t = track(host, undefined);
    out.push({ ph: 'i', name, cat: 'host', ts: us(at), pid: t.pid, tid: HOST_STATE_TID, s: 'p', args: { host } });
  };

  const closePhase = (r: Residency, at: number): void => {
    if (at <= r.phaseSince) return;
    out.push({
      ph: 'X',
      name: r.phase,
      cat: 'phase',
      ts: us(r.phaseSince),
      dur: span(r.phaseSince, at),
      pid: r.host.pid,
      tid: r.tid,
      args: { phase: r.phase },
    });
  };
  const deferred = new Map<Residency, Array<[string, number, number]>>();
  const setPhase = (name: string, phase: string, at: number): void => {
    const r = containers.get(name)?.residency;
    if (r === undefined || r === null || r.phase === phase) return;
    // Children go out when they end, the parent when it ends: the stable sort puts the parent first.
    deferred.get(r)?.push([r.phase, r.phaseSince, at]);
    r.phase = phase;
    r.phaseSince = at;
  };
  const leave = (name: string, at: number, outcome: string, open = false): void => {
    const c = containers.get(name);
    const r = c?.residency;
    if (c === undefined || r === undefined || r === null) return;
    const args: Record<string, string | number | boolean> = { outcome, waitedMs: r.since - c.createdAt };
    if (c.service !== undefined) args.service = c.service;
    if (c.job !== undefined) args.job = c.job;
    if (open) args.open = true;
    out.push({
      ph: 'X',
      name,
      cat: 'container',
      ts: us(r.since),
      dur: span(r.since, at),
      pid: r.host.pid,
      tid: r.tid,
      args,
    });
    for (const [phase, since, until] of deferred.get(r) ?? []) closePhase({ ...r, phase, phaseSince: since }, until);
    closePhase(r, at);
    deferred.delete(r);
    r.host.slots[r.tid - 1] = false;
    c.residency = null;
  };
  const slotInstant = (name: string, container: string, at: number, args: Record<string, string | number>): void => {
    const r = containers.get(container)?.residency;
    if (r === undefined || r === null) return;
    out.push({ ph: 'i', name, cat: 'container', ts: us(at), pid: r.host.pid, tid: r.tid, s: 't', args });
  };

  for (const e of events) {
    const at = e.at;
    switch (e.type) {
      case 'host.added':
        setState(track(e.host, e.group), 'ready', at);
        break;
      case 'host.state':
        setState(track(e.host, undefined), e.to, at);
        break;
      case 'host.crashed':
      case 'host.recovered':
      case 'host.partitioned':
      case 'host.healed':
        hostInstant(e.type, e.host, at);
        break;
      case 'container.created':
        containers.set(e.container, { createdAt: at, service: e.service, job: e.job, residency: null });
        break;
      case 'container.scheduled': {
        let c = containers.get(e.container);
        if (c === undefined) {
          c = { createdAt: at, service: undefined, job: undefined, residency: null };
          containers.set(e.container, c);
        }
        if (c.residency !== null) leave(e.container, at, 'moved');
        const host = track(e.host, undefined);
        let slot = host.slots.indexOf(false);
        if (slot < 0) {
          slot = host.slots.length;
          host.slots.push(true);
          meta.push({ ph: 'M', name: 'thread_name', pid: host.pid, tid: slot + 1, args: { name: `slot ${slot + 1}` } });
          meta.push({
            ph: 'M',
            name: 'thread_sort_index',
            pid: host.pid,
            tid: slot + 1,
            args: { sort_index: slot + 1 },
          });
        } else host.slots[slot] = true;
        const r: Residency = { host, tid: slot + 1, since: at, phase: 'scheduled', phaseSince: at };
        c.residency = r;
        deferred.set(r, []);
        break;
      }
      case 'container.pulling':
        setPhase(e.container, 'pulling', at);
        break;
      case 'container.starting':
        setPhase(e.container, 'starting', at);
        break;
      case 'container.running':
        setPhase(e.container, 'running', at);
        break;
      case 'container.terminating':
        setPhase(e.container, 'terminating', at);
        break;
      case 'container.crashed':
        slotInstant('crashed', e.container, at, { reason: e.reason, restarts: e.restarts });
        setPhase(e.container, e.restartIn === null ? 'crashed' : 'crash backoff', at);
        break;
      case 'container.lost':
        slotInstant('lost', e.container, at, { host: e.host });
        setPhase(e.container, 'lost', at);
        break;
      case 'container.ready':
        slotInstant('ready', e.container, at, {});
        break;
      case 'container.unready':
        slotInstant('unready', e.container, at, { reason: e.reason });
        break;
      case 'container.succeeded':
        leave(e.container, at, 'succeeded');
        containers.delete(e.container);
        break;
      case 'container.failed':
        slotInstant('failed', e.container, at, { reason: e.reason });
        leave(e.container, at, 'failed');
        containers.delete(e.container);
        break;
      case 'container.evicted':
        slotInstant('evicted', e.container, at, { reason: e.reason });
        leave(e.container, at, 'evicted');
        containers.delete(e.container);
        break;
      case 'rollout.started':
      case 'rollout.completed':
      case 'rollout.stalled':
        out.push({
          ph: 'i',
          name: `${e.type} ${e.service}`,
          cat: 'rollout',
          ts: us(at),
          pid: CLUSTER_PID,
          tid: 0,
          s: 'g',
          args: { service: e.service, revision: e.revision },
        });
        break;
      case 'desired.changed':
        out.push({
          ph: 'i',
          name: 'desired.changed',
          cat: 'desired',
          ts: us(at),
          pid: CLUSTER_PID,
          tid: 0,
          s: 'g',
          args: { patches: e.patches.map((p) => `${p.op} ${p.path}`).join(', ') },
        });
        break;
      default:
        break;
    }
  }
  for (const [name, c] of containers) if (c.residency !== null) leave(name, end, 'running at end', true);
  for (const host of hosts.values()) closeState(host, Math.max(end, host.stateSince), true);

  for (const [name, points] of Object.entries(options.counters ?? {})) {
    for (const p of points)
      out.push({ ph: 'C', name, ts: us(p.at), pid: CLUSTER_PID, tid: 0, args: { value: p.value } });
  }
  // Same instant: slices first (in emission order, so a parent precedes its children), then instants
  // (drawn inside the slice they fall in), then counter samples.
  out.sort((a, b) => a.ts - b.ts || PHASE_RANK[a.ph] - PHASE_RANK[b.ph]);
  return { traceEvents: [...meta, ...out], displayTimeUnit: 'ms', otherData: { ...options.metadata } };
}
