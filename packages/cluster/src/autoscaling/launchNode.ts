import type { Host } from '../hosts/Host.js';
import { formatResources } from '../quantities/formatQuantity.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { HostTemplate } from './WhatIfCluster.js';

/** A node to launch: its name, group, shape, price and how long it takes to join. */
export interface NodeLaunch {
  readonly name: string;
  readonly group: string;
  readonly template: HostTemplate;
  readonly hourlyCost: number;
  /** `'cluster-autoscaler'` or `'provisioner'`. */
  readonly by: string;
  /** Time from launch to joining (ms), drawn by the caller. */
  readonly delayMs: number;
  /** A node not joined after this long counts as failed (ms). */
  readonly maxProvisionTimeMs: number;
  /** From joining to ready (ms): the node is not schedulable meanwhile (0: ready as it joins). */
  readonly readinessMs?: number | undefined;
}

/**
 * Launches a node as a cloud provider would: it is billed from now (`node.launched`) and joins the
 * cluster after its provisioning delay (`host.added`), or, when the delay exceeds the max provision
 * time, counts as failed at that time (`node.launchFailed`: cluster-autoscaler's
 * `--max-node-provision-time`, after which it deletes the node and backs the group off). With
 * `readinessMs`, the node joins not ready (`host.state` to `not-ready`: the scheduler places nothing
 * there, as kube-scheduler does not while a node carries the `node.kubernetes.io/not-ready:NoSchedule`
 * taint, kubernetes.io/docs "Taints and Tolerations", taint nodes by condition) and is ready that much
 * later; `onJoined` is called when it is ready, so the autoscaler counts it as still coming until then.
 */
export function launchNode(
  rt: ClusterRuntime,
  launch: NodeLaunch,
  onJoined: (host: Host) => void,
  onFailed: () => void,
): void {
  const { name, group, template, hourlyCost } = launch;
  rt.emit({ at: rt.now, type: 'node.launched', host: name, group, hourlyCost, by: launch.by });
  if (launch.delayMs <= launch.maxProvisionTimeMs) {
    rt.env.schedule(
      launch.delayMs,
      () => {
        const host = rt.addHost({
          name,
          group,
          // The template is in millicores and MiB; addHost reads capacity as a scenario writes it.
          capacity: formatResources(rt.resources.toRecord(template.capacity)),
          maxContainers: template.maxContainers,
          labels: template.labels,
          taints: template.taints,
          hourlyCost,
        });
        const readiness = launch.readinessMs ?? 0;
        if (readiness <= 0) {
          onJoined(host);
          return;
        }
        rt.setHostState(name, 'not-ready');
        rt.env.schedule(
          readiness,
          () => {
            if (host.state === 'not-ready') rt.setHostState(name, 'ready');
            onJoined(host);
          },
          undefined,
          { name: 'node-ready' },
        );
      },
      undefined,
      { name: 'node-join' },
    );
  } else {
    rt.env.schedule(
      launch.maxProvisionTimeMs,
      () => {
        rt.emit({ at: rt.now, type: 'node.launchFailed', host: name, group });
        onFailed();
      },
      undefined,
      { name: 'node-launch-failed' },
    );
  }
}
