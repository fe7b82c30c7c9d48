import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPlot } from '../../docs/tools/plots.js';
import { curveFit, curveShape, type ScalingData, type ScalingPoint, scalingChart } from './scalingChart.js';

const HOSTS = [1000, 2000, 5000, 10_000, 20_000, 50_000];
const curve = (cost: (hosts: number) => number) => HOSTS.map((hosts) => ({ hosts, cost: cost(hosts) }));

describe('curveShape', () => {
  it('calls a constant cost, and one growing 1.2× over 50×, flat', () => {
    expect(curveShape(curve(() => 12))).toBe('flat');
    // 50^0.046 = 1.2: the exponent 0.046 is below 0.07.
    expect(curveShape(curve((n) => 10 * n ** 0.046))).toBe('flat');
  });

  it('calls a + b ln(hosts) logarithmic', () => {
    // 5 + 2 ln n: 18.8 at 1,000 hosts, 26.6 at 50,000: exponent about 0.09, fits ln n exactly.
    expect(curveShape(curve((n) => 5 + 2 * Math.log(n)))).toBe('logarithmic');
  });

  it('calls a + b × hosts linear', () => {
    expect(curveShape(curve((n) => 3 + 0.002 * n))).toBe('linear');
  });

  it('needs three host counts and positive costs', () => {
    expect(() => curveShape(curve(() => 1).slice(0, 2))).toThrow(/3 or more host counts/);
    expect(() => curveShape(curve(() => 0))).toThrow(/positive/);
  });
});

describe('scalingChart', () => {
  it('renders one line per strategy, in the order given, with every host count on the axis', async () => {
    const points: ScalingPoint[] = [];
    for (const [strategy, base] of [
      ['first-fit', 5],
      ['kubernetes', 20],
    ] as const) {
      for (const hosts of [1000, 5000, 50_000])
        points.push({ strategy, hosts, micros: base, bareEvents: base * 5, wallMicros: base * 2 });
    }
    const svg = await renderPlot(scalingChart(points, 'small input'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('small input');
    expect(svg.indexOf('first-fit')).toBeGreaterThan(0);
    expect(svg.indexOf('kubernetes')).toBeGreaterThan(svg.indexOf('first-fit'));
    for (const label of ['1,000', '5,000', '50,000']) expect(svg).toContain(`>${label}<`);
    // One line per strategy, through its three points, in the order given.
    const lines = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map((m) => m[1]!);
    expect(lines).toHaveLength(2);
    for (const d of lines) expect(d.split('L')).toHaveLength(3);
    const labels = [...svg.matchAll(/aria-label="[^"]*strategy: ([a-z-]+)"[^>]*line mark/g)].map((m) => m[1]);
    expect(labels).toEqual(['first-fit', 'kubernetes']);
  });
});

describe('the committed scaling curve (docs/concepts)', () => {
  const concepts = new URL('../../docs/concepts/', import.meta.url);
  const data = JSON.parse(readFileSync(new URL('scaling-curve.json', concepts), 'utf8')) as ScalingData;
  const page = readFileSync(new URL('scaling.md', concepts), 'utf8');
  const strategies = [...new Set(data.points.map((p) => p.strategy))];
  const point = (strategy: string, hosts: number) =>
    data.points.find((p) => p.strategy === strategy && p.hosts === hosts)!;

  it('is the chart the benchmark renders from its data file (run bench:scaling --render after editing it)', async () => {
    const svg = readFileSync(new URL('scaling-curve.svg', concepts), 'utf8');
    expect(await renderPlot(scalingChart(data.points, data.title))).toBe(svg);
  });

  it("is what the page's table states, size by size", () => {
    for (const { hosts, bareEventsPerSecond } of data.sizes) {
      const label = hosts.toLocaleString('en-US');
      const row = page.split('\n').find((line) => line.startsWith(`| ${label} |`));
      expect(row, `a row for ${label} hosts`).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      const expected = strategies.map((s) => {
        const p = point(s, hosts);
        return `${p.micros.toFixed(1)} (${p.bareEvents.toFixed(1)})`;
      });
      expect(cells.slice(2, 2 + strategies.length)).toEqual(expected);
      expect(cells[2 + strategies.length]).toBe(bareEventsPerSecond.toLocaleString('en-US'));
    }
  });

  it('gives each curve the shape, exponent and ratio the page states', () => {
    const sizes = data.sizes.map((s) => s.hosts);
    const last = sizes[sizes.length - 1]!;
    const from = sizes.find((h) => h * 10 >= last)!;
    for (const s of strategies) {
      const fit = curveFit(
        data.points.filter((p) => p.strategy === s).map((p) => ({ hosts: p.hosts, cost: p.bareEvents })),
      );
      const ratio = point(s, last).bareEvents / point(s, from).bareEvents;
      expect(page).toContain(
        `- **${s}: ${fit.shape}**: ×${ratio.toFixed(2)} from ${from.toLocaleString('en-US')} to ` +
          `${last.toLocaleString('en-US')} hosts; exponent ${fit.exponent.toFixed(2)}; ` +
          `R² ${fit.r2Logarithmic.toFixed(2)} against ln hosts, ${fit.r2Linear.toFixed(2)} against hosts`,
      );
    }
  });
});
