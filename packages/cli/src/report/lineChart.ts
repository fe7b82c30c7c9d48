import type { SeriesPoint } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';

/** One chart of a report: a file-safe id, a title, a sentence saying what it shows, and its Vega-Lite spec. */
export interface ReportChart {
  /** Also the file name of its SVG (`<id>.svg`). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: TopLevelSpec;
}

/** One row of a chart's inline data: a point of a step series. */
export interface ChartRow {
  /** Time in the chart's unit (see {@link timeAxisUnit}). */
  readonly t: number;
  /** Null breaks the line (an interval without data). */
  readonly value: number | null;
  /** The line this point belongs to (a resource, a host state, a service). */
  readonly series: string;
  /** A second grouping drawn as the line's dash (allocated vs stranded, available vs desired). */
  readonly kind?: string;
}

/** The unit a report's time axis uses, picked so that a run's length reads as a handful of ticks. */
export interface TimeUnit {
  readonly label: 's' | 'min' | 'h' | 'd';
  readonly ms: number;
}

/** Every time-series chart's plot size, px, so that the time axes line up on the page. */
export const WIDTH = 760;
export const HEIGHT = 210;

/** A vertical rule on a time-series chart: a host failure (red) or recovery (green). */
export interface RuleRow {
  readonly t: number;
  readonly what: string;
  readonly failure: boolean;
}

/** What {@link lineChart} draws. */
export interface LineChartOptions {
  readonly title: string;
  readonly rows: readonly ChartRow[];
  readonly unit: TimeUnit;
  readonly rules: readonly RuleRow[];
  readonly timeRow: { readonly from: number; readonly to: number };
  readonly yTitle: string;
  readonly colorTitle: string;
  readonly percent?: boolean;
  /** Counts: ticks on whole numbers only. */
  readonly integer?: boolean;
  /** Fixed colours per series, in legend order; default the category palette in order of appearance. */
  readonly colors?: Readonly<Record<string, string>>;
  readonly dashBy?: 'kind';
}

/** The time axis every time-series chart shares. */
export function timeAxis(unit: TimeUnit, timeRow: { readonly from: number; readonly to: number }) {
  return {
    field: 't',
    type: 'quantitative' as const,
    title: `simulated time (${unit.label})`,
    scale: { domain: [timeRow.from, timeRow.to], nice: false, zero: false },
  };
}

/** A step-after line chart of `rows` over time, with the failure rules on top. */
export function lineChart(o: LineChartOptions): TopLevelSpec {
  const x = timeAxis(o.unit, o.timeRow);
  const layers: object[] = [
    {
      data: { values: o.rows },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8, clip: true },
      encoding: {
        x,
        y: {
          field: 'value',
          type: 'quantitative',
          title: o.yTitle,
          ...(o.percent === true ? { axis: { format: '.0%' } } : {}),
          ...(o.integer === true ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: o.colorTitle,
          ...(o.colors === undefined ? {} : { scale: colorScale(o.colors, o.rows) }),
        },
        ...(o.dashBy === undefined || new Set(o.rows.map((r) => r[o.dashBy!])).size < 2
          ? {}
          : { strokeDash: { field: o.dashBy, type: 'nominal', title: null } }),
      },
    },
  ];
  if (o.rules.length > 0) layers.push(ruleLayer(o.rules));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
    resolve: { scale: { color: 'independent' } },
    config: chartConfig,
  } as TopLevelSpec;
}

/** The failures (red) and recoveries (green) as dashed vertical rules, a layer of a time-series chart. */
export function ruleLayer(rules: readonly RuleRow[]): object {
  return {
    data: { values: rules },
    mark: { type: 'rule', strokeDash: [3, 3], strokeWidth: 1 },
    encoding: {
      x: { field: 't', type: 'quantitative' },
      color: { condition: { test: 'datum.failure', value: '#c0392b' }, value: '#27ae60' },
      tooltip: { field: 'what' },
    },
  };
}

/** The fixed colours of the series present, in the order the record gives them. */
function colorScale(colors: Readonly<Record<string, string>>, rows: readonly ChartRow[]) {
  const present = new Set(rows.map((r) => r.series));
  const domain = Object.keys(colors).filter((name) => present.has(name));
  return { domain, range: domain.map((name) => colors[name]!) };
}

/** Fonts, legends and palette shared by every chart. */
export const chartConfig = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  title: { fontSize: 14, anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#e8e8e8' },
  // Legends above the plot, so every chart is as wide as its plot and the time axes line up on the page.
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    labelLimit: 220,
    orient: 'top',
    direction: 'horizontal',
    titleOrient: 'left',
  },
  view: { stroke: null },
  range: { category: ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d', '#eeca3b'] },
};

/**
 * Step points of a metrics series turned into step-after rows: a {@link SeriesPoint} is the mean over
 * the interval that ends at `at`, so its value is drawn from the interval's start (the previous
 * point, or `from`) to `at`.
 */
export function intervalRows(series: readonly SeriesPoint[], from: number, unit: TimeUnit, name: string): ChartRow[] {
  const rows: ChartRow[] = [];
  let start = from;
  for (const p of series) {
    rows.push({ t: start / unit.ms, value: p.value, series: name });
    start = p.at;
  }
  const last = series[series.length - 1];
  if (last !== undefined) rows.push({ t: last.at / unit.ms, value: last.value, series: name });
  return rows;
}
