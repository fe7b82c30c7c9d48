import { fileURLToPath } from 'node:url';
import { createSimulation } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { readAlibabaBatchTasks } from '../alibaba2018/readAlibabaBatchTasks.js';
import { readAlibabaContainerMeta } from '../alibaba2018/readAlibabaContainerMeta.js';
import { readAlibabaMachineMeta } from '../alibaba2018/readAlibabaMachineMeta.js';
import { readAlibabaGpuNodes } from '../alibabaGpu2023/readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from '../alibabaGpu2023/readAlibabaGpuPods.js';
import { readGoogleJobEvents } from '../google2011/readGoogleJobEvents.js';
import { readGoogleTaskEvents } from '../google2011/readGoogleTaskEvents.js';
import { convertTrace, traceToScenario } from './traceToScenario.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const gpu = () => [
  readAlibabaGpuNodes(fixture('alibaba-gpu-nodes.csv')),
  readAlibabaGpuPods(fixture('alibaba-gpu-pods.csv')),
];
const machines = [{ group: 'm', count: 2, capacity: { cpu: '32', memory: '128Gi' } }];

describe('traceToScenario', () => {
  it('Google task_events: one task per submission, requests × machine size, trace µs → ms', async () => {
    const { scenario, report } = await convertTrace(readGoogleTaskEvents(fixture('google-task_events.csv.gz')), {
      hosts: machines,
    });
    // 0.0625 × 32000 m = 2000 m; 0.0312 × 131072 MiB = 4089.4 → 4089 MiB.
    const request = { cpu: '2', memory: '4089Mi' };
    expect(scenario.jobs).toEqual({
      '6000': {
        submitAt: 0,
        tasks: [
          // SCHEDULE at 1 s, FINISH at 61 s: 60 s.
          { requests: request, duration: 60_000, priority: 9, count: 1, at: 0 },
          // SCHEDULE at 1 s, EVICT at 120 s: 119 s.
          { requests: request, duration: 119_000, priority: 9, count: 1, at: 0 },
          // resubmitted at 121 s, SCHEDULE at 122 s, FINISH at 200 s: 78 s.
          { requests: request, duration: 78_000, priority: 9, count: 1, at: 121_000 },
        ],
      },
      // 0.125 × 32000 = 4000 m, 0.25 × 131072 = 32768 MiB; still running at the end of the trace.
      '7000': {
        submitAt: 5000,
        tasks: [{ requests: { cpu: '4', memory: '32Gi' }, duration: 'forever', priority: 0, count: 1, at: 0 }],
      },
    });
    expect(report).toMatchObject({ jobs: 2, tasks: 4, containers: 0, hosts: 2 });
    expect(report.skipped).toEqual({ 'task ended without a SUBMIT in the trace': 1 });
  });

  it('Google machine size is an option', async () => {
    const scenario = await traceToScenario(readGoogleTaskEvents(fixture('google-task_events.csv')), {
      hosts: machines,
      units: { googleMachine: { cpu: 64000, memory: 262144 } },
    });
    expect(scenario.jobs?.['7000']?.tasks[0]?.requests).toEqual({ cpu: '8', memory: '64Gi' });
  });

  it('Google job_events alone: placeholder requests, jobs that ended unscheduled left out', async () => {
    const { scenario, report } = await convertTrace(readGoogleJobEvents(fixture('google-job_events.csv')), {
      hosts: machines,
      units: { googleJobRequests: { cpu: 500 } },
    });
    expect(scenario.jobs?.['6000']).toEqual({
      submitAt: 0,
      tasks: [{ requests: { cpu: '500m' }, duration: 199_000, count: 1, at: 0 }],
    });
    expect(Object.keys(scenario.jobs ?? {})).toEqual(['6000', '7000']);
    expect(scenario.jobs?.['7000']?.tasks[0]?.duration).toBe('forever');
    // 8000 killed before SCHEDULE; 9100 submitted "after the trace" (Infinity) is outside any window.
    expect(report.skipped).toEqual({ 'job ended before it was scheduled': 1, 'outside the time window': 1 });
  });

  it('Alibaba GPU v2023: nodes grouped by shape, pods as containers, GPUs whole by default', async () => {
    const { scenario, report } = await convertTrace(gpu());
    expect(scenario.hosts).toEqual([
      { group: '32c-128g', count: 1, capacity: { cpu: '32', memory: '128Gi' } },
      {
        group: '96c-384g-8gpu',
        count: 2,
        capacity: { cpu: '96', memory: '384Gi', gpu: 8 },
        labels: { 'gpu-model': 'G2' },
      },
      {
        group: '16c-64g-2gpu',
        count: 1,
        capacity: { cpu: '16', memory: '64Gi', gpu: 2 },
        labels: { 'gpu-model': 'T4' },
      },
    ]);
    const pods = scenario.containers ?? [];
    expect(pods.map((p) => p.name)).toEqual(['pod-0', 'pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-6']);
    // Scheduled at 12 s, deleted at 7200 s: runs 7188 s.
    expect(pods[1]).toEqual({
      name: 'pod-1',
      at: 10_000,
      requests: { cpu: '8', memory: '16Gi', gpu: 1 },
      duration: 7_188_000,
      labels: { qos: 'LS' },
    });
    expect(pods[2]?.requests).toEqual({ cpu: '6', memory: '12Gi', gpu: 1 });
    expect(pods[3]).toMatchObject({
      duration: 'forever',
      affinity: { required: [{ key: 'gpu-model', operator: 'In', values: ['G2', 'V100M32'] }] },
    });
    // Never scheduled: runs from creation (40 s) to deletion (100 s).
    expect(pods[4]?.duration).toBe(60_000);
    expect(report).toMatchObject({ records: 10, hosts: 4, hostGroups: 3, containers: 6 });
  });

  it('fractional GPUs: milli pools gpu-milli per host, drop leaves shares out', async () => {
    const milli = await traceToScenario(gpu(), { units: { fractionalGpu: 'milli' } });
    expect(milli.hosts[1]?.capacity).toEqual({ cpu: '96', memory: '384Gi', gpu: 8, 'gpu-milli': 8000 });
    expect(milli.containers?.[2]?.requests).toEqual({ cpu: '6', memory: '12Gi', 'gpu-milli': 460 });
    expect(milli.containers?.[3]?.requests).toMatchObject({ 'gpu-milli': 2000 });
    const dropped = await convertTrace(gpu(), { units: { fractionalGpu: 'drop' } });
    expect(dropped.scenario.containers?.map((c) => c.name)).not.toContain('pod-2');
    expect(dropped.report.skipped).toEqual({ 'pod asking for a share of a GPU': 1 });
  });

  it('QoS classes map to priorities', async () => {
    const scenario = await traceToScenario(gpu(), { units: { qosPriority: { LS: 100 } } });
    expect(scenario.containers?.map((c) => c.priority)).toEqual([100, 100, undefined, 100, undefined, undefined]);
  });

  it('window, time shift and compression', async () => {
    // Pods created at 10..60 s; keep [20 s, 60 s), shift so 20 s → 0, then 10× faster.
    const scenario = await traceToScenario(gpu(), { from: 20_000, until: 60_000, timeCompression: 10 });
    expect(scenario.containers?.map((c) => [c.name, c.at, c.duration])).toEqual([
      ['pod-2', 0, 60_000],
      ['pod-3', 1000, 'forever'],
      ['pod-4', 2000, 6000],
    ]);
    const shifted = await traceToScenario(gpu(), { from: 20_000, timeShift: 'first-arrival' });
    expect(shifted.containers?.[0]).toMatchObject({ name: 'pod-2', at: 0 });
    const late = await convertTrace(gpu(), { timeShift: -15_000 });
    expect(late.scenario.containers?.[0]).toMatchObject({ name: 'pod-2', at: 5000 });
    expect(late.report.skipped).toEqual({ 'before time 0 after the time shift': 2 });
  });

  it('scales requests and capacities, rounding to whole units', async () => {
    const scenario = await traceToScenario(gpu(), { scaleRequests: { cpu: 0.5 }, scaleCapacity: 0.25 });
    expect(scenario.containers?.[2]?.requests).toEqual({ cpu: '3', memory: '12Gi', gpu: 1 });
    expect(scenario.hosts[1]?.capacity).toEqual({ cpu: '24', memory: '96Gi', gpu: 2 });
  });

  it('limit keeps the first containers and stops reading the workload', async () => {
    const { scenario, report } = await convertTrace(gpu(), { limit: 2 });
    expect(scenario.containers?.map((c) => c.name)).toEqual(['pod-0', 'pod-1']);
    expect(report.truncated).toBe(true);
    expect(report.records).toBe(4 + 3);
    // A task of 3 instances is cut to what is left of the limit.
    const batch = await traceToScenario(readAlibabaBatchTasks(fixture('alibaba-batch_task.csv')), {
      hosts: machines,
      limit: 4,
    });
    expect(batch.jobs?.j_1?.tasks.map((t) => t.count)).toEqual([2, 2]);
  });

  it('sampling keeps whole jobs and is the same for the same seed', async () => {
    const read = () => readGoogleTaskEvents(fixture('google-task_events.csv'));
    const names = async (seed: number) =>
      Object.keys((await traceToScenario(read(), { hosts: machines, sample: { fraction: 0.5, seed } })).jobs ?? {});
    expect(await names(3)).toEqual(await names(3));
    const kept = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(names));
    // Each job is kept whole or not at all, and different seeds keep different sets.
    expect(new Set(kept.map((k) => k.join())).size).toBeGreaterThan(1);
    const whole = await traceToScenario(read(), { hosts: machines, sample: { fraction: 0.5, seed: 1 } });
    for (const job of Object.values(whole.jobs ?? {}))
      expect(job.tasks.length).toBe(job === whole.jobs?.['6000'] ? 3 : 1);
  });

  it('Alibaba v2018: machines (first row each), containers and batch jobs', async () => {
    const { scenario, report } = await convertTrace([
      readAlibabaMachineMeta(fixture('alibaba-machine_meta.csv')),
      readAlibabaContainerMeta(fixture('alibaba-container_meta.csv')),
      readAlibabaBatchTasks(fixture('alibaba-batch_task.csv')),
    ]);
    // mem 100 → 512 GiB (default assumption), 50 → 256 GiB; m_4 has the invalid marker -1.
    expect(scenario.hosts).toEqual([
      {
        group: '96c-512g',
        count: 1,
        capacity: { cpu: '96', memory: '512Gi' },
        labels: { 'failure-domain-1': '1', 'failure-domain-2': 'a' },
      },
      {
        group: '96c-512g-2',
        count: 1,
        capacity: { cpu: '96', memory: '512Gi' },
        labels: { 'failure-domain-1': '1', 'failure-domain-2': 'b' },
      },
      {
        group: '64c-256g',
        count: 1,
        capacity: { cpu: '64', memory: '256Gi' },
        labels: { 'failure-domain-1': '2', 'failure-domain-2': 'a' },
      },
    ]);
    // cpu_request 400 = 4 cores; mem 1.56% of 512 GiB = 8178.9 MiB.
    expect(scenario.containers?.[0]).toEqual({
      name: 'c_1',
      at: 0,
      requests: { cpu: '4', memory: '8179Mi' },
      duration: 'forever',
      labels: { app: 'app_1' },
    });
    expect(scenario.containers?.map((c) => c.name)).toEqual(['c_1', 'c_2', 'c_3']);
    // j_1 starts at 100 s; M2_1 at +60 s for 240 s; plan_cpu 50 = half a core.
    expect(scenario.jobs?.j_1).toEqual({
      submitAt: 100_000,
      tasks: [
        { requests: { cpu: '500m', memory: '2045Mi' }, duration: 60_000, count: 2, at: 0, labels: { task: 'M1' } },
        { requests: { cpu: '1', memory: '3093Mi' }, duration: 240_000, count: 3, at: 60_000, labels: { task: 'M2_1' } },
        { requests: {}, duration: 60_000, count: 1, at: 300_000, labels: { task: 'R3_2' } },
      ],
    });
    expect(report.skipped).toEqual({
      'machine with an invalid cpu_num or mem_size': 1,
      'container with an invalid cpu_request or mem_size': 1,
      'batch task with end_time before start_time': 1,
    });
  });

  it('a trace without hosts needs options.hosts', async () => {
    await expect(traceToScenario(readGoogleTaskEvents(fixture('google-task_events.csv')))).rejects.toThrow(ConfigError);
  });

  it('refuses bad options by name', async () => {
    await expect(traceToScenario([], { hosts: machines, timeCompression: 0 })).rejects.toThrow(/timeCompression/);
    await expect(traceToScenario([], { hosts: machines, sample: { fraction: 2 } })).rejects.toThrow(/sample.fraction/);
    await expect(traceToScenario([], { hosts: machines, from: 5, until: 5 })).rejects.toThrow(/until/);
    await expect(traceToScenario([], { hosts: machines, scaleRequests: { cpu: -1 } })).rejects.toThrow(
      /scaleRequests.cpu/,
    );
  });

  it('end to end: a fixture trace runs in a simulation with its containers placed', async () => {
    const scenario = await traceToScenario(gpu(), { base: { seed: 5, scheduler: { strategy: 'best-fit' } } });
    const sim = createSimulation(scenario).run('3h');
    const placed = sim.events().filter((e) => e.type === 'container.scheduled');
    expect(placed.map((e) => ('container' in e ? e.container : ''))).toEqual(
      expect.arrayContaining(['pod-0', 'pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-6']),
    );
    expect(sim.container('pod-0')?.phase).toBe('succeeded');
    expect(sim.container('pod-3')?.phase).toBe('running');
  });

  it('end to end: Google task events on given hosts', async () => {
    const scenario = await traceToScenario(readGoogleTaskEvents(fixture('google-task_events.csv')), {
      hosts: machines,
      base: { scheduler: { strategy: 'first-fit' } },
    });
    const sim = createSimulation(scenario).run('10m');
    expect(sim.counters.placed).toBe(4);
  });
});
