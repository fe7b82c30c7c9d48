import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { collectMetrics, createSimulation, FAILURE_CAUSES } from '@berth/cluster';
import { afterAll, describe, expect, it } from 'vitest';
import { runRich, runScaled, runTraffic } from '../../test/richRun.js';
import { validateTrace } from '../../test/validateTrace.js';
import { writeReport } from './writeReport.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-report-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const CHARTS = ['allocation', 'hosts', 'containers', 'replicas', 'availability', 'failures'];

describe('writeReport', async () => {
  const { sim, metrics, availability } = runRich();
  const dir = tempDir();
  const written = await writeReport(dir, { sim, metrics, availability, scenario: 'rich' });
  const html = readFileSync(join(dir, 'report.html'), 'utf8');

  it('writes metrics.json, one SVG per chart, report.html and trace.json, and returns their paths', () => {
    expect(written.map((p) => basename(p))).toEqual([
      'metrics.json',
      ...CHARTS.map((id) => `${id}.svg`),
      'report.html',
      'trace.json',
    ]);
    expect(readdirSync(dir).sort()).toEqual(written.map((p) => basename(p)).sort());
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify({ ...metrics, availability })),
    );
  });

  it('inlines every chart as the same SVG as its file', () => {
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>(<svg[\s\S]*?<\/svg>)/g)];
    expect(figures.map((f) => f[1])).toEqual(CHARTS);
    for (const [, id, svg] of figures) expect(readFileSync(join(dir, `${id}.svg`), 'utf8')).toBe(`${svg}\n`);
  });

  it('is self-contained: no script, stylesheet link, external image or font', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('gives every element id on the page once', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(CHARTS.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the availability figures and failure counts', () => {
    expect(html).toContain('<h2>Services</h2>');
    expect(html).toContain(`${(availability.services.web!.replicaFraction! * 100).toFixed(1)}%`);
    expect(html).toMatch(/<td>host crashed<\/td><td>1<\/td>/);
    expect(html).not.toContain('class="warning"');
    // A run without requests has no traffic section.
    expect(html).not.toContain('<h2>Requests</h2>');
  });

  it('writes a trace Perfetto can read', () => {
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
    expect(validateTrace(trace)).toEqual([]);
    expect(trace.displayTimeUnit).toBe('ms');
    expect(trace.otherData).toEqual({ scenario: 'rich', strategy: 'kubernetes', seed: 7, simulatedMs: 3_600_000 });
    const counters = new Set(
      trace.traceEvents.filter((e: { ph: string }) => e.ph === 'C').map((e: { name: string }) => e.name),
    );
    expect(counters).toEqual(new Set(['pending containers', 'bound containers', 'available replicas: web']));
  });

  it('writes the same bytes for the same run', async () => {
    const again = runRich();
    const other = tempDir();
    await writeReport(other, { ...again, scenario: 'rich' });
    for (const file of written.map((p) => basename(p))) {
      expect(readFileSync(join(other, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
    }
  });

  it('says so when the event log is incomplete', async () => {
    const partial = createSimulation(
      {
        horizon: '10m',
        hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
        services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      },
      { eventLog: { keep: 'last', limit: 3 } },
    );
    const collector = collectMetrics(partial);
    partial.run();
    const out = tempDir();
    await writeReport(out, { sim: partial, metrics: collector.report(), scenario: 'partial' });
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toContain(`The event log kept 3 of ${partial.log.size} events`);
  });
});

describe('writeReport with traffic', async () => {
  const run = runTraffic();
  const dir = tempDir();
  const written = await writeReport(dir, { ...run, scenario: 'traffic' });
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const charts = ['allocation', 'hosts', 'containers', 'replicas', 'availability', 'latency', 'errors', 'failures'];

  it('writes the latency and failed-request charts, and the traffic into metrics.json', () => {
    expect(written.map((p) => basename(p))).toEqual([
      'metrics.json',
      ...charts.map((id) => `${id}.svg`),
      'report.html',
      'trace.json',
    ]);
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>(<svg[\s\S]*?<\/svg>)/g)];
    expect(figures.map((f) => f[1])).toEqual(charts);
    for (const [, id, svg] of figures) expect(readFileSync(join(dir, `${id}.svg`), 'utf8')).toBe(`${svg}\n`);
    const json = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(json).toEqual(
      JSON.parse(JSON.stringify({ ...run.metrics, availability: run.availability, traffic: run.traffic })),
    );
  });

  it('shows the traffic tables: per load source, per service, failures by cause', () => {
    const users = run.traffic.sources.users!;
    expect(html).toContain('<h2>Requests</h2>');
    expect(html).toContain(`<td>users</td><td>${users.sent.toLocaleString('en-US')}</td>`);
    // A column per cause that occurred: the host crash's timeouts and the start-up's no-endpoint among them.
    const causes = FAILURE_CAUSES.filter((cause) => users.failed[cause] > 0);
    expect(causes).toEqual(expect.arrayContaining(['timeout', 'no-endpoint']));
    expect(html).toContain(`<th>failed requests by cause</th>${causes.map((c) => `<th>${c}</th>`).join('')}</tr>`);
    expect(html).toContain(`<tr><td>load users</td>${causes.map((c) => `<td>${users.failed[c]}</td>`).join('')}</tr>`);
  });

  it('gives every element id on the page once, and the same bytes for the same run', async () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const other = tempDir();
    await writeReport(other, { ...runTraffic(), scenario: 'traffic' });
    for (const file of written.map((p) => basename(p))) {
      expect(readFileSync(join(other, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
    }
  });
});

describe('writeReport with autoscaling and node scaling', async () => {
  const run = runScaled();
  const dir = tempDir();
  const written = await writeReport(dir, { ...run, scenario: 'scaled' });
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const charts = ['allocation', 'hosts', 'containers', 'replicas', 'availability', 'autoscaling-1', 'node-scaling'];

  it('writes the replicas-and-load and hosts-joined charts, and both figures into metrics.json', () => {
    expect(written.map((p) => basename(p))).toEqual([
      'metrics.json',
      ...charts.map((id) => `${id}.svg`),
      'report.html',
      'trace.json',
    ]);
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>(<svg[\s\S]*?<\/svg>)/g)];
    expect(figures.map((f) => f[1])).toEqual(charts);
    for (const [, id, svg] of figures) expect(readFileSync(join(dir, `${id}.svg`), 'utf8')).toBe(`${svg}\n`);
    expect(html).toContain('Replicas and load: web');
    expect(html).toContain('Hosts joined (node scaling)');
    const { autoscaling, nodeScaling } = run;
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify({ ...run.metrics, availability: run.availability, autoscaling, nodeScaling })),
    );
  });

  it('gives every element id on the page once, and the same bytes for the same run', async () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const other = tempDir();
    await writeReport(other, { ...runScaled(), scenario: 'scaled' });
    for (const file of written.map((p) => basename(p))) {
      expect(readFileSync(join(other, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
    }
  });

  it('draws neither chart when it is given neither figure', async () => {
    const plain = tempDir();
    const { sim, metrics, availability } = runScaled();
    const files = (await writeReport(plain, { sim, metrics, availability, scenario: 'scaled' })).map((p) =>
      basename(p),
    );
    expect(files).not.toContain('autoscaling-1.svg');
    expect(files).not.toContain('node-scaling.svg');
  });
});

describe('writeReport with GPU devices', () => {
  it('adds a GPU devices section to report.html and a gpus key to metrics.json; none without gpus', async () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [{ group: 'g2', count: 2, capacity: { cpu: '32', memory: '128Gi' }, gpus: { model: 'G2', count: 4 } }],
      containers: [
        { name: 'a', requests: { cpu: '1' }, gpu: { milli: 460 } },
        { name: 'c', requests: { cpu: '1' }, gpu: { count: 2 } },
      ],
    });
    const metrics = collectMetrics(sim);
    sim.run('1m');
    const dir = tempDir();
    await writeReport(dir, { sim, metrics: metrics.report(), scenario: 'gpus' });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    // First fit: a's 460 on g2-0's device 0; c on g2-0's devices 1 and 2; g2-1 idle.
    expect(html).toContain('<h2>GPU devices at end</h2>');
    expect(html).toContain(
      '<tr><td>G2</td><td>2</td><td>8</td><td>30.8%</td><td>2</td><td>1</td><td>5</td><td>0.54</td></tr>',
    );
    const json = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(json.gpus).toEqual([
      {
        model: 'G2',
        hosts: 2,
        devices: 8,
        allocatedMilli: 2460,
        capacityMilli: 8000,
        full: 2,
        shared: 1,
        idle: 5,
        freeOnShared: 540,
      },
    ]);
    const plain = tempDir();
    await writeReport(plain, { ...runTraffic(), scenario: 'traffic' });
    expect(readFileSync(join(plain, 'report.html'), 'utf8')).not.toContain('GPU devices');
  });
});

describe('writeReport with functions', async () => {
  const run = () => {
    const sim = createSimulation(
      {
        seed: 5,
        horizon: '2h',
        hosts: [{ group: 'node', count: 3, capacity: { cpu: '8', memory: '16Gi' } }],
        functions: {
          platform: 'lambda',
          keepAlive: { policy: 'fixed', ttl: '5m' },
          definitions: {
            api: {
              memory: 256,
              startup: { dist: 'constant', value: '300ms' },
              handler: { dist: 'constant', value: '80ms' },
              invocations: { process: 'poisson', rate: 0.5 },
            },
            report: {
              memory: 1024,
              startup: { dist: 'constant', value: '1s' },
              handler: { dist: 'constant', value: '2s' },
              invocations: { process: 'poisson', rate: 1 / 900 },
            },
          },
        },
      },
      { eventLog: { keep: 'all' } },
    );
    const metrics = collectMetrics(sim);
    sim.run();
    return { sim, metrics: metrics.report(), functions: sim.functions()! };
  };
  const { sim, metrics, functions } = run();
  const dir = tempDir();
  const written = await writeReport(dir, { sim, metrics, functions, scenario: 'functions' });
  const html = readFileSync(join(dir, 'report.html'), 'utf8');

  it('shows the functions table with the provider side, draws instances over time, and puts the figures in metrics.json', () => {
    expect(written.map((p) => basename(p))).toContain('functions.svg');
    expect(html).toContain('<section class="functions"><h2>Functions</h2>');
    expect(html).toContain('75th-percentile cold-start % over functions');
    for (const column of ['cold', 'throttled', 'p99 warm ms', 'idle GB-s', 'cost'])
      expect(html).toContain(`<th>${column}</th>`);
    expect(html).toMatch(/<td>report<\/td>(<td>[^<]*<\/td>){15}<\/tr>/);
    expect(html).toContain(`${functions.hostsUsed.hostHours.toFixed(2)} host-hours`);
    expect(html).toMatch(/<figure class="chart" data-chart="functions"[^>]*><svg/);
    expect(html).toContain('Function instances loaded (starting, busy, idle or paused) and busy');
    // A sub-cent bill to three significant figures.
    expect(functions.total.cost).toBeLessThan(0.01);
    expect(html).toMatch(/<td>\$0\.0\d*[1-9]\d\d<\/td><\/tr>\n<\/tbody>/);
    const json = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(json.functions).toEqual(JSON.parse(JSON.stringify(functions)));
  });

  it('shows no functions section or chart for a run without functions', async () => {
    const plain = tempDir();
    const { sim: s, metrics: m, availability } = runRich();
    await writeReport(plain, { sim: s, metrics: m, availability, scenario: 'rich' });
    expect(readFileSync(join(plain, 'report.html'), 'utf8')).not.toContain('class="functions"');
    expect(readdirSync(plain)).not.toContain('functions.svg');
  });
});
