import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@berth/cli';
import type { FailureCause, TrafficInterval, TrafficMetrics } from '@berth/cluster';
import { describe, expect, it } from 'vitest';

// Every scenario in docs/scenarios is validated and run through the command's own entry point, as
// `berth validate` and `berth run --json` would, and checked for the one thing it teaches.
const here = fileURLToPath(new URL('.', import.meta.url));
const scenarios = readdirSync(here)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

async function berth(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: here,
  });
  return { code, stdout, stderr };
}

/** The events `berth run --events` streams for a scenario. */
async function streamedEvents(file: string): Promise<Array<Record<string, unknown>>> {
  const out = join(mkdtempSync(join(tmpdir(), 'berth-events-')), 'events.ndjson');
  expect((await berth('run', file, '--events', out)).code).toBe(0);
  return readFileSync(out, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

async function metrics(...argv: string[]) {
  const result = await berth('run', ...argv, '--json');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

describe('docs/scenarios', () => {
  it('holds the scenarios this test knows', () => {
    expect(scenarios).toEqual([
      'bin-pack-vs-spread.yaml',
      'first-cluster.yaml',
      'host-failure.yaml',
      'preemption.yaml',
      'real-system-placement.yaml',
      'rolling-update.yaml',
      'taints-and-anti-affinity.yaml',
      'traffic-failover.yaml',
      'zone-outage.yaml',
    ]);
  });

  it.each(scenarios)('%s validates and runs to its horizon', async (file) => {
    const validated = await berth('validate', file);
    expect(validated).toMatchObject({ code: 0, stderr: '' });
    expect(validated.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}: valid — `));
    const m = await metrics(file);
    expect(m.window.to).toBeGreaterThan(0);
    expect(m.scheduling.placements).toBeGreaterThan(0);
  });

  it('first-cluster: every container is placed and nothing waits at the end', async () => {
    const m = await metrics('first-cluster.yaml');
    expect(m.scheduling.placements).toBe(13);
    expect(m.unplaced.pendingAtEnd).toBe(0);
  });

  it('bin-pack-vs-spread: best-fit uses fewer hosts than worst-fit for the same work', async () => {
    const pack = await metrics('bin-pack-vs-spread.yaml', '--strategy', 'best-fit');
    const spread = await metrics('bin-pack-vs-spread.yaml', '--strategy', 'worst-fit');
    expect(pack.allocation.cpu.timeWeightedMean).toBeCloseTo(spread.allocation.cpu.timeWeightedMean, 12);
    expect(pack.hosts.timeWeightedUsed).toBeLessThan(spread.hosts.timeWeightedUsed);
    expect(spread.hosts.timeWeightedUsed).toBe(8);
  });

  it('real-system-placement: the four presets compare side by side', async () => {
    const strategies = 'kubernetes,swarm-spread,ecs-spread-zone-binpack-memory,nomad-binpack';
    const result = await berth(
      'compare',
      'real-system-placement.yaml',
      '--strategies',
      strategies,
      '--seeds',
      '1-2',
      '--workers',
      '0',
      '--json',
    );
    expect(result.code).toBe(0);
    const { summary } = JSON.parse(result.stdout);
    // Kubernetes spreads over every host; ECS's memory binpack after zone spread uses the fewest.
    expect(summary.kubernetes.hostsUsed.mean).toBe(10);
    expect(summary['ecs-spread-zone-binpack-memory'].hostsUsed.mean).toBeLessThan(summary.kubernetes.hostsUsed.mean);
    for (const s of strategies.split(',')) expect(summary[s].placements.mean).toBe(39);
  });

  it('taints-and-anti-affinity: the GPU hosts hold only the trainer; the fourth web replica has no zone left', async () => {
    const m = await metrics('taints-and-anti-affinity.yaml');
    // Two trainers × 2 GPUs of 8; every batch task and three web replicas placed; web-3 pending.
    expect(m.allocation.gpu.atEnd).toBe(0.5);
    expect(m.unplaced.pendingAtEnd).toBe(1);
    const explained = await berth('explain', 'taints-and-anti-affinity.yaml', '--container', 'web-3');
    expect(explained.stdout).toContain('0/8 hosts are available: ');
  });

  it('preemption: each checkout container evicts two batch tasks, which are retried', async () => {
    const m = await metrics('preemption.yaml');
    expect(m.scheduling.preemptions).toBe(3);
    // 16 tasks + 3 checkout containers + 6 retries of the evicted tasks.
    expect(m.scheduling.placements).toBe(25);
    expect(m.unplaced.pendingAtEnd).toBe(0);
  });

  it('host-failure: Kubernetes evicts the dead host’s replicas 50 s + 300 s after the crash and replaces them', async () => {
    const events = await streamedEvents('host-failure.yaml');
    const lost = events.filter((e) => e.type === 'container.lost');
    const evicted = events.filter((e) => e.type === 'container.evicted');
    expect(lost.map((e) => e.at)).toEqual([600_000, 600_000]);
    expect(evicted.map((e) => [e.container, e.at])).toEqual(lost.map((e) => [e.container, 950_000]));
    const m = await metrics('host-failure.yaml');
    // 8 replicas + 2 replacements; all 8 live at the end.
    expect(m.scheduling.placements).toBe(10);
    expect(m.unplaced.pendingAtEnd).toBe(0);
  });

  it('rolling-update: every replica moves to web:2, within maxSurge and maxUnavailable', async () => {
    const events = await streamedEvents('rolling-update.yaml');
    const started = events.find((e) => e.type === 'rollout.started')!;
    const completed = events.find((e) => e.type === 'rollout.completed')!;
    expect(started.at).toBe(300_000);
    expect(completed).toMatchObject({ service: 'web', revision: 1 });
    // Never below replicas − maxUnavailable = 8 − 2 ready.
    expect((completed as { minReady: number }).minReady).toBeGreaterThanOrEqual(6);
  });

  it('zone-outage: the spread service loses exactly its zone-a third and gets it back elsewhere', async () => {
    const events = await streamedEvents('zone-outage.yaml');
    const crashed = events.filter((e) => e.type === 'host.crashed').map((e) => e.host);
    expect(crashed).toEqual(['a-0', 'a-1']);
    expect(events.filter((e) => e.type === 'container.lost')).toHaveLength(3);
    const m = await metrics('zone-outage.yaml');
    expect(m.scheduling.placements).toBe(12);
    expect(m.unplaced.pendingAtEnd).toBe(0);
  });

  it('traffic-failover: a dead host costs a spike of timeouts, a crashed process only a few refused requests', async () => {
    const { series, sources, window } = (await metrics('traffic-failover.yaml')).traffic as TrafficMetrics;
    const users = sources.users!;
    expect(window.sampleEvery).toBe(3000);
    expect(users.succeeded + users.failedTotal + users.inFlight).toBe(users.sent);
    // Where each cause's failures fall: an interval covers [at − 3 s, at).
    const when = (cause: FailureCause) => series.filter((s) => s.failed[cause] > 0).map((s) => s.at);
    // Nothing is an endpoint before the first sync at 1 s.
    expect(when('no-endpoint')).toEqual([3000]);
    // The process crash at 3 min: its replica is refused for one propagation delay (1 s).
    expect(when('stale-endpoint')).toEqual([183_000]);
    // The host crash at 6 min: requests hang until their 1 s timeout, until the node is NotReady
    // (50 s later) and the proxies drop the replica (1 s more).
    const timeouts = when('timeout');
    expect(timeouts.length).toBeGreaterThan(10);
    expect(Math.min(...timeouts)).toBeGreaterThan(360_000);
    expect(Math.max(...timeouts)).toBeLessThanOrEqual(360_000 + 50_000 + 1000 + 1000 + 3000);
    // The spike: after the start-up second, the worst interval is in the host failure, several times the
    // process crash's.
    const failed = (s: TrafficInterval) => Object.values(s.failed).reduce((a, b) => a + b, 0);
    const worst = series.slice(1).reduce((a, b) => (failed(b) > failed(a) ? b : a));
    expect(worst.at).toBeGreaterThan(360_000);
    expect(failed(worst)).toBeGreaterThan(3 * failed(series.find((s) => s.at === 183_000)!));
    // Requests saved by their retry after a timeout answer after more than 1 s: p99 jumps meanwhile.
    const p99 = (from: number, to: number) => series.filter((s) => s.at > from && s.at <= to).map((s) => s.p99!);
    expect(Math.max(...p99(6000, 360_000))).toBeLessThan(300);
    expect(Math.min(...p99(366_000, 408_000))).toBeGreaterThan(1000);
    // And the text summary says so.
    const summary = await berth('run', 'traffic-failover.yaml');
    expect(summary.stdout).toMatch(/\nload users +\d+ +\d+ +\d+\n/);
  });

  // A replayed Alibaba slice: the real GPU v2023 trace is converted at test time from ../shared/data
  // (research and study use only: read in place, never committed), then validated and run.
  const alibaba = join(here, '..', '..', '..', 'shared', 'data', 'alibaba-gpu-v2023');
  const hasAlibaba = existsSync(alibaba);
  it.skipIf(!hasAlibaba)(
    `a replayed Alibaba slice converts, validates and runs${hasAlibaba ? '' : ` (skipped: ${alibaba} is absent)`}`,
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'berth-alibaba-')), 'alibaba-slice.yaml');
      const converted = await berth(
        'trace',
        'convert',
        'alibaba-gpu-2023-pods',
        join(alibaba, 'openb_pod_list_default.csv'),
        '--hosts',
        join(alibaba, 'openb_node_list_all_node.csv'),
        '--limit',
        '300',
        '--strategy',
        'best-fit',
        '--horizon',
        '120d',
        '--name',
        'alibaba-slice',
        '--out',
        out,
      );
      expect(converted.code).toBe(0);
      expect(converted.stderr).toMatch(
        /^Converted 1,824 records: 1,523 hosts in \d+ groups, 0 jobs \(0 tasks\), 300 standalone containers; cut short by --limit\n/,
      );
      expect((await berth('validate', out)).code).toBe(0);
      const m = await metrics(out);
      // The first 300 pods arrive over 117 days; all fit on the 1,523 real nodes.
      expect(m.hosts.total).toBe(1523);
      expect(m.scheduling.placements).toBe(300);
    },
  );
});
