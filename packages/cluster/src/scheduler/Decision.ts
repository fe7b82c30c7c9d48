/** One host's part in a scheduling decision, for explain. */
export interface HostVerdict {
  readonly host: string;
  /** Null when the host passed every filter. */
  readonly rejectedBy: string | null;
  readonly reason: string | null;
  /** Per scorer: raw score, normalised score and weighted contribution. Empty when not scored. */
  readonly scores: Readonly<
    Record<string, { readonly raw: number; readonly normalized: number; readonly weighted: number }>
  >;
  /** Sum of weighted scores (or the selector's own measure); null when not scored. */
  readonly total: number | null;
}

/**
 * The full record of one placement attempt, like kube-scheduler-simulator's per-plugin annotations:
 * which hosts were looked at, each one's filter verdict and scores, and the winner.
 */
export interface Decision {
  readonly container: string;
  readonly at: number;
  /** The name of the strategy that made the decision. */
  readonly strategy: string;
  /** Hosts in the cluster, and how many the selector looked at. */
  readonly hostCount: number;
  readonly considered: number;
  readonly hosts: readonly HostVerdict[];
  readonly winner: string | null;
  /** Counts of rejection reasons, as in "0/5 hosts are available: 3 Insufficient cpu, 2 ...". */
  readonly reasons: Readonly<Record<string, number>>;
  /** Containers evicted to make room, when the winner came from preemption. */
  readonly preempted: readonly string[];
  /** The winner's GPU devices the container gets; present only for a container asking for GPU devices. */
  readonly devices?: readonly number[];
}

/** Collects a decision while a selector runs; selectors call it only when explain is on. */
export class DecisionRecorder {
  readonly hosts: HostVerdict[] = [];
  considered = 0;

  reject(host: string, rejectedBy: string, reason: string): void {
    this.hosts.push({ host, rejectedBy, reason, scores: {}, total: null });
  }

  accept(
    host: string,
    scores: Record<string, { raw: number; normalized: number; weighted: number }>,
    total: number | null,
  ): void {
    this.hosts.push({ host, rejectedBy: null, reason: null, scores, total });
  }
}
