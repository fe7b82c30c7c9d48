import { argumentError, type Distribution, type RandomStream } from '@berth/kernel';
import type { Host } from '../hosts/Host.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { drawDuration, durationDistribution, timeArgument } from './durationDistribution.js';
import type { FailureModel } from './FailureModel.js';

/** Options of {@link randomHostFailures}. Durations and times in ms. */
export interface RandomHostFailuresOptions {
  /** Host groups whose hosts fail (default: every host, including hosts added later). */
  readonly groups?: readonly string[] | undefined;
  /** Time to failure of a host, from the model's attachment or from its last recovery. */
  readonly mtbf: Distribution;
  /** Time from a host's crash to its recovery. */
  readonly mttr: Distribution;
  /** Name of the random stream (default `'failures'`); each host draws from its own child stream. */
  readonly stream?: string | undefined;
  /** No failure starts at or after this simulated time (ms or text such as '2d'); repairs still finish. Default: never. */
  readonly until?: number | string | undefined;
}

/**
 * Hosts that crash and recover at random, each on its own up/down cycle: up for a draw from `mtbf`,
 * down for a draw from `mttr`, and so on (an alternating renewal process, the usual MTBF/MTTR model;
 * CloudSim Plus's HostFaultInjection draws fault arrivals for a whole datacenter instead). Crashes and
 * recoveries go through `sim.crashHost` / `sim.recoverHost`, so detection, eviction and replacement
 * follow the simulation's node-health timings.
 *
 * Each host draws from `sim.random.stream(stream).stream(hostName)`, alternately a time to failure and
 * a repair time, whatever happens in the cluster: a host's failure times depend only on the seed and
 * its name, never on the placement strategy or on other hosts (common random numbers). If a host is
 * already down (crashed by something else) when its failure comes, that failure is skipped and the
 * model leaves the host alone until the failure's repair time has passed.
 */
export function randomHostFailures(options: RandomHostFailuresOptions): FailureModel {
  if (typeof options !== 'object' || options === null) {
    throw argumentError('options', 'expected { mtbf, mttr, groups?, stream?, until? }');
  }
  const mtbf = durationDistribution('mtbf', options.mtbf);
  const mttr = durationDistribution('mttr', options.mttr);
  const streamName = options.stream ?? 'failures';
  if (typeof streamName !== 'string' || streamName === '') {
    throw argumentError('stream', `expected a non-empty stream name, got ${JSON.stringify(streamName)}`);
  }
  const groups = options.groups;
  if (groups !== undefined) {
    if (!Array.isArray(groups) || groups.length === 0) {
      throw argumentError('groups', 'expected a non-empty array of host group names (omit it for every host)');
    }
    groups.forEach((g, i) => {
      if (typeof g !== 'string' || g === '') throw argumentError(`groups[${i}]`, 'expected a host group name');
    });
  }
  const until = timeArgument('until', options.until);
  const wanted = groups === undefined ? null : new Set(groups);

  return Object.freeze({
    name: 'random-host-failures',
    attach(sim: ClusterRuntime): void {
      if (wanted !== null) {
        const known = new Set(sim.cluster.hosts.map((h) => h.group));
        groups!.forEach((g, i) => {
          if (!known.has(g)) {
            throw argumentError(`groups[${i}]`, `no host group named '${g}'; groups: ${[...known].join(', ')}`);
          }
        });
      }
      const root = sim.random.stream(streamName);
      const started = new Set<string>();
      const start = (host: Host) => {
        if (started.has(host.name) || (wanted !== null && !wanted.has(host.group))) return;
        started.add(host.name);
        cycle(sim, host.name, root.stream(host.name), mtbf, mttr, until);
      };
      for (const host of sim.cluster.hosts) start(host);
      sim.log.subscribe(
        (event) => {
          if (event.type === 'host.added') start(sim.cluster.hostsByName.get(event.host)!);
        },
        ['host.added'],
      );
    },
  });
}

/** One host's up/down cycle: draws a time to failure now, and at the failure its repair time. */
function cycle(
  sim: ClusterRuntime,
  host: string,
  stream: RandomStream,
  mtbf: Distribution,
  mttr: Distribution,
  until: number,
): void {
  const env = sim.env;
  const ttf = drawDuration(mtbf, stream, 'mtbf', env);
  if (env.now + ttf >= until) return;
  env.schedule(
    ttf,
    () => {
      const ttr = drawDuration(mttr, stream, 'mttr', env);
      const crashed = sim.cluster.hostsByName.get(host)!.alive;
      if (crashed) sim.crashHost(host);
      env.schedule(
        ttr,
        () => {
          if (crashed) sim.recoverHost(host);
          cycle(sim, host, stream, mtbf, mttr, until);
        },
        undefined,
        { name: 'host-repair' },
      );
    },
    undefined,
    { name: 'host-failure' },
  );
}
