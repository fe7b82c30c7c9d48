import { describe, expect, it } from 'vitest';
import { renderPlot } from '../../docs/tools/plots.js';
import { curveShape, type ScalingPoint, scalingChart } from './scalingChart.js';

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
