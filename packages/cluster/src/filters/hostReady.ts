import type { Filter } from '../scheduler/Filter.js';

/** Only ready hosts take new containers: kube-scheduler's NodeUnschedulable (cordoned) plus node readiness. */
export function hostReady(): Filter {
  return {
    name: 'HostReady',
    hostLocal: true,
    check: (_request, host) => {
      if (host.state === 'ready') return null;
      if (host.state === 'cordoned') return 'host is cordoned';
      return host.state === 'down' ? 'host is down' : 'host is not ready';
    },
  };
}
