import type { ScenarioInput } from '@berth/cluster';
import { PLACEMENT_HORIZON } from './placementHorizon.js';

/** Size of a SchedulingBasic run: identical hosts and identical containers. */
export interface BasicSize {
  readonly hosts: number;
  readonly containers: number;
}

/**
 * kube-scheduler's scheduler_perf `SchedulingBasic` shape (test/integration/scheduler_perf, node-default
 * and pod-default templates): hosts of 4 cpu / 32 GiB / 110 containers, containers requesting
 * 100m / 500 MiB, on the `kubernetes` preset with its adaptive node sampling. The containers are the
 * tasks of one job, all submitted at time 0, so they carry no service and the default topology spread
 * does not apply, as for kube's bare test pods. Image pull, start-up and run time are zero and the run
 * never ends, so each placement is followed by the pull/start/run steps of the container.
 */
export function schedulingBasicScenario(size: BasicSize): ScenarioInput {
  return {
    name: 'scheduler_perf SchedulingBasic',
    seed: 42,
    horizon: PLACEMENT_HORIZON,
    scheduler: { strategy: 'kubernetes' },
    hosts: [{ group: 'node', count: size.hosts, capacity: { cpu: '4', memory: '32Gi' }, maxContainers: 110 }],
    jobs: { pods: { tasks: [{ count: size.containers, requests: { cpu: '100m', memory: '500Mi' } }] } },
  };
}
