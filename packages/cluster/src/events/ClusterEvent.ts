/**
 * Everything that happens in a simulated cluster, as a tagged union: a domain outcome (a container
 * that cannot be placed, an eviction) is an event here, never an exception. Times are simulated ms.
 */
export type ClusterEvent =
  | { readonly at: number; readonly type: 'host.added'; readonly host: string; readonly group: string }
  | {
      readonly at: number;
      readonly type: 'host.state';
      readonly host: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.created';
      readonly container: string;
      readonly service?: string | undefined;
      readonly job?: string | undefined;
    }
  | {
      readonly at: number;
      readonly type: 'placement.rejected';
      readonly container: string;
      readonly attempt: number;
      /** How many hosts gave each reason, as "0/5 nodes are available: 3 Insufficient cpu". */
      readonly reasons: Readonly<Record<string, number>>;
    }
  | { readonly at: number; readonly type: 'container.scheduled'; readonly container: string; readonly host: string }
  | {
      readonly at: number;
      readonly type: 'container.pulling';
      readonly container: string;
      readonly host: string;
      readonly image: string;
    }
  | { readonly at: number; readonly type: 'container.starting'; readonly container: string; readonly host: string }
  | { readonly at: number; readonly type: 'container.running'; readonly container: string; readonly host: string }
  | { readonly at: number; readonly type: 'container.terminating'; readonly container: string; readonly host: string }
  | { readonly at: number; readonly type: 'container.succeeded'; readonly container: string; readonly host: string }
  | {
      readonly at: number;
      readonly type: 'container.failed';
      readonly container: string;
      readonly host: string | null;
      readonly reason: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.evicted';
      readonly container: string;
      readonly host: string;
      readonly reason: string;
    }
  | {
      readonly at: number;
      readonly type: 'container.preempted';
      readonly container: string;
      readonly host: string;
      readonly victims: readonly string[];
    }
  | {
      readonly at: number;
      readonly type: 'desired.changed';
      readonly patches: ReadonlyArray<{ readonly op: string; readonly path: string; readonly value?: unknown }>;
    };

/** The tag of a cluster event, e.g. `'container.scheduled'`. */
export type ClusterEventType = ClusterEvent['type'];
