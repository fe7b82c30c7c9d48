import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runRich } from '../../test/richRun.js';
import { writeReport } from './writeReport.js';

/** Debian's Chromium; CI installs it (.ci/run). Playwright gives it a fresh temporary profile per launch. */
const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM);
const CHARTS = ['allocation', 'hosts', 'containers', 'replicas', 'availability', 'failures'];

describe('report.html in a real browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-report-browser-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(missing)(
    missing
      ? `SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium), so report.html cannot be opened in a browser`
      : 'loads in headless Chromium without errors or network requests and shows every chart',
    async () => {
      const { sim, metrics, availability } = runRich();
      await writeReport(dir, { sim, metrics, availability, scenario: 'rich' });
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
        expect(await page.title()).toBe('Berth report — rich');

        const charts = await page.$$eval('figure.chart', (figures) =>
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
        expect(charts.map((c) => c.id)).toEqual(CHARTS);
        for (const c of charts) {
          expect(c.width, c.id ?? '').toBeGreaterThan(600);
          expect(c.height, c.id ?? '').toBeGreaterThan(80);
          expect(c.marks, c.id ?? '').toBeGreaterThan(5);
        }
        expect(charts.find((c) => c.id === 'failures')?.text).toContain('host crashed');
        expect(await page.locator('svg').count()).toBe(CHARTS.length);

        await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
        expect(errors).toEqual([]);
        expect(external).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
