import { argumentError, type Distribution, type RandomStream } from '@berth/kernel';
import { isFinished } from '../containers/Container.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { drawDuration, durationDistribution, timeArgument } from './durationDistribution.js';
import type { FailureModel } from './FailureModel.js';

/** Options of {@link randomContainerCrashes}. Durations and times in ms. */
export interface RandomContainerCrashesOptions {
  /** Only this service's replicas crash (default: every container, whatever owns it). */
  readonly service?: string | undefined;
  /** Time from a process's start (each `container.running`) to its crash. */
  readonly mtbf: Distribution;
  /** Name of the random stream (default `'container-crashes'`); each container draws from its own child stream. */
  readonly stream?: string | undefined;
  /** No crash happens at or after this simulated time (ms or text such as '2d'). Default: never. */
  readonly until?: number | string | undefined;
  /** The crash reason in the `container.crashed` event (default `'random crash'`). */
  readonly reason?: string | undefined;
}

/**
 * Application crashes at random: every time a container's process starts running, it is given a
 * lifetime drawn from `mtbf`; if the same process is still up when that time comes, it exits
 * (`sim.crashContainer`), and the kubelet restarts it per its restart policy, with CrashLoopBackOff.
 *
 * Each container draws from `sim.random.stream(stream).stream(containerName)`, one draw per start, so
 * a container's crash times depend only on the seed, its name and when it runs.
 */
export function randomContainerCrashes(options: RandomContainerCrashesOptions): FailureModel {
  if (typeof options !== 'object' || options === null) {
    throw argumentError('options', 'expected { mtbf, service?, stream?, until?, reason? }');
  }
  const mtbf = durationDistribution('mtbf', options.mtbf);
  const streamName = options.stream ?? 'container-crashes';
  if (typeof streamName !== 'string' || streamName === '') {
    throw argumentError('stream', `expected a non-empty stream name, got ${JSON.stringify(streamName)}`);
  }
  const service = options.service;
  if (service !== undefined && (typeof service !== 'string' || service === '')) {
    throw argumentError('service', `expected a service name, got ${JSON.stringify(service)}`);
  }
  const reason = options.reason ?? 'random crash';
  if (typeof reason !== 'string' || reason === '') {
    throw argumentError('reason', `expected a non-empty text, got ${JSON.stringify(reason)}`);
  }
  const until = timeArgument('until', options.until);

  return Object.freeze({
    name: 'random-container-crashes',
    attach(sim: ClusterRuntime): void {
      if (service !== undefined && sim.desired.services[service] === undefined) {
        const known = Object.keys(sim.desired.services);
        throw argumentError(
          'service',
          `no service named '${service}'; services: ${known.length === 0 ? '(none)' : known.join(', ')}`,
        );
      }
      const root = sim.random.stream(streamName);
      const env = sim.env;
      /** Per container: its stream and a count of its process starts, so a stale crash finds a newer process and does nothing. */
      const lives = new Map<string, { readonly stream: RandomStream; starts: number }>();
      const arm = (name: string) => {
        const c = sim.container(name);
        if (c === undefined || (service !== undefined && c.service !== service)) return;
        let life = lives.get(name);
        if (life === undefined) {
          life = { stream: root.stream(name), starts: 0 };
          lives.set(name, life);
        }
        life.starts += 1;
        const start = life.starts;
        const ttf = drawDuration(mtbf, life.stream, 'mtbf', env);
        if (env.now + ttf >= until) return;
        env.schedule(
          ttf,
          () => {
            const current = sim.container(name);
            if (lives.get(name)?.starts !== start || current === undefined) return;
            if (!current.health.alive || isFinished(current.phase)) return;
            sim.crashContainer(name, reason);
          },
          undefined,
          { name: 'container-crash' },
        );
      };
      for (const c of sim.allContainers()) if (c.health.alive && !isFinished(c.phase)) arm(c.name);
      sim.log.subscribe(
        (event) => {
          if (event.type === 'container.running') arm(event.container);
          else if (
            event.type === 'container.succeeded' ||
            event.type === 'container.failed' ||
            event.type === 'container.evicted'
          ) {
            lives.delete(event.container);
          }
        },
        ['container.running', 'container.succeeded', 'container.failed', 'container.evicted'],
      );
    },
  });
}
