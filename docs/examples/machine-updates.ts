// Google 2011 machine UPDATE rows resize their hosts: a host that grows takes a waiting task, one that shrinks keeps what it holds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulation } from '@berth/cluster';
import { TRACE_STREAMS } from '@berth/workloads';

// #region tables
// machine_events (timestamp µs, machine, 0 ADD / 1 REMOVE / 2 UPDATE, platform, cpus, memory; normalised to
// the reference machine: 32 cores, 128 GiB) and task_events with the trace's 13 columns (hand-written rows).
const dir = mkdtempSync(join(tmpdir(), 'berth-updates-'));
writeFileSync(
  join(dir, 'machine_events.csv'),
  [
    '0,1,0,p,0.25,0.25', // machine 1: 8 cores, 32 GiB
    '0,2,0,p,0.25,0.25',
    '660000000,1,2,p,0.5,0.5', // at 660 s machine 1 grows to 16 cores, 64 GiB
    '720000000,2,2,p,0.125,0.125', // at 720 s machine 2 shrinks to 4 cores, 16 GiB: below what it holds
  ].join('\n'),
);
const task = (t: number, job: number, type: number, cpu: number, memory: number) =>
  `${t},,${job},0,,${type},user,0,1,${cpu},${memory},0,0`;
writeFileSync(
  join(dir, 'task_events.csv'),
  [
    task(600_000_000, 1, 0, 0.2, 0.1), // 6.4 cores: on machine 1 (best-fit, a tie: the first)
    task(600_000_000, 2, 0, 0.2, 0.1), // 6.4 cores: on machine 2
    task(610_000_000, 3, 0, 0.3, 0.1), // 9.6 cores: fits no 8-core machine, waits for machine 1 to grow
    task(780_000_000, 4, 0, 0.05, 0.05), // 1.6 cores: machine 1 is full, machine 2 over-committed: waits
  ].join('\n'),
);
// #endregion tables

// #region replay
const sim = createSimulation(
  {
    hosts: [],
    scheduler: { strategy: 'best-fit' },
    streams: [
      { name: 'machines', trace: { format: 'google-2011-machine-events', files: [join(dir, 'machine_events.csv')] } },
      { name: 'tasks', trace: { format: 'google-2011-task-events', files: [join(dir, 'task_events.csv')] } },
    ],
  },
  { traceStreams: TRACE_STREAMS },
);
await sim.runAsync('20m');
for (const e of sim.events()) {
  if (e.type === 'host.resized') console.log(`${e.at / 1000} s  ${e.host} resized to ${e.capacity.cpu}m cpu`);
}
for (const c of sim.allContainers()) {
  const where = c.host === null ? 'nowhere' : `on ${c.host.name} at ${c.scheduledAt / 1000} s`;
  console.log(`${c.name}  ${c.spec.requests[0]}m  ${where}  ${c.phase}`);
}
const [machines] = sim.streamReports();
console.log(`hosts added ${machines!.hostsAdded}, resized ${machines!.hostsResized}`);
// #endregion replay
rmSync(dir, { recursive: true, force: true });
