import type { ClusterEvent } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { runRich } from '../../test/richRun.js';
import { validateTrace } from '../../test/validateTrace.js';
import { buildTrace, CLUSTER_PID, HOST_STATE_TID, type TraceEvent } from './buildTrace.js';

const at = (t: number) => ({ at: t });

describe('buildTrace on a hand-written log', () => {
  const events: ClusterEvent[] = [
    { ...at(0), type: 'host.added', host: 'h0', group: 'g' },
    { ...at(0), type: 'container.created', container: 'a', service: 'web' },
    { ...at(0), type: 'container.created', container: 'b', job: 'batch' },
    { ...at(1), type: 'container.scheduled', container: 'a', host: 'h0' },
    { ...at(2), type: 'container.scheduled', container: 'b', host: 'h0' },
    { ...at(2), type: 'container.pulling', container: 'a', host: 'h0', image: 'img' },
    { ...at(4), type: 'container.running', container: 'a', host: 'h0' },
    { ...at(5), type: 'container.crashed', container: 'a', host: 'h0', reason: 'oom', restarts: 1, restartIn: 10 },
    { ...at(6), type: 'container.succeeded', container: 'b', host: 'h0' },
    { ...at(15), type: 'container.running', container: 'a', host: 'h0' },
    { ...at(16), type: 'container.created', container: 'c' },
    { ...at(16), type: 'container.scheduled', container: 'c', host: 'h0' },
    { ...at(18), type: 'host.crashed', host: 'h0' },
  ];
  const trace = buildTrace(events, { end: 20, metadata: { scenario: 'hand' } });
  const timed = trace.traceEvents.filter((e) => e.ph !== 'M');
  const slices = (tid: number) =>
    timed
      .filter((e): e is Extract<TraceEvent, { ph: 'X' }> => e.ph === 'X' && e.pid === 1 && e.tid === tid)
      .map((e) => `${e.name} ${e.ts}+${e.dur}`);

  it('puts overlapping stays on separate slots and reuses a freed slot', () => {
    // a holds slot 1 from 1 ms; b arrives at 2 ms and gets slot 2; c arrives after b left and takes slot 2.
    expect(slices(1)).toEqual([
      'a 1000+19000',
      'scheduled 1000+1000',
      'pulling 2000+2000',
      'running 4000+1000',
      'crash backoff 5000+10000',
      'running 15000+5000',
    ]);
    expect(slices(2)).toEqual(['b 2000+4000', 'scheduled 2000+4000', 'c 16000+4000', 'scheduled 16000+4000']);
  });

  it('marks stays still open at the end, with outcome, wait and owner', () => {
    const a = timed.find((e) => e.ph === 'X' && e.name === 'a');
    expect(a?.args).toEqual({ outcome: 'running at end', waitedMs: 1, service: 'web', open: true });
    const b = timed.find((e) => e.ph === 'X' && e.name === 'b');
    expect(b?.args).toEqual({ outcome: 'succeeded', waitedMs: 2, job: 'batch' });
  });

  it('draws the host state as slices and failures as instants', () => {
    expect(slices(HOST_STATE_TID)).toEqual(['ready 0+20000']);
    const instants = timed.filter((e) => e.ph === 'i').map((e) => `${e.name}@${e.ts} ${e.pid}/${e.tid}`);
    expect(instants).toEqual(['crashed@5000 1/1', 'host.crashed@18000 1/0']);
  });

  it('names the processes and threads it uses and passes the structure check', () => {
    const meta = trace.traceEvents
      .filter((e) => e.ph === 'M')
      .map((e) => `${e.name} ${e.pid}/${e.tid} ${Object.values(e.args)[0]}`);
    expect(meta).toContain(`process_name ${CLUSTER_PID}/0 cluster`);
    expect(meta).toContain('process_name 1/0 h0');
    expect(meta).toContain('process_labels 1/0 g');
    expect(meta).toContain('thread_name 1/2 slot 2');
    expect(validateTrace(trace)).toEqual([]);
    expect(trace.otherData).toEqual({ scenario: 'hand' });
  });
});

describe('validateTrace', () => {
  it('reports slices that overlap without nesting, unsorted events and unnamed threads', () => {
    const bad = {
      traceEvents: [
        { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'p' } },
        { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 't' } },
        { ph: 'X', name: 'a', ts: 0, dur: 10, pid: 1, tid: 1, args: {} },
        { ph: 'X', name: 'b', ts: 5, dur: 10, pid: 1, tid: 1, args: {} },
        { ph: 'i', name: 'c', ts: 3, pid: 1, tid: 2, s: 't', args: {} },
      ],
    };
    expect(validateTrace(bad)).toEqual([
      "traceEvents[4]: ts 3 before the previous event's 5",
      'traceEvents[4]: thread 1/2 has no thread_name',
      "thread 1/1: 'b' [5, 15] µs overlaps 'a' ending at 10",
    ]);
    expect(validateTrace({ events: [] })).toEqual(['expected an object with a traceEvents array']);
  });
});

describe('buildTrace on a simulated run', () => {
  const { sim } = runRich();
  const events = sim.events();
  const trace = buildTrace(events, {
    end: sim.now,
    hosts: sim.cluster.hosts.map((h) => ({ name: h.name, group: h.group })),
  });
  const slices = trace.traceEvents.filter((e): e is Extract<TraceEvent, { ph: 'X' }> => e.ph === 'X');

  it('passes the structure check, also after a JSON round trip', () => {
    expect(validateTrace(trace)).toEqual([]);
    expect(validateTrace(JSON.parse(JSON.stringify(trace)))).toEqual([]);
  });

  it('has one stay per placement, starting when it was scheduled (µs from ms)', () => {
    const scheduled = events.filter((e) => e.type === 'container.scheduled');
    const stays = slices.filter((e) => e.cat === 'container');
    expect(stays).toHaveLength(scheduled.length);
    const startOf = new Map(stays.map((s) => [s.name, s.ts]));
    for (const e of scheduled) expect(startOf.get(e.container)).toBe(e.at * 1000);
  });

  it('covers each stay with its phases, end to end', () => {
    for (const stay of slices.filter((e) => e.cat === 'container')) {
      const phases = slices.filter(
        (e) =>
          e.cat === 'phase' &&
          e.pid === stay.pid &&
          e.tid === stay.tid &&
          e.ts >= stay.ts &&
          e.ts + e.dur <= stay.ts + stay.dur,
      );
      const covered = phases.reduce((sum, p) => sum + p.dur, 0);
      expect(covered, stay.name).toBeCloseTo(stay.dur, 6);
    }
  });

  it('gives every host a process, in the cluster order, with its state over the whole run', () => {
    const names = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.pid !== CLUSTER_PID);
    expect(names.map((e) => e.args.name)).toEqual(sim.cluster.hosts.map((h) => h.name));
    for (let pid = 1; pid <= sim.cluster.hosts.length; pid++) {
      const states = slices.filter((e) => e.pid === pid && e.tid === HOST_STATE_TID);
      expect(states.reduce((sum, s) => sum + s.dur, 0)).toBe(sim.now * 1000);
    }
    // node-1 crashed at 10 min: its state track shows it leaving `ready`.
    expect(slices.filter((e) => e.pid === 2 && e.tid === HOST_STATE_TID).map((e) => e.name)).toContain('not-ready');
  });
});
