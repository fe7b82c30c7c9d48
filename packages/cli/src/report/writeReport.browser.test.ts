import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runRich, runTraffic } from '../../test/richRun.js';
import { type ReportInput, writeReport } from './writeReport.js';

/** Debian's Chromium; CI installs it (.ci/run). Playwright gives it a fresh temporary profile per launch. */
const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const CHARTS = ['allocation', 'hosts', 'containers', 'replicas', 'availability', 'failures'];
const TRAFFIC_CHARTS = [
  'allocation',
  'hosts',
  'containers',
  'replicas',
  'availability',
  'latency',
  'errors',
  'failures',
];

interface ShownChart {
  readonly id: string | null;
  readonly width: number;
  readonly height: number;
  readonly marks: number;
  readonly text: string;
}

/**
 * Writes the report of `input` into `dir`, opens it in headless Chromium, checks that it loads without
 * errors or network requests and that each of `charts` is drawn, and returns what each chart shows.
 */
async function openReport(dir: string, input: ReportInput, charts: readonly string[]): Promise<ShownChart[]> {
  await writeReport(dir, input);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const external: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        errors.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const response = await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    expect(await page.title()).toBe(`Berth report — ${input.scenario}`);

    const shown = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: f.getAttribute('data-chart'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, line').length ?? 0,
          text: svg?.textContent ?? '',
        };
      }),
    );
    expect(shown.map((c) => c.id)).toEqual(charts);
    for (const c of shown) {
      expect(c.width, c.id ?? '').toBeGreaterThan(600);
      expect(c.height, c.id ?? '').toBeGreaterThan(80);
      expect(c.marks, c.id ?? '').toBeGreaterThan(5);
    }
    expect(await page.locator('svg').count()).toBe(charts.length);

    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    return shown;
  } finally {
    await browser.close();
  }
}

const skipped = `SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium), so report.html cannot be opened in a browser`;

describe('report.html in a real browser', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-report-browser-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing)(
    missing ? skipped : 'loads in headless Chromium without errors or network requests and shows every chart',
    async () => {
      const { sim, metrics, availability } = runRich();
      const shown = await openReport(tempDir(), { sim, metrics, availability, scenario: 'rich' }, CHARTS);
      expect(shown.find((c) => c.id === 'failures')?.text).toContain('host crashed');
    },
  );

  it.skipIf(missing)(missing ? skipped : 'shows a run’s request latency and failed requests by cause', async () => {
    const shown = await openReport(tempDir(), { ...runTraffic(), scenario: 'traffic' }, TRAFFIC_CHARTS);
    const text = (id: string) => shown.find((c) => c.id === id)?.text ?? '';
    expect(text('latency')).toContain('p99');
    expect(text('latency')).toContain('latency (ms)');
    expect(text('errors')).toContain('timeout');
    expect(text('errors')).toContain('failed requests per 3 s');
  });
});
