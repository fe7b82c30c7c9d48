// Lesson 8: what a failover costs in failed requests. A replica's container crashes, then its host;
// the failed requests by cause, how their number follows the discovery delay and the request rate,
// what timeouts and retries change.
import type { FailureCause } from '@berth/cluster';
import { crashUnderLoad, type Failover, type ShopOptions, shop } from './failover-cost/crashUnderLoad.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Failures by cause, in order of the first, each with the time of its first and last. */
function summary(failover: Failover): string[] {
  const byCause = new Map<FailureCause, number[]>();
  for (const f of failover.failures) {
    const times = byCause.get(f.cause) ?? [];
    times.push(f.at);
    byCause.set(f.cause, times);
  }
  return [...byCause].map(([cause, times]) => {
    const [first, last] = [times[0]!, times.at(-1)!];
    const when = first === last ? `at ${seconds(first)}` : `from ${seconds(first)} to ${seconds(last)}`;
    return `  ${cause.padEnd(15)} ${String(times.length).padStart(5)}  ${when}`;
  });
}

const count = (failover: Failover, cause?: FailureCause) =>
  failover.failures.filter((f) => cause === undefined || f.cause === cause).length;

// #region container
const container = crashUnderLoad(shop(), 'container');
console.log('shop-0’s container crashes under 200 requests/s. Failed requests after the crash:');
for (const line of summary(container)) console.log(line);
console.log(`The proxies stop sending to shop-0 at ${seconds(container.dropped)}.`);
// #endregion

// #region scaling
console.log();
console.log('stale-endpoint failures after a container crash: measured (rate × delay / 4)');
console.log('delay    100/s        200/s        400/s');
for (const propagation of ['500ms', '1s', '2s', '5s']) {
  const cells = [100, 200, 400].map((rate) => {
    const failover = crashUnderLoad(shop({ rate, propagation }), 'container');
    const estimate = (rate * failover.dropped) / 1000 / 4;
    return `${String(count(failover, 'stale-endpoint')).padStart(4)} (${String(estimate).padStart(4)})`;
  });
  console.log(`${propagation.padEnd(6)}  ${cells.join('  ')}`);
}
// #endregion

// #region host
const host = crashUnderLoad(shop({ timeout: '2s' }), 'host');
console.log();
console.log('shop-0’s host crashes instead; clients give up after 2 s. Failed requests after the crash:');
for (const line of summary(host)) console.log(line);
console.log(
  `The host is marked not ready at ${seconds(host.notReady!)}; the proxies drop shop-0 at ${seconds(host.dropped)}.`,
);
// #endregion

// #region retries
console.log();
console.log(`${''.padEnd(50)} failed  retries  slowest answer`);
const once = { attempts: 1 };
const cases: [string, 'container' | 'host', ShopOptions][] = [
  ['container crash', 'container', {}],
  ['container crash, 1 retry', 'container', { retry: once }],
  ['container crash, 1 retry, budget 100%', 'container', { retry: { ...once, budget: '100%' } }],
  ['host crash, timeout 2 s', 'host', { timeout: '2s' }],
  ['host crash, timeout 2 s, 1 retry', 'host', { timeout: '2s', retry: once }],
  ['host crash, timeout 2 s, 1 retry, budget 100%', 'host', { timeout: '2s', retry: { ...once, budget: '100%' } }],
  ['host crash, timeout 500 ms, 2 retries', 'host', { timeout: '500ms', retry: { attempts: 2 } }],
  [
    'host crash, timeout 500 ms, 2 retries, budget 100%',
    'host',
    { timeout: '500ms', retry: { attempts: 2, budget: '100%' } },
  ],
];
for (const [name, what, options] of cases) {
  const failover = crashUnderLoad(shop(options), what);
  const slowest = `${failover.slowest.toFixed(0)} ms`;
  console.log(
    `${name.padEnd(50)} ${String(count(failover)).padStart(6)}  ${String(failover.retries).padStart(7)}  ${slowest.padStart(14)}`,
  );
}
// #endregion
