import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, runMain } from '../../test/runMain.js';
import { runScenario } from '../run/runScenario.js';

const SCENARIO = `name: small
horizon: 1h
hosts:
  - group: node
    count: 2
    capacity: { cpu: '4', memory: 8Gi }
services:
  web:
    replicas: 3
    template:
      requests: { cpu: '1', memory: 1Gi }
jobs:
  batch:
    submitAt: 10m
    tasks:
      - count: 4
        requests: { cpu: '1', memory: 1Gi }
        duration: 20m
`;

/** Two replicas answering 20 requests/s in turn, one crashing at 30 s. */
const TRAFFIC = `name: shop
horizon: 1m
hosts:
  - { group: node, count: 2, capacity: { cpu: '4', memory: 8Gi } }
services:
  web:
    replicas: 2
    template:
      requests: { cpu: '1', memory: 1Gi }
    serving: { balancing: round-robin }
requests:
  get: { service: web, serviceTime: { dist: constant, value: 10ms } }
load:
  - { name: users, request: get, arrivals: { process: poisson, rate: 20 } }
faults:
  - { kind: container-crash, at: 30s, container: web-0 }
`;

/** The shop with objectives on web: p99 at most 15 ms, at most 1 % failed, per 10 s window. */
const SHOP_SLO = TRAFFIC.replace('name: shop', 'name: shop-slo').replace(
  '    serving: { balancing: round-robin }',
  '    serving: { balancing: round-robin }\n    slo: { latency: { percentile: 99, threshold: 15ms }, errorRatio: 0.01, window: 10s }',
);

/** Four replicas at half their cpu request; the demand doubles at 10 min and halves at 20 min. */
const AUTOSCALED = `name: peak
horizon: 30m
hosts:
  - { group: node, count: 4, capacity: { cpu: '8', memory: 16Gi } }
services:
  web:
    replicas: 4
    template: { requests: { cpu: 500m } }
    usage:
      cpu: { shape: steps, initial: '1', steps: [{ at: 10m, value: '2' }, { at: 20m, value: '1' }] }
    autoscaling:
      maxReplicas: 20
      metrics: [{ resource: cpu, averageUtilization: 50 }]
`;

/** GPU devices: two 4-GPU hosts; shares of one device and whole devices. */
const GPUS = `name: gpus
horizon: 1m
scheduler: { strategy: first-fit }
hosts:
  - { group: g2, count: 2, capacity: { cpu: '32', memory: 128Gi }, gpus: { model: G2, count: 4 } }
containers:
  - { name: a, requests: { cpu: '1' }, gpu: { milli: 460 } }
  - { name: b, requests: { cpu: '1' }, gpu: { milli: 300 } }
  - { name: c, requests: { cpu: '1' }, gpu: { count: 3 } }
`;

const FUNCTIONS = `name: thumbnails
seed: 3
horizon: 30m
hosts:
  - { group: node, count: 2, capacity: { cpu: '8', memory: 16Gi } }
functions:
  platform: lambda
  definitions:
    resize:
      memory: 512
      pull: 2s
      startup: { dist: constant, value: 400ms }
      handler: { dist: constant, value: 120ms }
      invocations: { process: poisson, rate: 0.05 }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-run-'));
  writeFileSync(join(dir, 'gpus.yaml'), GPUS);
  writeFileSync(join(dir, 'small.yaml'), SCENARIO);
  writeFileSync(join(dir, 'shop.yaml'), TRAFFIC);
  writeFileSync(join(dir, 'shop-slo.yaml'), SHOP_SLO);
  writeFileSync(join(dir, 'peak.yaml'), AUTOSCALED);
  writeFileSync(join(dir, 'thumbnails.yaml'), FUNCTIONS);
  writeFileSync(
    join(dir, 'bad.yaml'),
    'hosts:\n  - group: node\n    capacity: { cpu: -1, memory: 8Gi }\nservices:\n  web: { replicas: 1.5, template: {} }\n',
  );
  writeFileSync(
    join(dir, 'nope.yaml'),
    "scheduler: { strategy: nope }\nhosts:\n  - { group: node, capacity: { cpu: '1', memory: 1Gi, cpu2: 1 } }\n",
  );
});

describe('berth run', () => {
  it('adds a GPU devices section when hosts declare gpus (and a gpus key to --json)', async () => {
    const result = await runMain(['run', 'gpus.yaml'], dir, fakeClock());
    // First fit: a (460) and b (300) on g2-0, sharing device 0 (best fit: the fullest that holds b);
    // c takes g2-0's three free devices; g2-1's four stay idle. 240 milli free on the shared device.
    expect(result.stdout.split('GPU devices at end\n')[1]).toBe(
      [
        'model  hosts  devices  allocated  full  shared  idle  GPUs free on shared devices',
        '-----  -----  -------  ---------  ----  ------  ----  ---------------------------',
        'G2         2        8      47.0%     3       1     4                         0.24',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runMain(['run', 'gpus.yaml', '--json'], dir)).stdout);
    expect(json.gpus).toEqual([
      {
        model: 'G2',
        hosts: 2,
        devices: 8,
        allocatedMilli: 3760,
        capacityMilli: 8000,
        full: 3,
        shared: 1,
        idle: 4,
        freeOnShared: 240,
      },
    ]);
    const plain = await runMain(['run', 'small.yaml'], dir, fakeClock());
    expect(plain.stdout).not.toContain('GPU devices');
  });

  it('prints the metrics as one JSON object with --json, the same as a direct run', async () => {
    const result = await runMain(['run', 'small.yaml', '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const direct = runScenario({
      ...(await import('yaml')).parse(SCENARIO),
    });
    expect(JSON.parse(result.stdout)).toEqual(
      JSON.parse(JSON.stringify({ ...direct.metrics, availability: direct.availability })),
    );
    expect(JSON.parse(result.stdout).window).toEqual({ from: 0, to: 3_600_000, sampleEvery: 18_000 });
  });

  it('prints a summary table', async () => {
    const result = await runMain(['run', 'small.yaml', '--seed', '7'], dir, fakeClock());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Services hold 3 cpu all along (37.5%); the job's 4 cpu for 20 of 60 minutes add 50% × 1/3 = 16.7%.
    // While the job runs one host is full on cpu, so its 4 GiB of free memory (25%) are stranded a third of the time.
    expect(result.stdout).toBe(
      [
        'small — strategy kubernetes, seed 7',
        'Simulated 1h: 48 events in 0.01 s of wall time (4,800 events/s).',
        '',
        'resource  capacity  allocated (mean)   peak  at end  stranded (mean)',
        '--------  --------  ----------------  -----  ------  ---------------',
        'cpu        8 cores             54.2%  87.5%   37.5%             0.0%',
        'memory      16 GiB             27.1%  43.8%   18.8%             8.3%',
        '',
        'figure                                                     value',
        '-------------------------------------  -------------------------',
        'hosts                                                          2',
        'hosts used (time-weighted mean)                             2.00',
        'hosts used (peak / at end)                                 2 / 2',
        'placements                                                     7',
        'scheduling attempts                                            7',
        'preemptions                                                    0',
        'pending time (mean / p50 / p99 / max)  0 ms / 0 ms / 0 ms / 0 ms',
        'still pending at end                                           0',
        'longest wait of those                                          -',
        'ended without a placement                                      0',
        'host-hours (powered / used)                          2.00 / 2.00',
        '',
        'Availability',
        '',
        'service  all up  any up  outages  recovery (mean)  recovery (worst)  degraded since  lost  evicted  rescheduled  restarts',
        '-------  ------  ------  -------  ---------------  ----------------  --------------  ----  -------  -----------  --------',
        'web      100.0%  100.0%        0                -                 -               -     0        0            0         0',
        '',
        'No host crashed or was partitioned.',
        '',
      ].join('\n'),
    );
  });

  it('stops at --until and takes --strategy', async () => {
    const result = await runMain(['run', 'small.yaml', '--until', '15m', '--strategy', 'best-fit', '--json'], dir);
    const metrics = JSON.parse(result.stdout);
    expect(metrics.window.to).toBe(900_000);
    // best-fit packs the 7 containers (7 cpu) onto as few 4-cpu hosts as it can: both are needed.
    expect(metrics.hosts.peakUsed).toBe(2);
  });

  it('streams every event to --events as NDJSON', async () => {
    const result = await runMain(['run', 'small.yaml', '--events', 'events.ndjson'], dir);
    expect(result.code).toBe(0);
    const lines = readFileSync(join(dir, 'events.ndjson'), 'utf8').trimEnd().split('\n');
    expect(result.stderr).toBe(`Wrote ${lines.length} events to events.ndjson\n`);
    const events = lines.map((line) => JSON.parse(line));
    expect(events[0]).toEqual({ at: 0, type: 'host.added', host: 'node-0', group: 'node' });
    const direct = runScenario((await import('yaml')).parse(SCENARIO), { eventLog: { keep: 'all' } });
    expect(events).toEqual(JSON.parse(JSON.stringify(direct.sim.events())));
  });

  it('writes a report with --out', async () => {
    const result = await runMain(['run', 'small.yaml', '--out', 'report', '--json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Wrote the report to report: metrics.json, allocation.svg, hosts.svg, containers.svg, replicas.svg, availability.svg, report.html, trace.json\n',
    );
    expect(JSON.parse(readFileSync(join(dir, 'report', 'metrics.json'), 'utf8'))).toEqual(JSON.parse(result.stdout));
  });

  it('adds the traffic figures under "traffic" with --json when the scenario has requests', async () => {
    const result = await runMain(['run', 'shop.yaml', '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout);
    const direct = runScenario((await import('yaml')).parse(TRAFFIC));
    expect(direct.traffic).not.toBeNull();
    expect(printed).toEqual(
      JSON.parse(JSON.stringify({ ...direct.metrics, availability: direct.availability, traffic: direct.traffic })),
    );
    expect(Object.keys(printed).at(-1)).toBe('traffic');
    // The same intervals as the cluster's series.
    expect(printed.traffic.window).toEqual({ from: 0, to: 60_000, sampleEvery: 300, loadMs: 60_000 });
    expect(printed.traffic.series).toHaveLength(200);
    // A scenario without requests prints no traffic at all.
    const plain = JSON.parse((await runMain(['run', 'small.yaml', '--json'], dir)).stdout);
    expect(plain).not.toHaveProperty('traffic');
  });

  it('prints what the autoscalers did after the summary, and an "autoscaling" key with --json', async () => {
    const result = await runMain(['run', 'peak.yaml'], dir, fakeClock());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // 4 replicas for 615 s, 8 until 1500 s, then 4: a mean of 5.97; the new replicas start at once (no image pull).
    // The load step at 10 min (2 cores need ⌈2000m / (250m × 1.1)⌉ = 8) waits 15 s for the scrape that holds it.
    expect(result.stdout.slice(result.stdout.indexOf('\nAutoscaling'))).toBe(
      [
        '',
        'Autoscaling (replicas: the desired count, time-weighted; time to scale: from a scale-up to the count it asked for ready;',
        'load step: the offered load needs more replicas than are ready, ⌈load / (target × (1 + tolerance))⌉, until enough are):',
        'autoscaled service  min-max  replicas (mean)  range  scale-ups  scale-downs  time to scale (mean / max)  load steps  load step to enough (mean / max)',
        '------------------  -------  ---------------  -----  ---------  -----------  --------------------------  ----------  --------------------------------',
        'web                    1-20             5.97    4-8          1            1                 0 ms / 0 ms           1                       15 s / 15 s',
        'Scalings:',
        '  10m 15s  web 4 → 8: cpu above target (DesiredWithinRange)',
        '  25m  web 8 → 4: all metrics below target (DesiredWithinRange)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runMain(['run', 'peak.yaml', '--json'], dir)).stdout);
    expect(json.autoscaling.services.web.scalings.map((e: { to: number }) => e.to)).toEqual([8, 4]);
    expect(json.traffic).toBeUndefined();
  });

  it('adds the function figures under "functions" with --json, and a table in text, only when the scenario has functions', async () => {
    const result = await runMain(['run', 'thumbnails.yaml', '--json'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(result.stdout);
    const direct = runScenario((await import('yaml')).parse(FUNCTIONS));
    expect(printed).toEqual(
      JSON.parse(JSON.stringify({ ...direct.metrics, availability: direct.availability, functions: direct.functions })),
    );
    expect(printed.functions.platform).toBe('lambda');
    expect(printed.functions.functions.resize.arrived).toBe(direct.functions!.total.arrived);
    const text = (await runMain(['run', 'thumbnails.yaml'], dir, fakeClock())).stdout;
    const table = text.slice(text.indexOf('\nFunctions on lambda'));
    expect(table).toContain('(keep-alive: fixed); 75th-percentile cold-start % over functions');
    expect(table).toMatch(/\nresize +\d+ +\d+ +\d+\.\d%/);
    expect(table).toMatch(/\n\(all\) /);
    // The user's bill to three significant figures (a fraction of a cent here), the provider's hosts beside the idle memory.
    expect(table).toMatch(/ \$0\.0\d*[1-9]\d\d\n/);
    expect(printed.functions.hostsUsed.peak).toBeGreaterThanOrEqual(1);
    expect(table).toContain(
      `Provider side: hosts holding function instances ${direct.functions!.hostsUsed.mean.toFixed(2)} on average, ` +
        `${direct.functions!.hostsUsed.peak} at most, ${direct.functions!.hostsUsed.hostHours.toFixed(2)} host-hours; ` +
        `memory held idle ${(direct.functions!.total.idleGbSeconds / 3600).toFixed(2)} GB-h.`,
    );
    const plain = await runMain(['run', 'small.yaml'], dir, fakeClock());
    expect(plain.stdout).not.toContain('Functions on');
    expect(JSON.parse((await runMain(['run', 'small.yaml', '--json'], dir)).stdout)).not.toHaveProperty('functions');
  });

  it('prints the traffic tables after the summary when the scenario has requests', async () => {
    const result = await runMain(['run', 'shop.yaml', '--seed', '7'], dir, fakeClock());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const traffic = result.stdout.slice(result.stdout.indexOf('\nRequests over'));
    // 1,118 succeeded over 60 s of load: 18.63/s. Constant 10 ms of work: the median is 10 ms, the tail
    // waits behind another request. Round robin would be exactly even, but web-0 is out for 11 s (10 s of
    // back-off, then 1 s until the proxies know it again), so web-1 gets 49 s / 2 + 11 s = 35.5 s worth of
    // requests to web-0's 24.5 s: imbalance 35.5 / 30 = 1.18. web-0 was refused 10 times before the proxies dropped it (about 20/s × 1 s / 2); 13 requests arrived
    // before the first sync at 1 s.
    expect(traffic).toBe(
      [
        '',
        'Requests over 1m of load (throughput: succeeded per second; latency: from the first try to the answer):',
        '',
        'load source   sent  succeeded  throughput  latency p50 / p90 / p99 / p99.9     failed  retries',
        '-----------  -----  ---------  ----------  -------------------------------  ---------  -------',
        'users        1,141      1,118     18.63/s    10 ms / 10 ms / 18 ms / 27 ms  23 (2.0%)        0',
        '',
        'service  replicas  answered  throughput  latency p50 / p90 / p99 / p99.9     failed  imbalance (max/mean)',
        '-------  --------  --------  ----------  -------------------------------  ---------  --------------------',
        'web             2     1,118     18.63/s    10 ms / 10 ms / 18 ms / 27 ms  23 (2.0%)                  1.18',
        '',
        'failed requests by cause  stale-endpoint  no-endpoint',
        '------------------------  --------------  -----------',
        'load users                            10           13',
        'service web                           10           13',
        '',
      ].join('\n'),
    );
  });

  it('judges the objectives of services that declare one: a table after the traffic, "slo" in --json and the report', async () => {
    const json = await runMain(['run', 'shop-slo.yaml', '--seed', '7', '--json', '--out', 'slo-report'], dir);
    expect(json.code).toBe(0);
    const printed = JSON.parse(json.stdout);
    const direct = runScenario({ ...(await import('yaml')).parse(SHOP_SLO), seed: 7 });
    expect(printed.slo).toEqual(JSON.parse(JSON.stringify(direct.slo)));
    expect(Object.keys(printed).slice(-2)).toEqual(['traffic', 'slo']);
    const web = direct.slo!.services.web!;
    // Six windows of 10 s. 23 requests of the 1,141 fail (see the traffic test): 13 before the proxies
    // know any replica (the first sync at 1 s), 10 sent to web-0 after its crash at 30 s; each time more
    // than 1 % of the window's requests, so the windows from 0 s and from 30 s break the error objective.
    expect(web.windows).toBe(6);
    expect(web.failed).toBe(23);
    expect(web.errorViolations).toBe(2);
    expect(web.spans[0]!.from).toBe(0);
    expect(web.spans.some((span) => span.from <= 30_000 && span.to > 30_000)).toBe(true);
    expect(web.answered).toBe(direct.traffic!.services.web!.succeeded);
    const text = await runMain(['run', 'shop-slo.yaml', '--seed', '7'], dir, fakeClock());
    const part = text.stdout.slice(text.stdout.indexOf('\nService-level objectives'));
    const lines = part.split('\n');
    expect(lines[1]).toBe(
      'Service-level objectives (judged per window in which requests finished; latency: nearest-rank percentile of the answered requests):',
    );
    expect(lines[2]).toMatch(
      /^service +objective +windows in violation +minutes in violation +requests over threshold +failed +first violation at$/,
    );
    const row = lines[4]!.split(/ {2,}/);
    expect(row).toEqual([
      'web',
      'p99 ≤ 15 ms, errors ≤ 1% per 10 s',
      `${web.violations} of 6`,
      (web.violations / 6).toLocaleString('en-US', { maximumFractionDigits: 2 }),
      `${web.overThreshold} (${((web.overThresholdFraction ?? 0) * 100).toFixed(2)}%)`,
      `23 (${(web.errorFraction! * 100).toFixed(2)}%)`,
      '0 ms',
    ]);
    expect(json.stderr).toContain(' errors.svg, slo-1.svg,');
    const html = readFileSync(join(dir, 'slo-report', 'report.html'), 'utf8');
    expect(html).toContain('<h2>Service-level objectives</h2>');
    expect(html).toContain('data-chart="slo-1"');
    expect(html).toContain('p99 ≤ 15 ms, errors ≤ 1% per 10 s');
    expect(JSON.parse(readFileSync(join(dir, 'slo-report', 'metrics.json'), 'utf8')).slo).toEqual(printed.slo);
    // Without an objective: no table, no key, no section.
    const plain = await runMain(['run', 'shop.yaml', '--seed', '7', '--json', '--out', 'plain-report'], dir);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('slo');
    expect((await runMain(['run', 'shop.yaml', '--seed', '7'], dir, fakeClock())).stdout).not.toContain('objective');
    expect(readFileSync(join(dir, 'plain-report', 'report.html'), 'utf8')).not.toContain('Service-level');
    expect(plain.stderr).not.toContain('slo-1.svg');
  });

  it('writes the latency and failed-request charts and the traffic into the report', async () => {
    const result = await runMain(['run', 'shop.yaml', '--out', 'shop-report', '--json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Wrote the report to shop-report: metrics.json, allocation.svg, hosts.svg, containers.svg, replicas.svg, availability.svg, latency.svg, errors.svg, failures.svg, report.html, trace.json\n',
    );
    const written = JSON.parse(readFileSync(join(dir, 'shop-report', 'metrics.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(result.stdout));
    expect(written.traffic.sources.users.failed['stale-endpoint']).toBeGreaterThan(0);
  });

  it('writes the replicas-and-load and hosts-joined charts into the report when the scenario scales', async () => {
    const peak = await runMain(['run', 'peak.yaml', '--out', 'peak-report', '--json'], dir);
    expect(peak.code).toBe(0);
    expect(peak.stderr).toBe(
      'Wrote the report to peak-report: metrics.json, allocation.svg, hosts.svg, containers.svg, replicas.svg, availability.svg, autoscaling-1.svg, report.html, trace.json\n',
    );
    expect(JSON.parse(readFileSync(join(dir, 'peak-report', 'metrics.json'), 'utf8'))).toEqual(JSON.parse(peak.stdout));
    // The autoscaling table as `berth run` prints it, with the load step and its 15 s to enough replicas.
    const html = readFileSync(join(dir, 'peak-report', 'report.html'), 'utf8');
    expect(html).toContain('<h2>Autoscaling</h2>');
    expect(html).toMatch(/<td>web<\/td>.*<td>1<\/td><td>15 s \/ 15 s<\/td>/s);
    writeFileSync(join(dir, 'autoscaled.yaml'), NODE_SCALED);
    const nodes = await runMain(['run', 'autoscaled.yaml', '--out', 'nodes-report', '--json'], dir);
    expect(nodes.code).toBe(0);
    expect(nodes.stderr).toContain(' node-scaling.svg,');
    expect(nodes.stderr).not.toContain('autoscaling-1.svg');
    const written = JSON.parse(readFileSync(join(dir, 'nodes-report', 'metrics.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(nodes.stdout));
    expect(written.nodeScaling.launched).toBe(2);
    // No autoscaler, no autoscaling section.
    expect(readFileSync(join(dir, 'nodes-report', 'report.html'), 'utf8')).not.toContain('<h2>Autoscaling</h2>');
  });

  it("reports the scenario's unknown strategy with its line and the other problems, unless --strategy replaces it", async () => {
    const result = await runMain(['run', 'nope.yaml'], dir);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(/^error: nope\.yaml:1: scheduler\.strategy: unknown strategy 'nope'; known: kubernetes, /),
      expect.stringMatching(
        /^error: nope\.yaml:3: hosts\[0\]\.capacity\.cpu2: unknown resource 'cpu2'; did you mean 'cpu'\?/,
      ),
      '',
    ]);
    expect((await runMain(['run', 'nope.yaml', '--strategy', 'best-fit'], dir)).stderr).toMatch(
      /^error: nope\.yaml:3: hosts\[0\]\.capacity\.cpu2: unknown resource 'cpu2'/,
    );
  });

  it('reports every scenario problem on its own line with file, line and path, exit 1', async () => {
    const result = await runMain(['run', 'bad.yaml'], dir);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: bad.yaml:3: hosts[0].capacity.cpu: expected a non-negative quantity, got -1\n' +
        'error: bad.yaml:5: services.web.replicas: expected an integer from 0 to 1000000, got 1.5\n',
    });
  });

  it.each([
    [['run', 'missing.yaml'], 'error: missing.yaml: cannot read: no such file\n'],
    [['run', 'small.yaml', '--seed', 'x'], "error: --seed: expected an integer, got 'x'\n"],
    [
      ['run', 'small.yaml', '--until', 'soon'],
      "error: --until: expected a duration such as '250ms', '10s', '5m' or '2h', got 'soon'\n",
    ],
    // Issue 15: a number of 400 digits was Infinity, taken as the end of the run.
    [
      ['run', 'small.yaml', '--until', '9'.repeat(400)],
      /^error: --until: Infinity is too long: at most 1000000000000000 ms/,
    ],
    [['run', 'small.yaml', '--strategy', 'nope'], /^error: --strategy: unknown strategy 'nope'; known: kubernetes, /],
    [['run', 'small.yaml', '--bogus'], "error: unknown option '--bogus'\n"],
    [['run'], "error: missing required argument 'scenario'\n"],
  ])('rejects %j with one clear line, exit 1', async (argv, message) => {
    const result = await runMain(argv, dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports a directory that cannot be written by --events', async () => {
    const result = await runMain(['run', 'small.yaml', '--events', 'no/such/dir/e.ndjson'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: --events: cannot write 'no\/such\/dir\/e.ndjson': ENOENT/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('has --help with the exit codes', async () => {
    const result = await runMain(['run', '--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: berth run [options] <scenario>');
    expect(result.stdout).toContain('--events <file>');
    expect(result.stdout).toContain('Exit codes: 0 done, 1 invalid input or validation failure, 2 runtime error.');
  });

  it('adds node scaling under "nodeScaling" and after the summary when the scenario has node groups', async () => {
    writeFileSync(join(dir, 'autoscaled.yaml'), NODE_SCALED);
    const json = JSON.parse((await runMain(['run', 'autoscaled.yaml', '--json'], dir)).stdout);
    const direct = runScenario((await import('yaml')).parse(NODE_SCALED));
    expect(json).toEqual(
      JSON.parse(
        JSON.stringify({ ...direct.metrics, availability: direct.availability, nodeScaling: direct.nodeScaling }),
      ),
    );
    // Four containers wait at the first scan (10 s): two hosts join, and leave 10 min after the
    // scale-down to one replica at 40 min.
    expect(json.nodeScaling).toMatchObject({ scaleUps: 1, scaleDowns: 2, launched: 2, removed: 2, peakHosts: 3 });
    expect(json.nodeScaling.actions.map((a: { at: number; type: string }) => [a.at, a.type])).toEqual([
      [10_000, 'nodegroup.scaledUp'],
      [3_000_000, 'nodegroup.scaledDown'],
      [3_000_000, 'nodegroup.scaledDown'],
    ]);
    const text = (await runMain(['run', 'autoscaled.yaml'], dir, fakeClock())).stdout;
    const part = text.slice(text.indexOf('\nNode autoscaling:'));
    expect(part.split('\n').slice(0, 7)).toEqual([
      '',
      'Node autoscaling: 1 scale-up(s), 2 scale-down(s) (0 failed), 0 consolidation(s); 2 host(s) launched, 0 failed to join, 2 removed; peak 3 hosts, 1 at the end; 3.66 host-hours, cost 0.17',
      '',
      'group   host-hours  cost  launched  removed',
      '------  ----------  ----  --------  -------',
      'system        2.00  0.00         0        0',
      'small         1.66  0.17         2        2',
    ]);
    // Scenarios without node autoscaling print none of it.
    expect(JSON.parse((await runMain(['run', 'small.yaml', '--json'], dir)).stdout)).not.toHaveProperty('nodeScaling');
  });
});

/** One static host; a node group grows for four waiting replicas and shrinks after a scale-down. */
const NODE_SCALED = `name: autoscaled
seed: 1
horizon: 2h
hosts:
  - { group: system, capacity: { cpu: '2', memory: 8Gi } }
nodeGroups:
  - name: small
    template: { capacity: { cpu: '2', memory: 8Gi } }
    max: 10
    hourlyCost: 0.1
services:
  web:
    replicas: 6
    template: { requests: { cpu: '1', memory: 2Gi } }
changes:
  - { at: 40m, service: web, replicas: 1 }
`;
