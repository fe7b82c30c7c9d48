import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { createRandom } from '@berth/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticGoogleMachineEvents, syntheticGoogleTaskEvents } from '../synthetic/syntheticGoogleTrace.js';
import { googleReplay } from './googleReplay.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-machines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MACHINES = 12;
const options = { seed: 4, machines: MACHINES, meanRunMicros: 300_000_000 };

/**
 * machine_events with the trace's schema (not real data): the synthetic ADDs at 0, then every 20 s an
 * UPDATE of a random machine to a random shape (growing or shrinking it), for 20 minutes.
 */
function machineRows(): string[] {
  const rows = [...syntheticGoogleMachineEvents(options)].map((l) => l.trimEnd());
  const rng = createRandom(9).stream('updates');
  const platforms = new Map(rows.map((r) => [r.split(',')[1]!, r.split(',')[3]!]));
  for (let t = 20; t <= 1200; t += 20) {
    const id = String(rng.integer(1, MACHINES + 1));
    const cpus = [0.125, 0.25, 0.5, 1][rng.integer(0, 4)]!;
    const memory = [0.125, 0.25, 0.5, 1][rng.integer(0, 4)]!;
    rows.push(`${600_000_000 + t * 1_000_000},${id},2,${platforms.get(id)},${cpus},${memory}`);
  }
  return rows;
}

async function taskRows(): Promise<string> {
  const jobs = Array.from({ length: 300 }, (_, i) => ({ time: 600_000_000 + i * 3_000_000, jobId: String(5000 + i) }));
  const lines: string[] = [];
  for await (const line of syntheticGoogleTaskEvents(jobs, options)) lines.push(line);
  return lines.join('');
}

describe('googleMachines: UPDATE rows', () => {
  it('resize their hosts, change later placements, and replay identically twice and in two halves', async () => {
    const rows = machineRows();
    const whole = join(dir, 'machine_events.csv');
    const firstHalf = join(dir, 'machine_events-part-0.csv.gz');
    const secondHalf = join(dir, 'machine_events-part-1.csv');
    writeFileSync(whole, `${rows.join('\n')}\n`);
    writeFileSync(firstHalf, gzipSync(`${rows.slice(0, 40).join('\n')}\n`));
    writeFileSync(secondHalf, `${rows.slice(40).join('\n')}\n`);
    const tasks = join(dir, 'task_events.csv');
    writeFileSync(tasks, await taskRows());
    const run = async (machineFiles: string[], updates = true) => {
      const scenario: ScenarioInput = {
        hosts: [],
        scheduler: { strategy: 'kubernetes' },
        streams: [
          {
            name: 'machines',
            trace: { format: 'google-2011-machine-events', files: updates ? machineFiles : [machineFiles[0]!] },
            ...(updates ? {} : { until: '1s' }),
          },
          { name: 'tasks', trace: { format: 'google-2011-task-events', files: [tasks] } },
        ],
      };
      const replay = googleReplay();
      const sim = createSimulation(scenario, { traceStreams: replay.traceStreams, eventLog: { keep: 'all' } });
      await sim.runAsync();
      return {
        events: sim.events().map((e) => JSON.stringify(e)),
        streams: sim.streamReports(),
        report: replay.report(),
        capacities: sim.cluster.hosts.map((h) => [h.name, h.capacity[0], h.capacity[1]]),
      };
    };
    const once = await run([whole]);
    const [machines] = once.streams;
    // Every UPDATE names a machine in the cell, with capacity: each is applied.
    expect(machines).toMatchObject({ hostsAdded: MACHINES, hostsResized: rows.length - MACHINES, done: true });
    expect(machines!.source).toMatchObject({ rows: rows.length, malformed: 0, skipped: {} });
    expect(once.events.filter((e) => e.includes('"host.resized"'))).toHaveLength(rows.length - MACHINES);
    // Each host ends with the capacity of its last row (cpus × 32 cores in millicores, memory × 128 GiB in MiB).
    const last = new Map<string, string[]>();
    for (const row of rows) last.set(row.split(',')[1]!, row.split(','));
    for (const [name, cpu, memory] of once.capacities) {
      const row = last.get(String(name).slice('machine-'.length))!;
      expect([cpu, memory]).toEqual([Number(row[4]) * 32_000, Number(row[5]) * 131_072]);
    }
    // Without the UPDATE rows (the ADDs only), Berth places differently.
    const fixed = await run([whole], false);
    expect(fixed.streams[0]!.hostsResized).toBe(0);
    const placements = (r: typeof once) => r.events.filter((e) => e.includes('"container.scheduled"'));
    expect(placements(fixed)).not.toEqual(placements(once));
    // The same trace twice, and as two files (the first gzipped), gives the same run, event for event.
    const twice = await run([whole]);
    const halves = await run([firstHalf, secondHalf]);
    expect(twice.events).toEqual(once.events);
    expect(halves.events).toEqual(once.events);
    expect(halves.report).toEqual(once.report);
    expect(halves.streams[0]!.source!.rows).toBe(rows.length);
  });
});
