// Lesson 8's plot: failed requests per second around a crash, by cause, for a container crash, a host
// crash with a 2 s client timeout, and the same with one retry; the cluster's reactions marked. The
// runs are those of docs/examples/failover-cost.ts.
import type { FailureCause } from '@berth/cluster';
import type { TopLevelSpec } from 'vega-lite';
import { crashUnderLoad, type Failover, shop } from '../examples/failover-cost/crashUnderLoad.js';

/** Every cause these crashes produce, in the order they stack. */
const CAUSES: readonly FailureCause[] = ['crashed', 'stale-endpoint', 'timeout'];

/** One cause's part of one bin: failures per second from `low` to `high`. */
interface Bar {
  readonly panel: string;
  readonly from: number;
  readonly to: number;
  readonly cause: FailureCause;
  readonly low: number;
  readonly high: number;
}

/** The window shown, in seconds from the crash, and the width of a bin. */
const FROM = -5;
const TO = 60;
const BIN = 1;

export function plot(): TopLevelSpec {
  const panels: { readonly title: string; readonly failover: Failover }[] = [
    { title: 'container crash', failover: crashUnderLoad(shop(), 'container') },
    { title: 'host crash, 2 s timeout', failover: crashUnderLoad(shop({ timeout: '2s' }), 'host') },
    {
      title: 'host crash, 2 s timeout, 1 retry',
      failover: crashUnderLoad(shop({ timeout: '2s', retry: { attempts: 1 } }), 'host'),
    },
  ];
  const bars: Bar[] = [];
  const marks: { panel: string; t: number; label: string }[] = [];
  for (const { title, failover } of panels) {
    // Failures per bin and cause, stacked in the order of CAUSES.
    const bins = new Map<number, number[]>();
    for (const { at, cause } of failover.failures) {
      const i = Math.floor(at / 1000 / BIN);
      if (i * BIN >= TO) continue;
      const counts = bins.get(i) ?? CAUSES.map(() => 0);
      counts[CAUSES.indexOf(cause)]! += 1;
      bins.set(i, counts);
    }
    for (const [i, counts] of bins) {
      let base = 0;
      counts.forEach((n, c) => {
        if (n === 0) return;
        const top = base + n / BIN;
        bars.push({ panel: title, from: i * BIN, to: (i + 1) * BIN, cause: CAUSES[c]!, low: base, high: top });
        base = top;
      });
    }
    marks.push({ panel: title, t: 0, label: 'crash' });
    if (failover.notReady !== undefined) marks.push({ panel: title, t: failover.notReady / 1000, label: 'not ready' });
    marks.push({ panel: title, t: failover.dropped / 1000, label: 'proxies updated' });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Failed requests per second around a crash, 200 requests/s over 4 replicas', anchor: 'start' },
    vconcat: panels.map(({ title: panel }) => ({
      title: { text: panel, anchor: 'start', fontSize: 12 },
      width: 560,
      height: 110,
      layer: [
        {
          data: { values: bars },
          transform: [{ filter: { field: 'panel', equal: panel } }],
          mark: 'rect',
          encoding: {
            x: {
              field: 'from',
              type: 'quantitative',
              title: 'seconds from the crash',
              scale: { domain: [FROM, TO], nice: false },
            },
            x2: { field: 'to' },
            y: { field: 'low', type: 'quantitative', title: 'failed / s' },
            y2: { field: 'high' },
            color: {
              field: 'cause',
              type: 'nominal',
              title: 'cause',
              scale: { domain: [...CAUSES] },
            },
          },
        },
        {
          data: { values: marks },
          transform: [{ filter: { field: 'panel', equal: panel } }],
          mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
          encoding: { x: { field: 't', type: 'quantitative' } },
        },
        // 'proxies updated' right of its line, the others left of theirs: each is a second from another.
        ...(['right', 'left'] as const).map((align) => ({
          data: { values: marks },
          transform: [
            { filter: { field: 'panel', equal: panel } },
            { filter: `datum.label ${align === 'left' ? '===' : '!=='} 'proxies updated'` },
          ],
          mark: { type: 'text' as const, align, dx: align === 'right' ? -3 : 3, baseline: 'top' as const, y: 2 },
          encoding: { x: { field: 't', type: 'quantitative' as const }, text: { field: 'label' } },
        })),
      ],
    })),
    resolve: { scale: { y: 'shared' } },
    config: { legend: { orient: 'right' }, text: { fontSize: 10, color: '#555' } },
  };
}
