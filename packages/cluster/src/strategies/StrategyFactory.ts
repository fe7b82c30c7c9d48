import type { ContainerSpec } from '../containers/Container.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import type { Strategy } from '../scheduler/Strategy.js';
import type { CandidateSampler } from '../scheduler/sampling/CandidateSampler.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';

/** The scheduler section of a parsed scenario. */
export type SchedulerConfig = Scenario['scheduler'];

/** What a strategy factory gets: the scheduler settings and the simulation's resources. */
export interface StrategyContext {
  readonly config: SchedulerConfig;
  readonly resources: ResourceCatalog;
  /** The sampler the scenario asked for, if it asked. */
  readonly sampler: CandidateSampler | undefined;
  /** The explicit scorers the scenario listed, if it listed any. */
  readonly scorers: WeightedScorer[] | undefined;
  /** The scenario's images (pull time, size), for ImageLocality. */
  readonly images: ImageCatalog;
  /** The scenario's standalone containers and job tasks as listed, for strategies that learn the workload (gpu-fgd). */
  readonly workload: readonly ContainerSpec[];
}

/**
 * Builds a fresh strategy for one simulation: its selector keeps per-simulation state, so two
 * simulations must never share one.
 */
export type StrategyFactory = (context: StrategyContext) => Strategy;
