import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/runMain.js';
import { meanConfidenceInterval } from '../compare/meanConfidenceInterval.js';

// Tasks of random-looking sizes on identical hosts: the kubernetes strategy breaks score ties with the
// seeded stream, so hosts used vary with the seed; first-fit does not.
const SCENARIO = `name: churn
horizon: 2h
hosts:
  - { group: n, count: 6, capacity: { cpu: '8', memory: 16Gi } }
jobs:
  a: { tasks: [{ count: 9, requests: { cpu: 1500m, memory: 1Gi }, duration: 40m }] }
  b: { submitAt: 20m, tasks: [{ count: 7, requests: { cpu: 700m, memory: 3Gi }, duration: 30m }] }
  c: { submitAt: 45m, tasks: [{ count: 5, requests: { cpu: '2', memory: 2Gi }, duration: 50m }] }
`;

// Three replicas answering requests; a host crash at 1 min. Best-fit packs every replica onto node-0,
// so the crash of node-1 costs it nothing; the kubernetes preset spreads them, so one replica dies.
const TRAFFIC = `name: shop
horizon: 3m
hosts:
  - { group: node, count: 3, capacity: { cpu: '4', memory: 8Gi } }
services:
  web: { replicas: 3, template: { requests: { cpu: '1', memory: 1Gi } } }
requests:
  get: { service: web, serviceTime: { dist: exponential, mean: 10ms }, timeout: 500ms }
load:
  - { name: users, request: get, arrivals: { process: poisson, rate: 30 } }
faults:
  - { kind: host-crash, at: 1m, host: node-1 }
`;

// An autoscaled service whose demand triples at 10 min: at the peak its replicas need a node group's hosts.
const SCALED = `name: scaled
horizon: 30m
hosts:
  - { group: system, capacity: { cpu: '2', memory: 8Gi } }
nodeGroups:
  - { name: pool, template: { capacity: { cpu: '2', memory: 8Gi } }, max: 10, hourlyCost: 0.1 }
services:
  web:
    replicas: 2
    template: { requests: { cpu: 500m, memory: 1Gi } }
    usage:
      cpu: { shape: steps, initial: '1', steps: [{ at: 10m, value: '3' }, { at: 20m, value: '1' }] }
    autoscaling:
      maxReplicas: 12
      metrics: [{ resource: cpu, averageUtilization: 50 }]
`;

// The shop with an objective on web: p99 at most 50 ms and at most 1 % failed, per 30 s window.
const SHOP_SLO = TRAFFIC.replace('name: shop', 'name: shop-slo').replace(
  "  web: { replicas: 3, template: { requests: { cpu: '1', memory: 1Gi } } }",
  "  web:\n    replicas: 3\n    template: { requests: { cpu: '1', memory: 1Gi } }\n    slo: { latency: { percentile: 99, threshold: 50ms }, errorRatio: 0.01, window: 30s }",
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-compare-'));
  writeFileSync(join(dir, 'churn.yaml'), SCENARIO);
  writeFileSync(join(dir, 'shop-slo.yaml'), SHOP_SLO);
  writeFileSync(join(dir, 'shop.yaml'), TRAFFIC);
  writeFileSync(join(dir, 'scaled.yaml'), SCALED);
});

const args = ['compare', 'churn.yaml', '--strategies', 'first-fit,kubernetes', '--seeds', '1-6'];

describe('berth compare', () => {
  it('runs every strategy on the same seeds and summarises each figure with a 95% t interval', async () => {
    const result = await runMain([...args, '--workers', '0', '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const comparison = JSON.parse(result.stdout);
    expect(comparison).toMatchObject({ scenario: 'churn', strategies: ['first-fit', 'kubernetes'], until: null });
    expect(comparison.seeds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(comparison.runs.map((r: { strategy: string; seed: number }) => `${r.strategy}/${r.seed}`)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((s) => `first-fit/${s}`),
      ...[1, 2, 3, 4, 5, 6].map((s) => `kubernetes/${s}`),
    ]);
    for (const strategy of ['first-fit', 'kubernetes']) {
      const values = comparison.runs
        .filter((r: { strategy: string }) => r.strategy === strategy)
        .map((r: { metrics: { hostsUsed: number } }) => r.metrics.hostsUsed);
      expect(comparison.summary[strategy].hostsUsed).toEqual(meanConfidenceInterval(values));
    }
    // Every task is placed on both strategies: 21 placements, nothing left pending.
    expect(comparison.summary['first-fit'].placements).toMatchObject({ n: 6, mean: 21, halfWidth: 0 });
    expect(comparison.summary.kubernetes.pendingAtEnd).toMatchObject({ mean: 0 });
  });

  it('prints a table of mean ± half-width per strategy', async () => {
    const result = await runMain([...args, '--workers', '0'], dir);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('churn: 2 strategies × 6 seeds (1-6); mean ± 95% confidence interval (t distribution)');
    expect(lines[2]).toMatch(/^figure\s+first-fit\s+kubernetes$/);
    expect(result.stdout).toMatch(/\nplacements\s+21 ± 0\.0\s+21 ± 0\.0\n/);
    // Figures that are 0 everywhere (preemptions, cost) are left out.
    expect(result.stdout).not.toContain('preemptions');
  });

  it('compares the traffic figures per load source and service when the scenario has requests', async () => {
    const shop = ['compare', 'shop.yaml', '--strategies', 'best-fit,kubernetes', '--seeds', '1-3', '--workers', '0'];
    const result = await runMain([...shop, '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const comparison = JSON.parse(result.stdout);
    const run = comparison.runs[0];
    expect(Object.keys(run.metrics)).toEqual(
      expect.arrayContaining([
        'traffic.source.users.throughput',
        'traffic.source.users.p99',
        'traffic.source.users.failed-timeout',
        'traffic.source.users.retries',
        'traffic.service.web.imbalance',
      ]),
    );
    // Each figure is summarised over the seeds like the cluster's.
    const timeouts = comparison.runs
      .filter((r: { strategy: string }) => r.strategy === 'kubernetes')
      .map((r: { metrics: Record<string, number> }) => r.metrics['traffic.source.users.failed-timeout']);
    expect(comparison.summary.kubernetes['traffic.source.users.failed-timeout']).toEqual(
      meanConfidenceInterval(timeouts),
    );
    // Best-fit's replicas all share node-0, which survives: no request times out.
    expect(comparison.summary['best-fit']['traffic.source.users.failed-timeout'].mean).toBe(0);
    expect(comparison.summary.kubernetes['traffic.source.users.failed-timeout'].mean).toBeGreaterThan(0);

    const table = (await runMain(shop, dir)).stdout;
    expect(table).toMatch(/\nload users: throughput +\d+\.\d\d\/s ± \d+\.\d\d\/s +\d+\.\d\d\/s ± /);
    expect(table).toMatch(/\nload users: latency p99 +\d/);
    expect(table).toMatch(/\nload users: failed: timeout +0 ± 0\.0 \* +\d/);
    expect(table).toMatch(/\nservice web: imbalance \(max\/mean\) +\d\.\d\d ± /);
    // Causes that never occurred are left out, as every all-zero figure is.
    expect(table).not.toContain('failed: dependency');
    // A scenario without requests has no traffic row.
    expect((await runMain([...args, '--workers', '0'], dir)).stdout).not.toContain('load ');
  });

  it('compares the autoscaling and node-scaling figures when the scenario has them', async () => {
    const scaled = [
      'compare',
      'scaled.yaml',
      '--strategies',
      'first-fit,kubernetes',
      '--seeds',
      '1-3',
      '--workers',
      '0',
    ];
    const result = await runMain([...scaled, '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const comparison = JSON.parse(result.stdout);
    expect(Object.keys(comparison.runs[0].metrics)).toEqual(
      expect.arrayContaining([
        'autoscaling.web.replicasMean',
        'autoscaling.web.scaleUps',
        'autoscaling.web.timeToScaleMean',
        'nodeScaling.hostHours',
        'nodeScaling.cost',
        'nodeScaling.launched',
        'nodeScaling.group.pool.cost',
      ]),
    );
    const replicas = comparison.runs
      .filter((r: { strategy: string }) => r.strategy === 'kubernetes')
      .map((r: { metrics: Record<string, number> }) => r.metrics['autoscaling.web.replicasMean']);
    expect(comparison.summary.kubernetes['autoscaling.web.replicasMean']).toEqual(meanConfidenceInterval(replicas));
    // The peak needs hosts of the node group: some are launched in every run.
    for (const run of comparison.runs) expect(run.metrics['nodeScaling.group.pool.launched']).toBeGreaterThan(0);

    const table = (await runMain(scaled, dir)).stdout;
    expect(table).toMatch(/\nautoscaled web: replicas \(mean\) +\d+\.\d\d ± /);
    expect(table).toMatch(/\nautoscaled web: time to scale \(mean\) +\d/);
    expect(table).toMatch(/\nnode scaling: cost +\$\d+\.\d\d ± /);
    expect(table).toMatch(/\nhost group pool: hosts launched +\d+ ± /);
    // A scenario without autoscalers or node groups has none of these rows.
    const plain = (await runMain([...args, '--workers', '0'], dir)).stdout;
    expect(plain).not.toMatch(/autoscaled |node scaling|host group/);
  });

  it('compares the objective figures of the services that declare one', async () => {
    const cmd = ['compare', 'shop-slo.yaml', '--strategies', 'best-fit,kubernetes', '--seeds', '1-3', '--workers', '0'];
    const result = await runMain([...cmd, '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const comparison = JSON.parse(result.stdout);
    const keys = Object.keys(comparison.runs[0].metrics).filter((k) => k.startsWith('slo.'));
    expect(keys).toEqual([
      'slo.web.violations',
      'slo.web.violationMinutes',
      'slo.web.overThreshold',
      'slo.web.errorFraction',
    ]);
    // The kubernetes preset spreads the replicas, so the crash of node-1 at 1 min fails requests: the
    // error objective breaks in that window at least; best-fit packed them all on node-0.
    for (const run of comparison.runs) {
      if (run.strategy === 'kubernetes') expect(run.metrics['slo.web.violations']).toBeGreaterThan(0);
      expect(run.metrics['slo.web.violationMinutes']).toBe(run.metrics['slo.web.violations'] / 2);
    }
    const table = (await runMain(cmd, dir)).stdout;
    expect(table).toMatch(/\nobjective of web: windows in violation +\d/);
    expect(table).toMatch(/\nobjective of web: requests over the latency threshold \(share\) +\d/);
    // A scenario without objectives has no such rows.
    expect((await runMain([...args, '--workers', '0'], dir)).stdout).not.toContain('objective of');
  });

  it('gives the same runs on worker threads as in this thread', async () => {
    const inThread = await runMain([...args, '--workers', '0', '--json'], dir);
    const threaded = await runMain([...args, '--workers', '2', '--json'], dir);
    expect(threaded.code).toBe(0);
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(inThread.stdout));
  });

  it('runs slices with --shard and joins them with berth merge into the unsharded comparison', async () => {
    for (const i of [1, 2, 3]) {
      const shard = await runMain([...args, '--workers', '0', '--shard', `${i}/3`], dir);
      expect(shard.code).toBe(0);
      const data = JSON.parse(shard.stdout);
      expect(data).toMatchObject({ format: 'berth-compare-shard/1', shard: { index: i, count: 3 } });
      expect(data.runs).toHaveLength(4);
      writeFileSync(join(dir, `shard${i}.json`), shard.stdout);
    }
    const merged = await runMain(['merge', 'shard3.json', 'shard1.json', 'shard2.json', '--json'], dir);
    const whole = await runMain([...args, '--workers', '0', '--json'], dir);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    const table = await runMain(['merge', 'shard1.json', 'shard2.json', 'shard3.json'], dir);
    expect(table.stdout).toBe((await runMain([...args, '--workers', '0'], dir)).stdout);
  });

  it.each([
    [['--seeds', '5-1'], "error: --seeds: expected seeds such as 1-10 or 1,2,5, got '5-1'\n"],
    [['--seeds', '1-3', '--shard', '4/3'], "error: --shard: expected i/n with 1 <= i <= n, such as 1/4, got '4/3'\n"],
    [['--seeds', '1-3', '--workers', 'many'], "error: --workers: expected an integer from 0 to 1024, got 'many'\n"],
    [['--seeds', '1-3', '--strategies', 'best-fit,best-fit'], "error: --strategies: 'best-fit' is listed twice\n"],
  ])('rejects %j with one line, exit 1', async (options, message) => {
    const argv = ['compare', 'churn.yaml', '--strategies', 'first-fit', ...options];
    expect(await runMain(argv, dir)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});

describe('berth merge', () => {
  it.each([
    [['shard1.json'], "error: missing slices 2/3, 3/3: pass every slice's output\n"],
    [['shard1.json', 'shard1.json'], 'error: shard1.json: slice 1/3 is also in shard1.json\n'],
    [['churn.yaml'], 'error: churn.yaml: not valid JSON; expected the output of berth compare --shard\n'],
    [
      ['other.json'],
      'error: other.json: not the output of berth compare --shard (expected "format": "berth-compare-shard/1")\n',
    ],
    [
      ['shard1.json', 'foreign.json'],
      "error: foreign.json: seeds differs from shard1.json's: not a slice of the same comparison\n",
    ],
  ])('rejects %j with one line, exit 1', async (files, message) => {
    writeFileSync(join(dir, 'other.json'), '{"runs": []}');
    const foreign = JSON.parse(
      (await runMain([...args.slice(0, 4), '--seeds', '1-2', '--workers', '0', '--shard', '2/3'], dir)).stdout,
    );
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify(foreign));
    expect(await runMain(['merge', ...files], dir)).toEqual({ code: 1, stdout: '', stderr: message });
  });
});
