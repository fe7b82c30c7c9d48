import type { FunctionReport } from '@berth/cluster';
import { formatMs } from '../format/formatMs.js';
import { intervalRows, lineChart, type ReportChart, type RuleRow, type TimeUnit } from './lineChart.js';

const COLORS: Readonly<Record<string, string>> = {
  'instances loaded': '#4c78a8',
  'instances busy': '#54a24b',
  'hosts used': '#f58518',
};

/**
 * The chart of a scenario with functions: instances loaded and busy, and the hosts holding them, over
 * time (means over each sampling interval). The gap between loaded and busy is memory held idle.
 */
export function functionCharts(
  report: FunctionReport,
  from: number,
  unit: TimeUnit,
  rules: readonly RuleRow[],
  timeRow: { readonly from: number; readonly to: number },
): ReportChart[] {
  const { overTime, hostsUsed, total } = report;
  const rows = [
    ...intervalRows(overTime.instances, from, unit, 'instances loaded'),
    ...intervalRows(overTime.busy, from, unit, 'instances busy'),
    ...intervalRows(overTime.hosts, from, unit, 'hosts used'),
  ];
  const title = 'Function instances';
  return [
    {
      id: 'functions',
      title,
      description:
        `Function instances loaded (starting, busy, idle or paused) and busy, and the hosts holding them, as means over each ` +
        `${formatMs(overTime.sampleEvery)} interval: on average ${total.meanInstances.toFixed(2)} loaded, ` +
        `${total.meanBusyInstances.toFixed(2)} busy, on ${hostsUsed.mean.toFixed(2)} hosts (at most ${hostsUsed.peak}, ` +
        `${hostsUsed.hostHours.toFixed(2)} host-hours). Loaded but not busy is memory held idle: ` +
        `${(total.idleGbSeconds / 3600).toFixed(2)} GB-h.`,
      spec: lineChart({
        title,
        rows,
        unit,
        rules,
        timeRow,
        yTitle: 'instances, hosts',
        colorTitle: 'signal',
        colors: COLORS,
      }),
    },
  ];
}
