import type { RandomStream } from '@berth/kernel';

/**
 * The order in which the FGD paper's simulator breaks ties between nodes: its kube-scheduler fork's
 * `selectHost` gives a tie to the lexicographically smallest node name
 * (`vendor/k8s.io/kubernetes/pkg/scheduler/core/generic_scheduler.go` in
 * hkust-adsl/kubernetes-scheduler-simulator), and `syncClusterResourceList` (`pkg/simulator/simulator.go`)
 * prefixes every node's name with a four-digit index from `rand.Perm` before creating it, so a tie goes
 * to the first node of a random order drawn once per run. Shuffles `ranks` (one per node, the node's
 * place in that order) in place from the `tie-order` child of `scheduler`, the run's scheduler stream:
 * a child stream, so drawing it takes nothing from the scheduler's own draws.
 */
export function tieOrder(scheduler: RandomStream, ranks: number[]): number[] {
  return scheduler.stream('tie-order').shuffle(ranks);
}
