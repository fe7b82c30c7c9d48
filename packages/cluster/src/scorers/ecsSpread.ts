import { argumentError } from '@berth/kernel';
import { domainOf, HOSTNAME } from '../scheduler/ClusterView.js';
import type { Scorer } from '../scheduler/Scorer.js';
import { defaultNormalize } from '../scheduler/Scorer.js';

/**
 * Amazon ECS's `spread` placement strategy (docs.aws.amazon.com/AmazonECS/latest/developerguide/
 * task-placement-strategies.html: "tasks are placed evenly based on the specified value"). `field` is
 * `instanceId` or `host` (every host its own value) or `attribute:<label>` (a host label, e.g.
 * `attribute:zone` for ECS's `attribute:ecs.availability-zone`). Raw score: the number of containers of
 * the request's service among hosts with the same value; the ECS strategy prefers the lowest. Hosts
 * without the label count as one more value of their own. Does not apply to containers without a
 * service. Normalised in reverse, so the emptiest value scores highest.
 */
export function ecsSpread(field: string): Scorer<{ missing: number }> {
  const key = ecsSpreadKey(field);
  return {
    name: `EcsSpread(${field})`,
    // This attempt's count of the service's containers on hosts without the label.
    createState: () => ({ missing: 0 }),
    prepare: (request, cluster, _candidates, state) => {
      const service = request.service;
      if (service === undefined) return false;
      let missing = 0;
      for (const host of cluster.hosts) if (domainOf(host, key) === undefined) missing += host.serviceCount(service);
      state.missing = missing;
      return true;
    },
    score: (request, host, cluster, state) => {
      const domain = domainOf(host, key);
      return domain === undefined ? state.missing : cluster.domainCount(key, domain, request.service!);
    },
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}

/** The host label an ECS spread field refers to: `instanceId`/`host` → hostname, `attribute:x` → `x`. */
export function ecsSpreadKey(field: string): string {
  if (field === 'instanceId' || field === 'host') return HOSTNAME;
  if (field.startsWith('attribute:') && field.length > 'attribute:'.length) return field.slice('attribute:'.length);
  throw argumentError('field', `ECS spread takes 'instanceId', 'host' or 'attribute:<label>', got '${field}'`);
}
