import type { SloMetrics } from '@berth/cluster';
import { describeSlo } from '../format/sloTable.js';
import { type ChartRow, lineChart, type ReportChart, type RuleRow, type TimeUnit } from './lineChart.js';

/**
 * One chart per service with an objective: 1 while it was in violation (its `spans`), 0 otherwise, as a
 * step line over the run, so a reader sees when the objective broke against the other charts' times.
 */
export function sloCharts(
  slo: SloMetrics,
  unit: TimeUnit,
  rules: readonly RuleRow[],
  timeRow: { readonly from: number; readonly to: number },
): ReportChart[] {
  return Object.entries(slo.services).map(([name, s], i) => {
    const rows: ChartRow[] = [{ t: slo.window.from / unit.ms, value: 0, series: name }];
    for (const span of s.spans) {
      rows.push({ t: span.from / unit.ms, value: 1, series: name });
      rows.push({ t: span.to / unit.ms, value: 0, series: name });
    }
    rows.push({ t: slo.window.to / unit.ms, value: rows[rows.length - 1]!.value, series: name });
    const title = `Objective of ${name}: in violation`;
    return {
      id: `slo-${i + 1}`,
      title,
      description: `1 while ${name} was in violation of its objective (${describeSlo(s.objective)}), 0 otherwise: ${s.violations} of ${s.windows} windows judged, ${Number(s.violationMinutes.toFixed(2))} minutes.`,
      spec: lineChart({
        title,
        rows,
        unit,
        rules,
        timeRow,
        yTitle: 'in violation',
        colorTitle: 'service',
        integer: true,
      }),
    };
  });
}
