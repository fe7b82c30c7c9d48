// Lesson 1's plot: the mean time in the bank against the teller's utilisation, the runs of the lesson's
// bank (docs/examples/bank-teller/bank.ts, 800 hours, seeds 1-3) as points and the M/M/1 formula as a line.
import type { TopLevelSpec } from 'vega-lite';
import { MEAN_BETWEEN_ARRIVALS, MINUTE, simulate } from '../examples/bank-teller/bank.js';

const LOADS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];
const SEEDS = [1, 2, 3];
const HOURS = 800;

interface Row {
  readonly rho: number;
  readonly minutes: number;
  readonly from: string;
}

export function plot(): TopLevelSpec {
  const rows: Row[] = [];
  for (const rho of LOADS) {
    for (const seed of SEEDS) {
      const bank = simulate(seed, HOURS, 1, rho * MEAN_BETWEEN_ARRIVALS);
      rows.push({ rho, minutes: bank.timeInSystem.mean / MINUTE, from: `simulated, ${HOURS} h, seeds 1-3` });
    }
  }
  // W = S / (1 − ρ), with the mean service time S = ρ minutes since one customer arrives per minute.
  for (let percent = 20; percent <= 91; percent++) {
    const rho = percent / 100;
    rows.push({ rho, minutes: rho / (1 - rho), from: 'M/M/1: W = S / (1 − ρ)' });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Mean time in the bank, one customer a minute', anchor: 'start' },
    data: { values: rows },
    width: 420,
    height: 260,
    encoding: {
      x: { field: 'rho', type: 'quantitative', title: 'teller utilisation ρ', scale: { domain: [0.2, 0.95] } },
      y: { field: 'minutes', type: 'quantitative', title: 'mean time in bank (min)' },
      color: { field: 'from', type: 'nominal', title: null },
    },
    layer: [
      { transform: [{ filter: "datum.from[0] === 'M'" }], mark: { type: 'line', strokeWidth: 1.5 } },
      { transform: [{ filter: "datum.from[0] === 's'" }], mark: { type: 'point', filled: true, size: 40 } },
    ],
    config: { legend: { orient: 'top-left', labelLimit: 400 } },
  };
}
