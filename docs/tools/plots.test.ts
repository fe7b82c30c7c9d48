import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { listPlots, loadPlot, missingInputs, renderPlot } from './plots.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('docs plots', () => {
  const plots = listPlots(docs);

  it('finds the plots', () => {
    expect(plots.map((p) => p.name)).toEqual([
      'bank-teller',
      'cluster-autoscaler',
      'cold-starts',
      'daily-peak',
      'faas-side-by-side',
      'failover-cost',
      'fleet-day',
      'gpu-fragmentation',
      'host-dies',
      'hpa-oscillation',
      'keep-alive',
      'liveness-readiness',
      'machine-shop',
      'persistent-connections',
      'power-of-two',
      'rolling-update',
    ]);
  });

  it('estimates text widths instead of measuring them with whatever fonts the machine has', async () => {
    const metrics = (vega as unknown as { textMetrics: { width: unknown; estimateWidth: unknown } }).textMetrics;
    await renderPlot({ data: { values: [{ a: 'label' }] }, mark: 'text', encoding: { text: { field: 'a' } } });
    expect(metrics.width).toBe(metrics.estimateWidth);
  });

  for (const plot of plots) {
    it(`${plot.name} is rendered to its committed ${relative(docs, plot.svg)} (run pnpm run docs:plots)`, async (context) => {
      // A plot of a real trace kept beside the repository (../shared/data) cannot be checked without it.
      if ((await missingInputs(plot)).length > 0) context.skip();
      const svg = readFileSync(plot.svg, 'utf8');
      expect(await renderPlot(await loadPlot(plot))).toBe(svg);
    });
  }
});
