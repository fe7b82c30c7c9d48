import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/runMain.js';

const fixture = fileURLToPath(new URL('../../../workloads/test/fixtures/google-task_events.csv', import.meta.url));
const machines = fileURLToPath(new URL('../../../workloads/test/fixtures/google-machine_events.csv', import.meta.url));

const CELL = `name: cell
hosts:
  - { group: m, count: 4, capacity: { cpu: '32', memory: 128Gi } }
scheduler: { strategy: best-fit }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-run-trace-'));
  writeFileSync(join(dir, 'cell.yaml'), CELL);
  const lines = readFileSync(fixture, 'utf8').split('\n');
  // The fixture in two parts, the first gzipped: read one after the other as one stream.
  writeFileSync(join(dir, 'part-00000-of-00002.csv.gz'), gzipSync(`${lines.slice(0, 8).join('\n')}\n`));
  writeFileSync(join(dir, 'part-00001-of-00002.csv'), lines.slice(8).join('\n'));
  copyFileSync(fixture, join(dir, 'whole.csv'));
});

describe('berth run --trace', () => {
  it('streams a trace into the run without converting it, and reports what it read', async () => {
    const result = await runMain(['run', 'cell.yaml', '--trace', 'google-2011-task-events:part-*'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const streams = result.stdout.slice(result.stdout.indexOf('Streams\n'));
    expect(streams).toBe(
      [
        'Streams',
        'stream  submitted  ended  ended already  late  rows  malformed  read to the end',
        '------  ---------  -----  -------------  ----  ----  ---------  ---------------',
        'trace           4      3              0     0    12          4  yes',
        `trace: malformed: ${join(dir, 'part-00001-of-00002.csv')}: line 1: column 1 (timestamp): expected a number, got 'x'`,
        `trace: malformed: ${join(dir, 'part-00001-of-00002.csv')}: line 5: column 11 (memory_request): expected a number, got 'x'`,
        `trace: malformed: ${join(dir, 'part-00001-of-00002.csv')}: line 6: column 6 (event_type): expected an integer in 0..8, got 9`,
        `trace: malformed: ${join(dir, 'part-00001-of-00002.csv')}: line 7: expected 13 columns, got 3`,
        'trace: left out 1: KILL of a task not submitted in the stream',
        '',
        // The cell's hosts are not the trace's machines: no placement can agree on the machine.
        'Replay against the trace',
        'figure                     trace  berth',
        '-------------------------  -----  -----',
        'submissions                    4      4',
        'placed (trace: scheduled)      4      4',
        'mean wait from submission    1 s   0 ms',
        'placed by the other only       0      0',
        'evictions                      1      0',
        'placed by both: 4, on the same machine: 0 (0.0%); evicted by both: 0',
        'the trace ended: FINISH 2, EVICT 1',
        '',
      ].join('\n'),
    );
  });

  it('gives the same metrics from the parts as from the whole file', async () => {
    const parts = await runMain(['run', 'cell.yaml', '--json', '--trace', 'google-2011-task-events:part-*'], dir);
    const whole = await runMain(['run', 'cell.yaml', '--json', '--trace', 'google-2011-task-events:whole.csv'], dir);
    expect(parts.code).toBe(0);
    expect(JSON.parse(parts.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(JSON.parse(whole.stdout).scheduling.placements).toBe(4);
  });

  it("replays a cell's own machines and tasks from two --trace options on a scenario with no host, comparing machine by machine", async () => {
    // No host of its own: the machines come from the trace (and without --trace the file is refused).
    writeFileSync(join(dir, 'empty.yaml'), 'hosts: []\nscheduler: { strategy: best-fit }\n');
    const alone = await runMain(['run', 'empty.yaml'], dir);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/empty\.yaml:1: hosts: a scenario needs at least one host/);
    const result = await runMain(
      [
        'run',
        'empty.yaml',
        '--trace',
        `google-2011-machine-events:${machines}`,
        '--trace',
        'google-2011-task-events:whole.csv',
      ],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Machines 11-14 added at 0 (16 has no capacity, 14 removed at 90 s and back at 150 s); the trace
    // placed its four submissions on machines 11, 12, 13 and 11, and best-fit picks the same machine twice.
    // Machine 12's UPDATE at 95 s is applied: its memory doubles.
    expect(result.stdout).toContain('trace: hosts resized 1');
    expect(result.stdout).not.toContain('UPDATE');
    expect(result.stdout).toContain('placed by both: 4, on the same machine: 2 (50.0%); evicted by both: 0');
  });

  it("streams Azure Functions 2019 invocation counts into the scenario's functions, as their own counts would run", async () => {
    const invocations = fileURLToPath(
      new URL('../../../workloads/test/fixtures/azure-invocations.csv', import.meta.url),
    );
    const functions = (f1: string, f2: string) => `name: functions
horizon: 5m
hosts:
  - { group: node, count: 2, capacity: { cpu: '16000m', memory: 64Gi } }
functions:
  platform: lambda
  definitions:
    f1: { memory: 256, handler: { dist: constant, value: 200 }${f1} }
    f2: { memory: 128, handler: { dist: constant, value: 50 }${f2} }
`;
    writeFileSync(
      join(dir, 'counts.yaml'),
      functions(
        ', invocations: { process: counts, counts: [0, 3, 0, 1, 0], every: 1m }',
        ', invocations: { process: counts, counts: [1, 1, 1, 1, 1], every: 1m }',
      ),
    );
    writeFileSync(join(dir, 'streamed.yaml'), functions('', ''));
    const upFront = await runMain(['run', 'counts.yaml'], dir);
    const streamed = await runMain(
      ['run', 'streamed.yaml', '--trace', `azure-functions-2019-invocations:${invocations}`],
      dir,
    );
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toContain('trace: functions invoked 9\n');
    expect(streamed.stdout).toContain('trace: left out 1: invocations of a function not in functions.definitions');
    // The functions' figures are the same, line for line.
    const section = (out: string) => {
      const from = out.slice(out.indexOf('Functions on'));
      const end = from.indexOf('Streams');
      return (end < 0 ? from : from.slice(0, end)).trimEnd();
    };
    expect(section(upFront.stdout)).toContain('(all)           9       9  22.2%');
    expect(section(streamed.stdout)).toBe(section(upFront.stdout));
  });

  it('names a bad --trace clearly', async () => {
    expect((await runMain(['run', 'cell.yaml', '--trace', 'nope:x.csv'], dir)).stderr).toMatch(
      /--trace: unknown trace format 'nope'; known: google-2011-task-events/,
    );
    expect((await runMain(['run', 'cell.yaml', '--trace', 'google-2011-task-events:none-*.csv'], dir)).stderr).toMatch(
      /--trace: no file matches 'none-\*\.csv'/,
    );
    expect((await runMain(['run', 'cell.yaml', '--trace', 'whole.csv'], dir)).stderr).toMatch(
      /--trace: expected <format>:<files>/,
    );
  });
});

describe('berth compare and a trace stream', () => {
  it('refuses clearly, naming the stream', async () => {
    writeFileSync(
      join(dir, 'traced.yaml'),
      `${CELL}streams:\n  - { name: g, trace: { format: google-2011-task-events, files: [whole.csv] } }\n`,
    );
    const result = await runMain(['compare', 'traced.yaml', '--strategies', 'first-fit,best-fit', '--seeds', '1'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /traced\.yaml: streams\[0\] reads a trace as the run goes, which berth compare does not do yet/,
    );
  });
});

describe('berth run and an endless generated stream', () => {
  it('refuses to run it to the end, and runs it to --until', async () => {
    writeFileSync(
      join(dir, 'endless.yaml'),
      `${CELL}streams:\n  - { name: b, arrivals: { process: poisson, rate: 5 }, template: { duration: 1m } }\n`,
    );
    const endless = await runMain(['run', 'endless.yaml'], dir);
    expect(endless.code).toBe(1);
    expect(endless.stderr).toMatch(/a generated stream never ends: give it 'until' or 'limit'/);
    const bounded = await runMain(['run', 'endless.yaml', '--until', '10m', '--json'], dir);
    expect(bounded.code).toBe(0);
    // Poisson at 5/s for 600 s: about 3,000 (sd ≈ 55).
    expect(Math.abs(JSON.parse(bounded.stdout).scheduling.placements - 3000)).toBeLessThan(4 * 55);
  });
});
