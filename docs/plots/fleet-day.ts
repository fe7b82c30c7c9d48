// Lesson 10's second plot and the autoscaling benchmark's: a day of requests on three fleets, each one
// point of cost against the day's 99th-percentile latency, labelled with its minutes over the objective.
// The runs are those of docs/examples/daily-peak.ts (region "fleets") and benchmarks/autoscaling/run.ts.
import type { TopLevelSpec } from 'vega-lite';
import { DAY_FLEETS, runFleetDay, SLO_P99_MS } from '../examples/daily-peak/fleetDay.js';

export function plot(): TopLevelSpec {
  const values = DAY_FLEETS.map((fleet) => {
    const o = runFleetDay(fleet);
    return {
      fleet,
      cost: Number(o.cost.toFixed(2)),
      p99: Math.round(o.p99),
      label: `${fleet}: ${o.sloViolations} min over ${SLO_P99_MS / 1000} s, ${o.failed} failed`,
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'A day of requests: cost against the p99 latency, one point per fleet', anchor: 'start' },
    width: 560,
    height: 240,
    data: { values },
    mark: { type: 'point', filled: true, size: 120 },
    encoding: {
      x: { field: 'cost', type: 'quantitative', title: 'cost of the day ($)', scale: { domain: [14, 24] } },
      y: { field: 'p99', type: 'quantitative', title: 'p99 latency over the day (ms)', scale: { domain: [500, 700] } },
      color: { field: 'label', type: 'nominal', title: null, sort: { field: 'cost', order: 'descending' } },
      shape: { field: 'label', type: 'nominal', title: null, sort: { field: 'cost', order: 'descending' } },
    },
    config: { legend: { orient: 'bottom', direction: 'vertical', labelLimit: 500 } },
  };
}
