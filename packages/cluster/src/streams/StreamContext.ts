import type { RandomStream } from '@berth/kernel';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** What a workload source may use when it is opened: the runtime (resources, scenario, verbs) and its own random stream. */
export interface StreamContext {
  readonly runtime: ClusterRuntime;
  /** The source's own seeded stream (`stream:<name>`), so that adding a source shifts no one else's draws. */
  readonly random: RandomStream;
}
