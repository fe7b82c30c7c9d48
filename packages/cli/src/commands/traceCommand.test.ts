import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from '../../test/runMain.js';

// Hand-written rows in the Alibaba GPU v2023 formats; line 4 of pods.csv is malformed (cpu 'x').
const NODES = 'sn,cpu_milli,memory_mib,gpu,model\nn-0,32000,131072,0,\nn-1,32000,131072,0,\nn-2,96000,393216,8,G2\n';
const PODS = [
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
  'pod-0,4000,8192,0,0,,LS,Running,0,3600,0',
  'pod-1,8000,16384,1,1000,,LS,Running,10,7200,12',
  'pod-2,x,12288,1,460,,BE,Succeeded,20,620,20',
  'pod-3,2000,4096,0,0,,BE,Running,30,,30',
  '',
].join('\n');
// The 5-column shape of the published multigpu pod lists.
const MULTIGPU =
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli\np-0,6000,12288,1,460\np-1,88000,327680,8,1000\np-2,8000,30517,0,0\n';
// Google 2011 job_events rows: time (µs), missing, job id, event type, user, class, job name, logical name.
const JOBS = '0,,6000,0,userA,2,jobA,logA\n0,,7000,0,userB,0,jobB,logB\n1000000,,6000,1,userA,2,jobA,logA\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-trace-'));
  writeFileSync(join(dir, 'nodes.csv'), NODES);
  writeFileSync(join(dir, 'pods.csv'), PODS);
  writeFileSync(join(dir, 'jobs.csv'), JOBS);
  writeFileSync(join(dir, 'multigpu.csv'), MULTIGPU);
  writeFileSync(join(dir, 'fleet.yaml'), "- { group: m, count: 4, capacity: { cpu: '32', memory: 128Gi } }\n");
});

describe('berth trace convert', () => {
  it('turns a pod list and its node list into a scenario that validates and runs', async () => {
    const result = await runMain(
      [
        'trace',
        'convert',
        'alibaba-gpu-2023-pods',
        'pods.csv',
        '--hosts',
        'nodes.csv',
        '--horizon',
        '3h',
        '--out',
        'slice.yaml',
      ],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        "warning: pods.csv:4: column 2 (cpu_milli): expected a number, got 'x'",
        'warning: pods.csv: 1 malformed row skipped',
        'Converted 6 records: 3 hosts in 2 groups, 0 jobs (0 tasks), 3 standalone containers',
        'Wrote slice.yaml',
        '',
      ].join('\n'),
    );
    const scenario = parse(readFileSync(join(dir, 'slice.yaml'), 'utf8'));
    expect(scenario.horizon).toBe('3h');
    expect(scenario.hosts).toEqual([
      { group: '32c-128g', count: 2, capacity: { cpu: '32', memory: '128Gi' } },
      {
        group: '96c-384g-8gpu',
        count: 1,
        capacity: { cpu: '96', memory: '384Gi', gpu: 8 },
        labels: { 'gpu-model': 'G2' },
      },
    ]);
    expect(scenario.containers.map((c: { name: string }) => c.name)).toEqual(['pod-0', 'pod-1', 'pod-3']);
    expect((await runMain(['validate', 'slice.yaml'], dir)).code).toBe(0);
    const run = await runMain(['run', 'slice.yaml', '--json'], dir);
    expect(JSON.parse(run.stdout).scheduling.placements).toBe(3);
  });

  it('--gpu devices: nodes get GPU devices of their model, pods a share or whole devices; 5-column pod lists read', async () => {
    const result = await runMain(
      ['trace', 'convert', 'alibaba-gpu-2023-pods', 'multigpu.csv', '--hosts', 'nodes.csv', '--gpu', 'devices'],
      dir,
    );
    expect(result.code).toBe(0);
    const scenario = parse(result.stdout);
    expect(scenario.hosts[1]).toEqual({
      group: '96c-384g-8gpu',
      count: 1,
      capacity: { cpu: '96', memory: '384Gi' },
      labels: { 'gpu-model': 'G2' },
      gpus: { model: 'G2', count: 8 },
    });
    expect(scenario.containers.map((c: { name: string; gpu?: unknown }) => [c.name, c.gpu ?? null])).toEqual([
      ['p-0', { milli: 460 }],
      ['p-1', { count: 8 }],
      ['p-2', null],
    ]);
    const bad = await runMain(['trace', 'convert', 'alibaba-gpu-2023-pods', 'multigpu.csv', '--gpu', 'half'], dir);
    expect(bad.stderr).toBe("error: --gpu: expected one of whole, milli, drop, devices, got 'half'\n");
  });

  it('takes a YAML host list, samples and limits, and prints to standard output', async () => {
    const result = await runMain(
      ['trace', 'convert', 'google-2011-job-events', 'jobs.csv', '--hosts', 'fleet.yaml', '--limit', '1'],
      dir,
    );
    expect(result.code).toBe(0);
    const scenario = parse(result.stdout);
    expect(scenario.hosts).toEqual([{ group: 'm', count: 4, capacity: { cpu: '32', memory: '128Gi' } }]);
    expect(Object.keys(scenario.jobs)).toHaveLength(1);
    expect(result.stderr).toMatch(/; cut short by --limit\n$/);
  });

  it.each([
    [
      ['nope', 'pods.csv'],
      "error: <format>: unknown trace format 'nope'; known: google-2011-job-events, google-2011-task-events, alibaba-2018-machine-meta, alibaba-2018-container-meta, alibaba-2018-batch-task, alibaba-gpu-2023-nodes, alibaba-gpu-2023-pods\n",
    ],
    [['alibaba-gpu-2023-pods', 'missing.csv'], 'error: missing.csv: cannot read: no such file\n'],
    [
      ['google-2011-job-events', 'jobs.csv'],
      'error: jobs.csv: the trace has no hosts: pass --hosts with a YAML or JSON host list\n',
    ],
    [
      ['google-2011-job-events', 'jobs.csv', '--hosts', 'nodes.csv'],
      'error: --hosts: google-2011-job-events has no host table; give a YAML or JSON host list (a .yaml, .yml or .json file)\n',
    ],
    [
      ['alibaba-gpu-2023-pods', 'pods.csv', '--hosts', 'nodes.csv', '--sample', '2'],
      "error: --sample: expected a fraction in (0, 1] such as 0.1, got '2'\n",
    ],
    [
      ['alibaba-gpu-2023-nodes', 'pods.csv'],
      'error: pods.csv:1: the header lacks columns sn, gpu, model (expected sn,cpu_milli,memory_mib,gpu,model)\n',
    ],
  ])('rejects %j with one line, exit 1', async (argv, message) => {
    expect(await runMain(['trace', 'convert', ...argv], dir)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
