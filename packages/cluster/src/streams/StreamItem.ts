import type { ContainerSpec } from '../containers/Container.js';
import type { HostSpec } from '../hosts/HostSpec.js';

/**
 * One thing a workload stream makes happen at simulated time `at` (ms): a container submitted, a
 * container ended as a trace says it ended, a host added or removed. Items of one stream come in
 * time order; one earlier than the simulated time it is read at runs at once and is counted `late`.
 */
export type StreamItem =
  | { readonly type: 'submit'; readonly at: number; readonly spec: ContainerSpec }
  | {
      readonly type: 'end';
      readonly at: number;
      readonly container: string;
      /** Why it ended (the trace's event type: `FINISH`, `KILL`, ...); a pending container is withdrawn. */
      readonly reason: string;
    }
  | { readonly type: 'add-host'; readonly at: number; readonly host: HostSpec }
  | { readonly type: 'remove-host'; readonly at: number; readonly host: string; readonly reason: string };
