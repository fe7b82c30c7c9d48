import type {
  AutoscalingMetrics,
  AvailabilityReport,
  ClusterMetrics,
  FunctionReport,
  SloMetrics,
  TrafficMetrics,
} from '@berth/cluster';
import { AUTOSCALING_LEGEND, autoscalingTable, loadStepNotes } from '../format/autoscalingTable.js';
import {
  FUNCTION_TABLE_HEADER,
  functionHeadline,
  functionProviderLine,
  functionRows,
} from '../format/formatFunctionSummary.js';
import { GPU_TABLE_HEADER, type GpuModelSummary, gpuTableRows } from '../format/formatGpuSummary.js';
import { formatMs } from '../format/formatMs.js';
import { sloTable } from '../format/sloTable.js';
import { trafficTables } from '../format/trafficTables.js';
import type { ReportTimeline } from './buildTimeline.js';
import type { ReportChart } from './reportCharts.js';

/** What the report page shows. */
export interface ReportPage {
  /** The scenario's name. */
  readonly scenario: string;
  /** A line about the run: strategy, seed, events. */
  readonly subtitle: string;
  readonly metrics: ClusterMetrics;
  readonly timeline: ReportTimeline;
  readonly availability?: AvailabilityReport | undefined;
  /** Traffic figures, shown as the traffic tables, for a scenario with requests. */
  readonly traffic?: TrafficMetrics | undefined;
  /** How the services with an objective kept it, shown as the objectives table, for a scenario whose services declare `slo`. */
  readonly slo?: SloMetrics | undefined;
  /** What the autoscalers did, shown as the autoscaling table, for a scenario with autoscalers. */
  readonly autoscaling?: AutoscalingMetrics | undefined;
  /** GPU devices at the end, per model, for a scenario whose hosts declare `gpus`. */
  readonly gpus?: readonly GpuModelSummary[] | undefined;
  /** Function figures (`sim.functions()`), shown as the functions table, for a scenario with functions. */
  readonly functions?: FunctionReport | undefined;
  /** Each chart with its rendered SVG, in display order. */
  readonly charts: ReadonlyArray<{ readonly chart: ReportChart; readonly svg: string }>;
  /** Cluster events by type over the run. */
  readonly eventCounts: Readonly<Record<string, number>>;
  /** A warning shown above the charts (e.g. an incomplete event log), or none. */
  readonly warning?: string | undefined;
  /** File names written beside the page, listed at its foot. */
  readonly files: readonly string[];
}

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script and no
 * network access, so it can be mailed, attached to a CI run or opened offline. Every chart sits in a
 * `<figure class="chart" data-chart="<id>">` so tests and readers can find it.
 */
export function renderReportHtml(page: ReportPage): string {
  const m = page.metrics;
  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Berth report — ${escapeHtml(page.scenario)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Berth report: ${escapeHtml(page.scenario)}</h1>
<p class="sub">${escapeHtml(page.subtitle)}</p>
</header>
<main>`);
  if (page.warning !== undefined) parts.push(`<p class="warning">${escapeHtml(page.warning)}</p>`);

  parts.push('<section class="summary"><h2>Summary</h2><div class="tables">');
  parts.push(
    table(
      ['resource', 'capacity', 'allocated (mean)', 'peak', 'at end', 'stranded (mean)'],
      Object.keys(m.capacity).map((name) => [
        name,
        capacityText(name, m.capacity[name]!),
        percent(m.allocation[name]?.timeWeightedMean),
        percent(m.allocation[name]?.peak),
        percent(m.allocation[name]?.atEnd),
        percent(m.stranded[name]?.timeWeightedMean),
      ]),
    ),
  );
  parts.push(
    table(
      ['figure', 'value'],
      [
        ['simulated time', formatMs(m.window.to - m.window.from)],
        ['hosts', count(m.hosts.total)],
        [
          'hosts used (mean / peak / at end)',
          `${m.hosts.timeWeightedUsed.toFixed(2)} / ${m.hosts.peakUsed} / ${m.hosts.usedAtEnd}`,
        ],
        [
          'placements (attempts, preemptions)',
          `${count(m.scheduling.placements)} (${count(m.scheduling.attempts)}, ${count(m.scheduling.preemptions)})`,
        ],
        [
          'pending time p50 / p90 / p99 / max',
          [m.pending.p50, m.pending.p90, m.pending.p99, m.pending.max].map(time).join(' / '),
        ],
        ['still pending at end (oldest wait)', `${count(m.unplaced.pendingAtEnd)} (${time(m.unplaced.oldestWait)})`],
        ['host-hours (used)', `${m.cost.hostHours.toFixed(2)} (${m.cost.usedHostHours.toFixed(2)})`],
        ...(m.cost.dollars > 0
          ? [['cost (used hosts only)', `${m.cost.dollars.toFixed(2)} (${m.cost.usedDollars.toFixed(2)})`]]
          : []),
      ],
    ),
  );
  parts.push('</div></section>');

  const services = serviceRows(page);
  if (services !== null) parts.push(`<section><h2>Services</h2>${services}</section>`);
  if (page.traffic !== undefined) {
    const tables = trafficTables(page.traffic).map((t) => table(t.header, t.rows));
    parts.push(
      `<section class="traffic"><h2>Requests</h2><p>Over ${escapeHtml(formatMs(page.traffic.window.loadMs))} of load; throughput: succeeded per second; latency: from the first try to the answer.</p><div class="tables">${tables.join('\n')}</div></section>`,
    );
  }
  if (page.slo !== undefined) {
    const t = sloTable(page.slo);
    parts.push(
      `<section class="slo"><h2>Service-level objectives</h2><p>Each window in which requests finished is judged on its own: the latency objective on the nearest-rank percentile of the requests answered in it, the error objective on the share of its finished requests that failed.</p>${table(t.header, t.rows)}</section>`,
    );
  }
  if (page.autoscaling !== undefined) {
    const t = autoscalingTable(page.autoscaling);
    const notes = loadStepNotes(page.autoscaling).map((n) => `<p>${escapeHtml(n)}</p>`);
    parts.push(
      `<section class="autoscaling"><h2>Autoscaling</h2><p>${escapeHtml(AUTOSCALING_LEGEND.replace('\n', ' '))}.</p>${table(t.header, t.rows)}${notes.join('')}</section>`,
    );
  }
  if (page.functions !== undefined) {
    const f = page.functions;
    parts.push(
      `<section class="functions"><h2>Functions</h2><p>${escapeHtml(functionHeadline(f))}. Cold: served after waiting for an instance to start; warm latencies leave those out; throttled: hit a concurrency or scaling limit at least once (rejected, queued or retried).</p>` +
        `${table(FUNCTION_TABLE_HEADER, functionRows(f))}<p>${escapeHtml(functionProviderLine(f))}</p></section>`,
    );
  }
  if (page.gpus !== undefined && page.gpus.length > 0) {
    parts.push(`<section><h2>GPU devices at end</h2>${table(GPU_TABLE_HEADER, gpuTableRows(page.gpus))}</section>`);
  }
  const failures = Object.entries(page.timeline.markerCounts);
  if (failures.length > 0) {
    parts.push(
      `<section><h2>Failures and recoveries</h2>${table(
        ['what', 'count'],
        failures.map(([kind, n]) => [kind, count(n ?? 0)]),
      )}</section>`,
    );
  }

  parts.push('<section class="charts"><h2>Over time</h2>');
  for (const { chart, svg } of page.charts) {
    parts.push(
      `<figure class="chart" data-chart="${escapeHtml(chart.id)}" id="chart-${escapeHtml(chart.id)}">${svg}` +
        `<figcaption>${escapeHtml(chart.description)} <span class="file">(${escapeHtml(chart.id)}.svg)</span></figcaption></figure>`,
    );
  }
  parts.push('</section>');

  const events = Object.entries(page.eventCounts).filter(([, n]) => n > 0);
  parts.push(
    `<section><h2>Events</h2>${table(
      ['event', 'count'],
      events.map(([type, n]) => [type, count(n)]),
    )}</section>`,
  );
  parts.push(`<footer><p>Files beside this page: ${page.files.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')}.</p>
<p><code>trace.json</code> is in the Chrome trace-event format: open it in Perfetto (ui.perfetto.dev, “Open trace file”) or chrome://tracing to scrub through every container on every host, one track per host and container slot.</p></footer>
</main>
</body>
</html>
`);
  return parts.join('\n');
}

function serviceRows(page: ReportPage): string | null {
  const availability = page.availability;
  if (availability !== undefined && Object.keys(availability.services).length > 0) {
    return table(
      [
        'service',
        'desired / available at end',
        'all replicas up',
        'any replica up',
        'replica-time',
        'outages (mean recovery)',
        'lost',
        'evicted',
        'rescheduled',
        'restarts',
      ],
      Object.entries(availability.services).map(([name, s]) => [
        name,
        `${s.desiredAtEnd} / ${s.availableAtEnd}`,
        percent(s.full),
        percent(s.any),
        percent(s.replicaFraction),
        `${s.timeToRecover.count} (${time(s.timeToRecover.mean)})`,
        count(s.lost),
        count(s.evicted),
        count(s.rescheduled),
        count(s.restarts),
      ]),
    );
  }
  const names = Object.keys(page.timeline.services);
  if (names.length === 0) return null;
  return table(
    ['service', 'desired at end', 'available at end'],
    names.map((name) => {
      const s = page.timeline.services[name]!;
      return [
        name,
        count(s.desired[s.desired.length - 1]?.value ?? 0),
        count(s.available[s.available.length - 1]?.value ?? 0),
      ];
    }),
  );
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const percent = (fraction: number | null | undefined): string =>
  fraction === null || fraction === undefined ? '-' : `${(fraction * 100).toFixed(1)}%`;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const time = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));

function capacityText(resource: string, amount: number): string {
  if (resource === 'cpu') return `${count(amount / 1000)} cores`;
  if (resource === 'memory') return `${count(amount / 1024)} GiB`;
  return count(amount);
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; background: #f6f7f9; }
header { padding: 20px 32px 8px; background: #fff; border-bottom: 1px solid #e3e5e8; }
h1 { margin: 0 0 4px; font-size: 22px; }
h2 { font-size: 16px; margin: 24px 0 10px; }
.sub { margin: 0 0 10px; color: #555; }
main { padding: 0 32px 32px; max-width: 1100px; }
.tables { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
table { border-collapse: collapse; background: #fff; border: 1px solid #e3e5e8; }
th, td { padding: 4px 10px; text-align: right; border-bottom: 1px solid #eef0f2; font-variant-numeric: tabular-nums; }
th:first-child, td:first-child { text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
figure.chart { margin: 0 0 18px; padding: 12px; background: #fff; border: 1px solid #e3e5e8; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #555; margin-top: 6px; }
.file { color: #888; }
.warning { padding: 8px 12px; background: #fff4e5; border: 1px solid #f0c36d; }
footer { margin-top: 24px; color: #555; }
code { font-size: 13px; }
`;
