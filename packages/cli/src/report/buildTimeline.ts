import type { ClusterEvent } from '@berth/cluster';
import { type StepPoint, StepSeries } from './StepSeries.js';

/** Kinds of failure and recovery marked on the report's time axis. */
export type MarkerKind =
  | 'host crashed'
  | 'host recovered'
  | 'host partitioned'
  | 'host healed'
  | 'host not ready'
  | 'replica lost'
  | 'container crashed'
  | 'container evicted'
  | 'container failed'
  | 'rollout started'
  | 'rollout completed'
  | 'rollout stalled';

/** One failure or recovery on the time axis. */
export interface Marker {
  /** Simulated ms. */
  readonly at: number;
  readonly kind: MarkerKind;
  /** The host, container or service it happened to. */
  readonly subject: string;
  /** A reason or revision, when the event has one; '' otherwise. */
  readonly detail: string;
}

/** Desired and available replicas of one service over time. */
export interface ServiceTimeline {
  readonly desired: readonly StepPoint[];
  /**
   * Replicas that serve: ready, and not lost with a dead or unreachable host (the control plane may
   * still count those as ready until it notices). The same definition as @berth/cluster's
   * AvailabilityMetrics, so the chart and the availability figures agree.
   */
  readonly available: readonly StepPoint[];
}

/** The signals a report draws that the metrics do not carry, extracted from the event log. */
export interface ReportTimeline {
  /** The window, in simulated ms. */
  readonly from: number;
  readonly to: number;
  /** Containers created and not yet bound to a host (nor withdrawn). */
  readonly pending: readonly StepPoint[];
  /** Containers bound to a host (scheduled until they end). */
  readonly bound: readonly StepPoint[];
  /** Hosts in each state (`ready`, `not-ready`, `cordoned`, `down`), states never seen left out. */
  readonly hostStates: Readonly<Record<string, readonly StepPoint[]>>;
  /** Per service, in order of first appearance. */
  readonly services: Readonly<Record<string, ServiceTimeline>>;
  /** Failures and recoveries, oldest first; at most `maxMarkers` of them (see `markerCounts`). */
  readonly markers: readonly Marker[];
  /** How many markers of each kind happened, kept or not. */
  readonly markerCounts: Readonly<Partial<Record<MarkerKind, number>>>;
}

/** Options of {@link buildTimeline}. */
export interface TimelineOptions {
  /** Start of the window (ms); default the first event's time, or 0. */
  readonly from?: number | undefined;
  /** End of the window (ms), where the last step of each series is drawn to. */
  readonly to: number;
  /** Desired replicas per service at `from` (the scenario's); later changes come from `desired.changed`. */
  readonly desired?: Readonly<Record<string, number>> | undefined;
  /** Points per series at most (see {@link StepSeries.points}); default 2000. */
  readonly maxPoints?: number | undefined;
  /** Markers kept at most, the earliest ones; default 2000. */
  readonly maxMarkers?: number | undefined;
}

interface ContainerBook {
  readonly service: string | undefined;
  pending: boolean;
  bound: boolean;
  ready: boolean;
  lost: boolean;
}

interface ServiceBook {
  readonly desired: StepSeries;
  readonly available: StepSeries;
}

/**
 * Replays a run's event log (oldest first) into the step series and markers a report draws: pending
 * and bound containers, hosts per state, desired and available replicas per service, and failures
 * and recoveries. Events about containers or hosts created before the log starts (a log that kept
 * only its last events) are counted from the moment they appear, so the result stays consistent but
 * undercounts; pass a complete log for exact series.
 */
export function buildTimeline(events: readonly ClusterEvent[], options: TimelineOptions): ReportTimeline {
  const from = options.from ?? events[0]?.at ?? 0;
  const to = Math.max(options.to, from);
  const maxPoints = options.maxPoints ?? 2000;
  const maxMarkers = options.maxMarkers ?? 2000;
  const pending = new StepSeries(from, 0);
  const bound = new StepSeries(from, 0);
  const hostState = new Map<string, string>();
  const hostStates = new Map<string, StepSeries>();
  const containers = new Map<string, ContainerBook>();
  const services = new Map<string, ServiceBook>();
  const markers: Marker[] = [];
  const markerCounts: Partial<Record<MarkerKind, number>> = {};

  const serviceBook = (name: string): ServiceBook => {
    let book = services.get(name);
    if (book === undefined) {
      book = { desired: new StepSeries(from, options.desired?.[name] ?? 0), available: new StepSeries(from, 0) };
      services.set(name, book);
    }
    return book;
  };
  for (const name of Object.keys(options.desired ?? {})) serviceBook(name);

  const stateSeries = (state: string): StepSeries => {
    let series = hostStates.get(state);
    if (series === undefined) {
      series = new StepSeries(from, 0);
      hostStates.set(state, series);
    }
    return series;
  };
  const moveHost = (host: string, to: string, at: number): void => {
    const before = hostState.get(host);
    if (before === to) return;
    if (before !== undefined) stateSeries(before).add(at, -1);
    stateSeries(to).add(at, 1);
    hostState.set(host, to);
  };
  const mark = (at: number, kind: MarkerKind, subject: string, detail = ''): void => {
    markerCounts[kind] = (markerCounts[kind] ?? 0) + 1;
    if (markers.length < maxMarkers) markers.push({ at, kind, subject, detail });
  };
  const serving = (c: ContainerBook): boolean => c.ready && !c.lost;
  const available = (c: ContainerBook, at: number, delta: 1 | -1): void => {
    if (c.service !== undefined) serviceBook(c.service).available.add(at, delta);
  };
  const end = (name: string, at: number): void => {
    const c = containers.get(name);
    if (c === undefined) return;
    containers.delete(name);
    if (c.pending) pending.add(at, -1);
    if (c.bound) bound.add(at, -1);
    if (serving(c)) available(c, at, -1);
  };

  for (const e of events) {
    const at = e.at;
    switch (e.type) {
      case 'host.added':
        moveHost(e.host, 'ready', at);
        break;
      case 'host.state':
        moveHost(e.host, e.to, at);
        if (e.to === 'not-ready') mark(at, 'host not ready', e.host);
        break;
      case 'host.crashed':
        mark(at, 'host crashed', e.host);
        break;
      case 'host.recovered':
        mark(at, 'host recovered', e.host);
        break;
      case 'host.partitioned':
        mark(at, 'host partitioned', e.host);
        break;
      case 'host.healed':
        mark(at, 'host healed', e.host);
        break;
      case 'container.created':
        if (e.service !== undefined) serviceBook(e.service);
        containers.set(e.container, { service: e.service, pending: true, bound: false, ready: false, lost: false });
        pending.add(at, 1);
        break;
      case 'container.scheduled': {
        const c = containers.get(e.container);
        if (c === undefined) break;
        if (c.pending) pending.add(at, -1);
        if (!c.bound) bound.add(at, 1);
        c.pending = false;
        c.bound = true;
        break;
      }
      case 'container.ready': {
        const c = containers.get(e.container);
        if (c === undefined || c.ready) break;
        c.ready = true;
        if (!c.lost) available(c, at, 1);
        break;
      }
      case 'container.unready': {
        const c = containers.get(e.container);
        if (c === undefined || !c.ready) break;
        if (!c.lost) available(c, at, -1);
        c.ready = false;
        break;
      }
      case 'container.lost': {
        mark(at, 'replica lost', e.container, e.host);
        const c = containers.get(e.container);
        if (c === undefined || c.lost) break;
        if (c.ready) available(c, at, -1);
        c.lost = true;
        break;
      }
      case 'container.running': {
        const c = containers.get(e.container);
        // Back before the control plane noticed: it serves again without a new `container.ready`.
        if (c === undefined || !c.lost) break;
        c.lost = false;
        if (c.ready) available(c, at, 1);
        break;
      }
      case 'container.crashed':
        mark(at, 'container crashed', e.container, e.reason);
        break;
      case 'container.evicted':
        mark(at, 'container evicted', e.container, e.reason);
        end(e.container, at);
        break;
      case 'container.failed':
        mark(at, 'container failed', e.container, e.reason);
        end(e.container, at);
        break;
      case 'container.succeeded':
        end(e.container, at);
        break;
      case 'rollout.started':
        mark(at, 'rollout started', e.service, `revision ${e.revision}`);
        break;
      case 'rollout.completed':
        mark(at, 'rollout completed', e.service, `revision ${e.revision}`);
        break;
      case 'rollout.stalled':
        mark(at, 'rollout stalled', e.service, `revision ${e.revision}`);
        break;
      case 'desired.changed':
        for (const patch of e.patches) applyDesiredPatch(patch, at, serviceBook, services);
        break;
      default:
        break;
    }
  }

  const hostStatesOut: Record<string, readonly StepPoint[]> = {};
  for (const [state, series] of hostStates) hostStatesOut[state] = series.points(to, maxPoints);
  const servicesOut: Record<string, ServiceTimeline> = {};
  for (const [name, book] of services) {
    servicesOut[name] = {
      desired: book.desired.points(to, maxPoints),
      available: book.available.points(to, maxPoints),
    };
  }
  return {
    from,
    to,
    pending: pending.points(to, maxPoints),
    bound: bound.points(to, maxPoints),
    hostStates: hostStatesOut,
    services: servicesOut,
    markers,
    markerCounts,
  };
}

/**
 * Follows a `desired.changed` patch (immer's, path joined with dots) into desired replica counts:
 * `services.web.replicas` replaced, a service added or removed, or the whole record replaced.
 */
function applyDesiredPatch(
  patch: { readonly op: string; readonly path: string; readonly value?: unknown },
  at: number,
  book: (name: string) => ServiceBook,
  services: ReadonlyMap<string, ServiceBook>,
): void {
  const path = patch.path.split('.');
  if (path[0] !== 'services') return;
  if (path.length === 1) {
    const record = isRecord(patch.value) ? patch.value : {};
    for (const [name, s] of services) if (!(name in record)) s.desired.set(at, 0);
    for (const [name, value] of Object.entries(record)) book(name).desired.set(at, replicasOf(value));
    return;
  }
  const name = path[1]!;
  if (path.length === 2) {
    book(name).desired.set(at, patch.op === 'remove' ? 0 : replicasOf(patch.value));
  } else if (path.length === 3 && path[2] === 'replicas') {
    book(name).desired.set(at, typeof patch.value === 'number' && patch.op !== 'remove' ? patch.value : 0);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function replicasOf(service: unknown): number {
  return isRecord(service) && typeof service.replicas === 'number' ? service.replicas : 0;
}
