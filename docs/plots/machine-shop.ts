// Lesson 6's plot: machines down on average against the failure rate, with one and two repairmen, the runs
// of the lesson's shop (docs/examples/machine-shop/shop.ts, two years each, seed 1) as points and the
// machine-repair model (M/M/c//N) as lines.
import type { TopLevelSpec } from 'vega-lite';
import { HOUR, MACHINES, MEAN_REPAIR, machineRepair, simulate } from '../examples/machine-shop/shop.js';

const RHOS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
const HOURS = 2 * 365 * 24;

interface Row {
  readonly rho: number;
  readonly down: number;
  readonly repairmen: string;
  readonly from: 'simulation' | 'theory';
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const repairmen of [1, 2]) {
    const label = repairmen === 1 ? 'one repairman' : 'two repairmen';
    for (const rho of RHOS) {
      const shop = simulate(1, HOURS, false, { repairmen, meanTimeToFailure: MEAN_REPAIR / rho });
      rows.push({ rho, down: shop.downtime / (HOURS * HOUR), repairmen: label, from: 'simulation' });
    }
    for (let percent = 2; percent <= 52; percent++) {
      const rho = percent / 100;
      rows.push({ rho, down: machineRepair(MACHINES, rho, repairmen).down, repairmen: label, from: 'theory' });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Five machines: simulated (points) and M/M/c//${MACHINES} (lines)`, anchor: 'start' },
    data: { values: rows },
    width: 420,
    height: 260,
    encoding: {
      x: {
        field: 'rho',
        type: 'quantitative',
        title: 'ρ = mean repair time / mean time to failure',
        scale: { domain: [0, 0.55] },
      },
      y: { field: 'down', type: 'quantitative', title: 'machines down, on average' },
      color: { field: 'repairmen', type: 'nominal', title: null },
    },
    layer: [
      { transform: [{ filter: "datum.from === 'theory'" }], mark: { type: 'line', strokeWidth: 1.5 } },
      { transform: [{ filter: "datum.from === 'simulation'" }], mark: { type: 'point', filled: true, size: 40 } },
    ],
    config: { legend: { orient: 'top-left' } },
  };
}
