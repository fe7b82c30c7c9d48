import { ConfigError } from '@berth/kernel';
import type { ContainerSpec } from '../containers/Container.js';
import type { HostView } from '../hosts/Host.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { closestName } from '../scenario/didYouMean.js';
import type { QueueOrder } from '../scheduler/QueueOrder.js';
import { drfOrder } from '../scheduler/queue/drfOrder.js';
import { fifoOrder } from '../scheduler/queue/fifoOrder.js';
import { priorityOrder } from '../scheduler/queue/priorityOrder.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import type { Strategy } from '../scheduler/Strategy.js';
import {
  allHosts,
  type CandidateSampler,
  nomadLimit,
  percentageOfNodesToScore,
  randomSample,
} from '../scheduler/sampling/CandidateSampler.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';
import type { SchedulerConfig, StrategyFactory } from './StrategyFactory.js';
import { SCORERS } from './scorerCatalog.js';
import { STRATEGIES } from './strategyCatalog.js';

/** What {@link resolveStrategy} turns into a strategy and a queue order. */
export interface StrategyRequest {
  /** The parsed scenario's `scheduler` section. */
  readonly config: SchedulerConfig;
  readonly resources: ResourceCatalog;
  /** The scenario's images, for ImageLocality's sizes. */
  readonly images: ImageCatalog;
  /** The hosts the simulation starts with: DRF measures shares against their total capacity. */
  readonly hosts: readonly HostView[];
  /**
   * A strategy name that replaces `config.strategy`, or a complete strategy, which is then used as it
   * is (the scenario's strategy, sampling and scorers are not read).
   */
  readonly strategy?: string | Strategy | undefined;
  /** The scenario's standalone containers and job tasks as listed (see StrategyContext.workload). */
  readonly workload?: readonly ContainerSpec[] | undefined;
  /** Named strategies on top of {@link STRATEGIES}; a name found in both means this one. */
  readonly strategies?: Readonly<Record<string, StrategyFactory>> | undefined;
}

/**
 * Turns a scenario's `scheduler` section into the strategy that places its containers and the queue
 * order in which they are tried: looks the strategy's name up in the caller's strategies, then in
 * {@link STRATEGIES}, and builds it with the scenario's sampling and scorers. Throws a ConfigError at
 * `scheduler.strategy` for an unknown name (listing the known ones) and at `scheduler` when the
 * strategy cannot be built (an unknown scorer or resource, a bad weight or sampling).
 */
export function resolveStrategy(request: StrategyRequest): { strategy: Strategy; order: QueueOrder } {
  const chosen = request.strategy;
  const strategy = typeof chosen === 'object' ? chosen : buildStrategy(chosen ?? request.config.strategy, request);
  return { strategy, order: queueOrder(request) };
}

function buildStrategy(name: string, request: StrategyRequest): Strategy {
  const { config, strategies: custom } = request;
  // Own keys only: a name such as 'toString' must not find Object.prototype's member.
  const factory =
    custom !== undefined && Object.hasOwn(custom, name)
      ? custom[name]
      : Object.hasOwn(STRATEGIES, name)
        ? STRATEGIES[name]
        : undefined;
  if (factory === undefined) {
    throw new ConfigError([{ path: 'scheduler.strategy', message: unknownStrategyMessage(name, custom) }], 'scenario');
  }
  try {
    return factory({
      config,
      resources: request.resources,
      sampler: samplerFromConfig(config.sampling),
      scorers: scorersFromConfig(config, request.images),
      images: request.images,
      workload: request.workload ?? [],
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([{ path: 'scheduler', message: (error as Error).message }], 'scenario');
  }
}

/** The strategy `name` is one of the built-in ones or of the caller's `custom` ones (own keys only). */
export function isKnownStrategy(name: string, custom: Readonly<Record<string, unknown>> | undefined): boolean {
  return (custom !== undefined && Object.hasOwn(custom, name)) || Object.hasOwn(STRATEGIES, name);
}

/** Says that no strategy is called `name`, listing those that are. */
export function unknownStrategyMessage(name: string, custom: Readonly<Record<string, unknown>> | undefined): string {
  const known = [...Object.keys(STRATEGIES), ...Object.keys(custom ?? {})];
  const near = closestName(name, known);
  return `unknown strategy '${name}'${near === undefined ? '' : ` (did you mean '${near}'?)`}; known: ${known.join(', ')}`;
}

/** Says that no scorer is called `name`, listing those that are. */
export function unknownScorerMessage(name: string): string {
  const near = closestName(name, Object.keys(SCORERS));
  return `unknown scorer '${name}'${near === undefined ? '' : ` (did you mean '${near}'?)`}; known: ${Object.keys(SCORERS).join(', ')}`;
}

/** Resolves `scheduler.sampling` to a sampler. */
function samplerFromConfig(sampling: SchedulerConfig['sampling']): CandidateSampler | undefined {
  if (sampling === undefined) return undefined;
  if (sampling === 'all') return allHosts();
  if (sampling === 'adaptive') return percentageOfNodesToScore(0);
  if (sampling === 'nomad') return nomadLimit();
  if ('percentage' in sampling) return percentageOfNodesToScore(sampling.percentage);
  return randomSample(sampling.random);
}

/** Resolves `scheduler.scorers` to weighted scorers, or throws naming the unknown scorer. */
function scorersFromConfig(config: SchedulerConfig, images: ImageCatalog): WeightedScorer[] | undefined {
  if (config.scorers === undefined) return undefined;
  return config.scorers.map((s) => {
    const factory = Object.hasOwn(SCORERS, s.name) ? SCORERS[s.name] : undefined;
    if (factory === undefined) throw new RangeError(unknownScorerMessage(s.name));
    const resources =
      s.resources === undefined ? undefined : Object.entries(s.resources).map(([name, weight]) => ({ name, weight }));
    return { scorer: factory(resources, images, s.shape), weight: s.weight };
  });
}

/** `scheduler.queue`: the order of scheduling attempts (DRF over the starting hosts' total capacity). */
function queueOrder(request: StrategyRequest): QueueOrder {
  const kind = request.config.queue;
  if (kind === 'fifo') return fifoOrder();
  if (kind === 'drf') {
    const total = request.resources.vector();
    for (const host of request.hosts) for (let r = 0; r < total.length; r++) total[r]! += host.capacity[r]!;
    return drfOrder(total);
  }
  return priorityOrder();
}
