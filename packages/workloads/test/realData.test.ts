import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createSimulation,
  fgdPolicy,
  type GpuPolicy,
  gpuBestFit,
  gpuClustering,
  gpuDotProduct,
  gpuPacking,
  gpuRandom,
  runFragmentationExperiment,
  typicalPods,
} from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { readAlibabaGpuNodes } from '../src/alibabaGpu2023/readAlibabaGpuNodes.js';
import { readAlibabaGpuPods } from '../src/alibabaGpu2023/readAlibabaGpuPods.js';
import { toGpuNodeSpec, toGpuPod } from '../src/alibabaGpu2023/toGpuExperiment.js';
import { convertTrace } from '../src/convert/traceToScenario.js';
import { readGoogleJobEvents } from '../src/google2011/readGoogleJobEvents.js';
import { googleReplay } from '../src/streams/googleReplay.js';
import { syntheticGoogleMachineEvents, syntheticGoogleTaskEvents } from '../src/synthetic/syntheticGoogleTrace.js';

// The real traces live beside the repository (../shared/data from its root) and are read in place,
// never copied into the project: the Alibaba GPU v2023 files are licensed for research and study only.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const data = join(repoRoot, '..', 'shared', 'data');
const google = join(data, 'google-cluster-data-2011', 'clusterdata-2011-2_job_events');
const alibaba = join(data, 'alibaba-gpu-v2023');
const hasGoogle = existsSync(google);
const hasAlibaba = existsSync(alibaba);
const absent = (dir: string, present: boolean) => (present ? '' : ` (skipped: ${dir} is absent)`);

describe('real traces in ../shared/data', () => {
  it.skipIf(!hasGoogle)(
    `Google 2011 job_events parts read without a malformed row${absent(google, hasGoogle)}`,
    async () => {
      for (const part of ['part-00000-of-00500.csv', 'part-00001-of-00500.csv']) {
        const reader = readGoogleJobEvents(join(google, part), { limit: 2000 });
        const events = await reader.toArray();
        expect(reader.report).toMatchObject({ rows: 2000, malformed: 0 });
        expect(events.every((e) => e.jobId !== '' && e.time >= 0)).toBe(true);
      }
      // The published head line: 0,,3418309,0,70s3v5qRyCO/...,3,IHgtoxEBuUTH...,wAmgn2H74cdo...
      const [first] = await readGoogleJobEvents(join(google, 'part-00000-of-00500.csv'), { limit: 1 }).toArray();
      expect(first).toMatchObject({ time: 0, jobId: '3418309', eventType: 'SUBMIT', schedulingClass: 3 });
    },
  );

  it.skipIf(!hasGoogle)(
    `a synthetic task stream keyed to the real job_events replays against its own trace${absent(google, hasGoogle)}`,
    async () => {
      // The real jobs' ids and submission times (SUBMIT rows of part 0); tasks, machines and ends are synthetic.
      const jobs: Array<{ time: number; jobId: string }> = [];
      for await (const e of readGoogleJobEvents(join(google, 'part-00000-of-00500.csv'), { limit: 1000 })) {
        if (e.eventType === 'SUBMIT') jobs.push({ time: e.time, jobId: e.jobId });
      }
      expect(jobs[0]).toEqual({ time: 0, jobId: '3418309' });
      const dir = mkdtempSync(join(tmpdir(), 'berth-real-replay-'));
      try {
        const options = { seed: 1, machines: 200 };
        const tasks = join(dir, 'task_events.csv');
        const machines = join(dir, 'machine_events.csv');
        const lines: string[] = [];
        for await (const line of syntheticGoogleTaskEvents(jobs, options)) lines.push(line);
        writeFileSync(tasks, lines.join(''));
        writeFileSync(machines, [...syntheticGoogleMachineEvents(options)].join(''));
        const replay = googleReplay();
        const sim = createSimulation(
          {
            hosts: [],
            streams: [
              { name: 'machines', trace: { format: 'google-2011-machine-events', files: [machines] } },
              { name: 'tasks', trace: { format: 'google-2011-task-events', files: [tasks] } },
            ],
          },
          { traceStreams: replay.traceStreams, eventLog: { keep: 'none' }, keepFinished: false },
        );
        await sim.runAsync();
        const report = replay.report();
        // Every job of the real file became at least one submission, each of them replayed.
        expect(report.submitted).toBe(lines.filter((l) => l.split(',')[5] === '0').length);
        expect(report.submitted).toBeGreaterThanOrEqual(jobs.length);
        expect(sim.streamReports()[1]!.source!.malformed).toBe(0);
        expect(report.berthPlaced).toBeGreaterThan(0.9 * report.submitted);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!hasAlibaba)(
    `Alibaba GPU v2023 node and pod lists read without a malformed row${absent(alibaba, hasAlibaba)}`,
    async () => {
      const nodes = readAlibabaGpuNodes(join(alibaba, 'openb_node_list_all_node.csv'));
      const all = await nodes.toArray();
      expect(nodes.report).toMatchObject({ rows: 1523, malformed: 0 });
      expect(all[0]).toMatchObject({ name: 'openb-node-0000', cpuMilli: 32000, memoryMib: 262144, gpu: 0 });
      const pods = readAlibabaGpuPods(join(alibaba, 'openb_pod_list_default.csv'), { limit: 500 });
      const first = await pods.toArray();
      expect(pods.report).toMatchObject({ rows: 500, malformed: 0 });
      expect(first[1]).toMatchObject({ name: 'openb-pod-0001', cpuMilli: 6000, numGpu: 1, gpuMilli: 460 });
    },
  );

  it.skipIf(!hasAlibaba)(
    `a real Alibaba GPU slice replays with its pods placed${absent(alibaba, hasAlibaba)}`,
    async () => {
      const { scenario, report } = await convertTrace(
        [
          readAlibabaGpuNodes(join(alibaba, 'openb_node_list_all_node.csv')),
          readAlibabaGpuPods(join(alibaba, 'openb_pod_list_default.csv')),
        ],
        { limit: 300, base: { seed: 1, scheduler: { strategy: 'best-fit' } } },
      );
      expect(report).toMatchObject({ hosts: 1523, containers: 300, truncated: true });
      // The first 300 pods (sorted by creation) arrive over 117 days, most of them on days 115-117.
      const sim = createSimulation(scenario, { eventLog: { keep: 'none' } }).run('120d');
      expect(sim.counters.placed).toBeGreaterThan(250);
    },
  );

  it.skipIf(!hasAlibaba)(
    `the whole default pod list and node list convert with GPU devices${absent(alibaba, hasAlibaba)}`,
    async () => {
      const pods = readAlibabaGpuPods(join(alibaba, 'openb_pod_list_default.csv'));
      const { scenario, report } = await convertTrace(
        [readAlibabaGpuNodes(join(alibaba, 'openb_node_list_all_node.csv')), pods],
        { units: { fractionalGpu: 'devices' } },
      );
      expect(pods.report).toMatchObject({ rows: 8152, malformed: 0 });
      expect(report).toMatchObject({ hosts: 1523, containers: 8152 });
      // The FGD paper's cluster: 1,213 GPU nodes with 6,212 GPUs (gpu-fragmentation-facts.md, section 2).
      const gpuGroups = scenario.hosts.filter((h) => h.gpus !== undefined);
      expect(gpuGroups.reduce((n, h) => n + (h.count ?? 1), 0)).toBe(1213);
      expect(gpuGroups.reduce((n, h) => n + (h.count ?? 1) * h.gpus!.count, 0)).toBe(6212);
      const containers = scenario.containers ?? [];
      const shares = containers.filter((c) => c.gpu?.milli !== undefined).length;
      const whole = containers.filter((c) => c.gpu?.count !== undefined).length;
      // GPUs per pod (SOURCE.md): 0 → 1,088 pods; the rest ask for a share or whole devices.
      expect(containers.length - shares - whole).toBe(1088);
    },
  );

  it.skipIf(!hasAlibaba)(
    `the FGD paper's experiment: the six policies within 0.5 pp of the published means, in their order (the two closest either way)${absent(alibaba, hasAlibaba)}`,
    async () => {
      const nodes = (await readAlibabaGpuNodes(join(alibaba, 'openb_node_list_all_node.csv')).toArray())
        .filter((n) => n.gpu > 0)
        .map(toGpuNodeSpec);
      const pods = (await readAlibabaGpuPods(join(alibaba, 'openb_pod_list_default.csv')).toArray()).map(toGpuPod);
      const typical = typicalPods(pods);
      // The paper's seeds, 42-51, and its tie rule (the default `ties: 'permuted'`).
      const seeds = [42, 43, 44, 45, 46, 47, 48, 49, 50, 51];
      const mean = (policy: () => GpuPolicy) => {
        const runs = seeds.map((seed) => runFragmentationExperiment({ nodes, pods, typical, policy, seed }));
        const avg = (f: (r: (typeof runs)[number]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
        return { alloc130: avg((r) => r.allocated[130]!), unalloc100: avg((r) => 100 - r.allocated[100]!) };
      };
      // Published means over seeds 42-51 (Weng et al., ATC 2023; gpu-fragmentation-facts.md). Seed-to-seed
      // sd at 130 % is 0.1-0.4 pp here (largest for GpuPacking and GpuClustering), so a 10-seed mean has a
      // standard error of at most about 0.13 pp; the paper's own means carry as much again, and 0.5 pp is
      // about 2.7 standard errors of the difference.
      const got = {
        FGD: mean(() => fgdPolicy(typical)),
        BestFit: mean(gpuBestFit),
        GpuPacking: mean(gpuPacking),
        GpuClustering: mean(gpuClustering),
        DotProd: mean(gpuDotProduct),
        Random: mean(gpuRandom),
      };
      const published = {
        FGD: 95.39,
        BestFit: 93.08,
        GpuPacking: 92.0,
        GpuClustering: 91.88,
        DotProd: 90.85,
        Random: 87.47,
      };
      for (const [name, alloc130] of Object.entries(published)) {
        expect(Math.abs(got[name as keyof typeof got].alloc130 - alloc130), name).toBeLessThan(0.5);
      }
      // The paper's ranking at 130 %, except that GpuPacking and GpuClustering may come in either order:
      // the paper has them 0.12 pp apart, well within its seeds' noise (sd 0.5-0.6 pp at 100 %), and here
      // they are as close (under 0.3 pp), their order decided by which random orders the seeds draw.
      const ranking = Object.entries(got)
        .sort((a, b) => b[1].alloc130 - a[1].alloc130)
        .map(([name]) => name);
      expect(ranking.slice(0, 2)).toEqual(['FGD', 'BestFit']);
      expect(ranking.slice(2, 4).sort()).toEqual(['GpuClustering', 'GpuPacking']);
      expect(ranking.slice(4)).toEqual(['DotProd', 'Random']);
      expect(Math.abs(got.GpuPacking.alloc130 - got.GpuClustering.alloc130)).toBeLessThan(0.3);
      // Unallocated GPU at 100 % arrived: FGD 4.8 %, BestFit 7.1 % (sd 0.1 each) in the paper.
      expect(Math.abs(got.FGD.unalloc100 - 4.8)).toBeLessThan(0.5);
      expect(Math.abs(got.BestFit.unalloc100 - 7.1)).toBeLessThan(0.5);
    },
    120_000,
  );
});
