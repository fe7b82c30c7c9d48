// The kernel's public API: what models, the other Berth packages and their users need. Everything else
// is internal; its tests import the module from inside the package. docs/reference/api.md lists each
// name with one line, and index.test.ts keeps the runtime names honest.
export type { AgendaEntry } from './Agenda.js';
export type { ArrivalCursor, ArrivalProcess } from './arrivals/ArrivalProcess.js';
export { type CountsOptions, countsArrivals } from './arrivals/countsArrivals.js';
export { type DiurnalOptions, diurnalArrivals } from './arrivals/diurnalArrivals.js';
export { type MmppOptions, mmppArrivals, onOffArrivals } from './arrivals/mmppArrivals.js';
export { poissonArrivals } from './arrivals/poissonArrivals.js';
export { Callback } from './Callback.js';
export type { FirstOf } from './conditions.js';
export { Environment, type EnvironmentOptions, type RunOptions, type TraceListener } from './Environment.js';
export { argumentError, ConfigError, type ConfigIssue, formatPath, SimulationError } from './errors.js';
export { Interrupt } from './Interrupt.js';
export { Process, type ProcessGenerator, type ProcessOptions } from './Process.js';
export { createRandom, type RandomSource } from './random/createRandom.js';
export {
  constant,
  type Distribution,
  exponentialDist,
  lognormalDist,
  lognormalFromMeanCv,
  normalDist,
  paretoDist,
  poissonDist,
  uniformDist,
  weibullDist,
} from './random/distributions.js';
export { empiricalFromPercentiles, empiricalFromSamples } from './random/Empirical.js';
export { RandomStream, type RandomStreamState } from './random/RandomStream.js';
export { Container, type ContainerOptions, ContainerTransfer } from './resources/Container.js';
export { FilterStore } from './resources/FilterStore.js';
export { Preempted } from './resources/Preempted.js';
export { PreemptiveRequest } from './resources/PreemptiveRequest.js';
export { type PreemptiveRequestOptions, PreemptiveResource } from './resources/PreemptiveResource.js';
export { type PriorityRequestOptions, PriorityResource } from './resources/PriorityResource.js';
export { PriorityStore, type PriorityStoreOptions } from './resources/PriorityStore.js';
export { Resource, type ResourceOptions } from './resources/Resource.js';
export { ResourceRequest } from './resources/ResourceRequest.js';
export { Store, StoreGet, type StoreOptions, StorePut } from './resources/Store.js';
export { type EventCallback, SimEvent } from './SimEvent.js';
export type { Clock } from './stats/Clock.js';
export { Counter } from './stats/Counter.js';
export { LatencyHistogram, type LatencyHistogramOptions, type LatencySummary } from './stats/LatencyHistogram.js';
export { OnlineStats, type OnlineStatsJSON } from './stats/OnlineStats.js';
export { TimeWeighted } from './stats/TimeWeighted.js';
export { Timer } from './Timer.js';

// Last, after every class above: keeps the kernel's hidden classes alive between simulations.
import './hiddenClassAnchors.js';
