import { type ClusterEvent, isFinished } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { runRich } from '../../test/richRun.js';
import { buildTimeline } from './buildTimeline.js';
import { availabilityFraction } from './reportCharts.js';
import type { StepPoint } from './StepSeries.js';

/** ∫ of a step series over [from, to], in value × ms. */
function integral(points: readonly StepPoint[], from: number, to: number): number {
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const start = Math.max(points[i]!.at, from);
    const end = Math.min(points[i + 1]?.at ?? to, to);
    if (end > start) total += points[i]!.value * (end - start);
  }
  return total;
}

const at = (t: number) => ({ at: t });

describe('buildTimeline on a hand-written log', () => {
  const events: ClusterEvent[] = [
    { ...at(0), type: 'host.added', host: 'h0', group: 'g' },
    { ...at(0), type: 'host.added', host: 'h1', group: 'g' },
    { ...at(0), type: 'container.created', container: 'web-0', service: 'web' },
    { ...at(0), type: 'container.created', container: 'web-1', service: 'web' },
    { ...at(0), type: 'container.created', container: 'job-0', job: 'job' },
    { ...at(5), type: 'container.scheduled', container: 'web-0', host: 'h0' },
    { ...at(5), type: 'container.scheduled', container: 'web-1', host: 'h1' },
    { ...at(10), type: 'container.ready', container: 'web-0', host: 'h0' },
    { ...at(10), type: 'container.ready', container: 'web-1', host: 'h1' },
    { ...at(20), type: 'host.crashed', host: 'h1' },
    { ...at(20), type: 'container.lost', container: 'web-1', host: 'h1' },
    { ...at(30), type: 'host.state', host: 'h1', from: 'ready', to: 'not-ready' },
    { ...at(30), type: 'container.unready', container: 'web-1', host: 'h1', reason: 'host not ready' },
    { ...at(40), type: 'container.evicted', container: 'web-1', host: 'h1', reason: 'host not ready' },
    { ...at(40), type: 'container.created', container: 'web-2', service: 'web' },
    { ...at(45), type: 'container.scheduled', container: 'job-0', host: 'h0' },
    { ...at(50), type: 'desired.changed', patches: [{ op: 'replace', path: 'services.web.replicas', value: 1 }] },
    { ...at(60), type: 'container.failed', container: 'web-2', host: null, reason: 'scaled down' },
    { ...at(70), type: 'container.succeeded', container: 'job-0', host: 'h0' },
  ];
  const t = buildTimeline(events, { from: 0, to: 100, desired: { web: 2 } });

  it('counts pending containers: created until bound or withdrawn', () => {
    // 3 created at 0; two bound at 5; web-2 created at 40; job-0 bound at 45; web-2 withdrawn at 60.
    expect(t.pending).toEqual([
      { at: 0, value: 3 },
      { at: 5, value: 1 },
      { at: 40, value: 2 },
      { at: 45, value: 1 },
      { at: 60, value: 0 },
      { at: 100, value: 0 },
    ]);
  });

  it('counts bound containers from scheduled to their end', () => {
    expect(t.bound.map((p) => [p.at, p.value])).toEqual([
      [0, 0],
      [5, 2],
      [40, 1],
      [45, 2],
      [70, 1],
      [100, 1],
    ]);
  });

  it('counts a replica unavailable from the moment it is lost, not when the control plane notices', () => {
    const web = t.services.web!;
    expect(web.available.map((p) => [p.at, p.value])).toEqual([
      [0, 0],
      [10, 2],
      [20, 1],
      [100, 1],
    ]);
    expect(web.desired.map((p) => [p.at, p.value])).toEqual([
      [0, 2],
      [50, 1],
      [100, 1],
    ]);
  });

  it('follows hosts through their states', () => {
    expect(t.hostStates.ready!.map((p) => [p.at, p.value])).toEqual([
      [0, 2],
      [30, 1],
      [100, 1],
    ]);
    expect(t.hostStates['not-ready']!.map((p) => [p.at, p.value])).toEqual([
      [0, 0],
      [30, 1],
      [100, 1],
    ]);
  });

  it('marks failures with their subject and reason, and counts them', () => {
    expect(t.markers.map((m) => `${m.at} ${m.kind} ${m.subject} ${m.detail}`)).toEqual([
      '20 host crashed h1 ',
      '20 replica lost web-1 h1',
      '30 host not ready h1 ',
      '40 container evicted web-1 host not ready',
      '60 container failed web-2 scaled down',
    ]);
    expect(t.markerCounts).toEqual({
      'host crashed': 1,
      'replica lost': 1,
      'host not ready': 1,
      'container evicted': 1,
      'container failed': 1,
    });
  });

  it('keeps at most maxMarkers markers but counts them all', () => {
    const capped = buildTimeline(events, { from: 0, to: 100, maxMarkers: 2 });
    expect(capped.markers).toHaveLength(2);
    expect(Object.values(capped.markerCounts).reduce((a, b) => a + (b ?? 0), 0)).toBe(5);
  });

  it('follows services added, removed and replaced in desired.changed', () => {
    const patched = buildTimeline(
      [
        { ...at(1), type: 'desired.changed', patches: [{ op: 'add', path: 'services.api', value: { replicas: 3 } }] },
        { ...at(2), type: 'desired.changed', patches: [{ op: 'remove', path: 'services.web' }] },
        {
          ...at(3),
          type: 'desired.changed',
          patches: [{ op: 'replace', path: 'services', value: { db: { replicas: 1 } } }],
        },
      ],
      { from: 0, to: 4, desired: { web: 2 } },
    );
    const last = (name: string) => patched.services[name]!.desired.map((p) => p.value);
    expect(last('web')).toEqual([2, 0, 0]);
    expect(last('api')).toEqual([0, 3, 0, 0]);
    expect(last('db')).toEqual([0, 1, 1]);
  });
});

describe('buildTimeline on a simulated run', () => {
  const { sim, metrics, availability } = runRich();
  const from = metrics.window.from;
  const to = sim.now;
  const t = buildTimeline(sim.events(), { from, to, desired: { web: 10 } });

  it('agrees with AvailabilityMetrics on the time-weighted replica fraction and on full availability', () => {
    const web = t.services.web!;
    const fraction = availabilityFraction(web.desired, web.available);
    const report = availability.services.web!;
    expect(integral(fraction, from, to) / (to - from)).toBeCloseTo(report.replicaFraction!, 9);
    const full = fraction.map((p) => ({ at: p.at, value: p.value >= 1 ? 1 : 0 }));
    expect(integral(full, from, to) / (to - from)).toBeCloseTo(report.full!, 9);
    expect(web.available[web.available.length - 1]!.value).toBe(report.availableAtEnd);
  });

  it('ends with the containers pending and bound that the simulation has', () => {
    const live = [...sim.allContainers()].filter((c) => !isFinished(c.phase));
    expect(t.pending[t.pending.length - 1]!.value).toBe(metrics.unplaced.pendingAtEnd);
    expect(t.bound[t.bound.length - 1]!.value).toBe(live.filter((c) => c.phase !== 'pending').length);
    expect(Math.max(...t.pending.map((p) => p.value))).toBeGreaterThan(0);
  });

  it('ends with the hosts in each state that the cluster has', () => {
    for (const [state, points] of Object.entries(t.hostStates)) {
      const n = sim.cluster.hosts.filter((h) => h.state === state).length;
      expect(points[points.length - 1]!.value, state).toBe(n);
    }
  });

  it('marks the host crash, its recovery and the rollout', () => {
    const kinds = new Set(t.markers.map((m) => m.kind));
    for (const kind of ['host crashed', 'host recovered', 'replica lost', 'rollout started', 'rollout completed']) {
      expect(kinds, kind).toContain(kind);
    }
  });
});
