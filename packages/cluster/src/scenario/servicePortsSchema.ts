// How a service is exposed: its type and ports, as a Kubernetes Service's `spec.type` and `spec.ports`.
import { z } from 'zod';
import type { ServicePort } from '../network/ServicePort.js';
import { describeValue } from './describeValue.js';
import { integer, nameSchema } from './fieldSchemas.js';

/** Ports one service may expose. */
export const MAX_SERVICE_PORTS = 100;

/**
 * kube-apiserver's `--service-node-port-range`, default 30000-32767 (kubernetes.io/docs, "Service",
 * type NodePort: "the Kubernetes control plane allocates a port from a range specified by
 * --service-node-port-range flag (default: 30000-32767)").
 */
export const NODE_PORT_RANGE = { min: 30_000, max: 32_767 } as const;

/** One port of a service: the service port, the container port it forwards to, and its node port. */
export const servicePortSchema = z.strictObject({
  name: nameSchema.optional().meta({ description: 'Required when the service has more than one port.' }),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  port: integer(1, 65_535).meta({
    description: "The service port: the virtual address's port, and the load balancer's for a LoadBalancer service.",
  }),
  targetPort: integer(1, 65_535).optional().meta({ description: "The replicas' port (default: `port`)." }),
  nodePort: integer(1, 65_535).optional().meta({
    description:
      'The port on every node (types NodePort and LoadBalancer), within network.nodePortRange (default 30000-32767); allocated when not given.',
  }),
});

/** A service port as parsed. */
export type ServicePortSpec = z.output<typeof servicePortSchema>;

/** The ways in a Kubernetes Service offers: its virtual address, plus a port on every node, plus a cloud load balancer. */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** `'30000-32767'`, as the kube-apiserver flag writes it, into its bounds. */
export const nodePortRangeSchema = z
  .string({ error: (iss) => `expected a range such as '30000-32767', got ${describeValue(iss.input)}` })
  .transform((text, ctx) => {
    const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
    const min = match === null ? Number.NaN : Number(match[1]);
    const max = match === null ? Number.NaN : Number(match[2]);
    if (!(min >= 1 && max <= 65_535 && min <= max)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        message: `expected a range of ports 'min-max' with 1 <= min <= max <= 65535, such as '30000-32767', got ${describeValue(text)}`,
        input: text,
      });
      return z.NEVER;
    }
    return { min, max };
  })
  .meta({ pattern: '^\\s*[0-9]{1,5}\\s*-\\s*[0-9]{1,5}\\s*$' });

type Issues = z.core.ParsePayload['issues'];

/**
 * A service's own port rules, as the Kubernetes API server validates a Service (ValidateService in
 * kubernetes/pkg/apis/core/validation/validation.go; the core/v1 ServicePort reference: "All ports
 * within a ServiceSpec must have unique names ... Optional if only one ServicePort is defined"; a
 * nodePort "specified when creating a Service which does not need it, creation will fail"): every port
 * number and protocol once, names unique and required when there are several, node ports only for
 * types NodePort and LoadBalancer (which need a port). Paths are relative to the service's `serving`.
 */
export function checkServicePorts(
  serving: { readonly type?: ServiceType | undefined; readonly ports?: readonly ServicePortSpec[] | undefined },
  issues: Issues,
): void {
  const add = (path: PropertyKey[], message: string, input: unknown) =>
    issues.push({ code: 'custom', continue: true, path, message, input });
  const ports = serving.ports ?? [];
  const type = serving.type ?? (serving.ports === undefined ? undefined : 'ClusterIP');
  if ((type === 'NodePort' || type === 'LoadBalancer') && ports.length === 0) {
    add(['ports'], `a ${type} service needs at least one port, such as [{ port: 80 }]`, serving.ports);
  }
  const byPort = new Map<string, number>();
  const byNodePort = new Map<string, number>();
  const byName = new Map<string, number>();
  ports.forEach((p, i) => {
    const key = `${p.port}/${p.protocol}`;
    const first = byPort.get(key);
    if (first !== undefined) {
      add(['ports', i, 'port'], `port ${key} is exposed twice: ports[${first}] exposes it already`, p.port);
    } else byPort.set(key, i);
    if (p.name === undefined) {
      if (ports.length > 1) add(['ports', i, 'name'], 'a service with more than one port names each of them', p);
    } else {
      const named = byName.get(p.name);
      if (named !== undefined) add(['ports', i, 'name'], `duplicate port name '${p.name}' (ports[${named}])`, p.name);
      else byName.set(p.name, i);
    }
    if (p.nodePort === undefined) return;
    if (type !== 'NodePort' && type !== 'LoadBalancer') {
      add(
        ['ports', i, 'nodePort'],
        `a node port needs type NodePort or LoadBalancer; this service is ${type ?? 'ClusterIP'}`,
        p.nodePort,
      );
      return;
    }
    const nodeKey = `${p.nodePort}/${p.protocol}`;
    const other = byNodePort.get(nodeKey);
    if (other !== undefined) {
      add(['ports', i, 'nodePort'], `node port ${nodeKey} is used twice: ports[${other}] uses it already`, p.nodePort);
    } else byNodePort.set(nodeKey, i);
  });
}

/** What the cross-service port rules read of each service. */
export interface ExposedService {
  readonly serving?:
    | { readonly type?: ServiceType | undefined; readonly ports?: readonly ServicePortSpec[] | undefined }
    | undefined;
}

/**
 * Rules across services: a node port is open on every node, so two services cannot share one (per
 * protocol), and each lies within the cluster's node port range.
 */
export function checkNodePorts(
  services: Readonly<Record<string, ExposedService>>,
  range: { readonly min: number; readonly max: number },
  issues: Issues,
): void {
  const taken = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    service.serving?.ports?.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const path = ['services', name, 'serving', 'ports', i, 'nodePort'];
      if (p.nodePort < range.min || p.nodePort > range.max) {
        issues.push({
          code: 'custom',
          continue: true,
          path,
          message: `expected a node port within network.nodePortRange (${range.min}-${range.max}), got ${p.nodePort}`,
          input: p.nodePort,
        });
        return;
      }
      const key = `${p.nodePort}/${p.protocol}`;
      const owner = taken.get(key);
      if (owner !== undefined && !owner.startsWith(`services.${name}.`)) {
        issues.push({
          code: 'custom',
          continue: true,
          path,
          message: `node port ${key} is already used by ${owner}: a node port is open on every node, for one service`,
          input: p.nodePort,
        });
      } else if (owner === undefined) taken.set(key, `services.${name}.serving.ports[${i}]`);
    });
  }
  // The ports left to the cluster must find room too: reported in the same pass as the rest.
  const allocated = allocateNodePorts(services, range);
  if ('path' in allocated) {
    issues.push({
      code: 'custom',
      continue: true,
      path: [...allocated.path],
      message: allocated.message,
      input: undefined,
    });
  }
}

/**
 * Settles every service's ports: a NodePort or LoadBalancer service's port without a node port gets
 * the lowest free one of the range (Kubernetes picks a random free one; Berth keeps runs reproducible
 * without a draw). Returns the ports by service, or the first service port left without a free node
 * port as an error message with its path.
 */
export function allocateNodePorts(
  services: Readonly<Record<string, ExposedService>>,
  range: { readonly min: number; readonly max: number },
):
  | { readonly ports: ReadonlyMap<string, readonly ServicePort[]> }
  | { readonly path: readonly PropertyKey[]; readonly message: string } {
  const taken = new Set<string>();
  for (const service of Object.values(services)) {
    for (const p of service.serving?.ports ?? [])
      if (p.nodePort !== undefined) taken.add(`${p.nodePort}/${p.protocol}`);
  }
  const next = { TCP: range.min, UDP: range.min, SCTP: range.min };
  const out = new Map<string, ServicePort[]>();
  for (const [name, service] of Object.entries(services)) {
    const serving = service.serving;
    if (serving?.ports === undefined) continue;
    const exposed = serving.type === 'NodePort' || serving.type === 'LoadBalancer';
    const list: ServicePort[] = [];
    for (const [i, p] of serving.ports.entries()) {
      let nodePort: number | null = p.nodePort ?? null;
      if (exposed && nodePort === null) {
        while (next[p.protocol] <= range.max && taken.has(`${next[p.protocol]}/${p.protocol}`)) next[p.protocol] += 1;
        if (next[p.protocol] > range.max) {
          return {
            path: ['services', name, 'serving', 'ports', i, 'nodePort'],
            message: `no free node port left in network.nodePortRange (${range.min}-${range.max}) for ${p.protocol}`,
          };
        }
        nodePort = next[p.protocol];
        taken.add(`${nodePort}/${p.protocol}`);
      }
      list.push({ name: p.name, protocol: p.protocol, port: p.port, targetPort: p.targetPort ?? p.port, nodePort });
    }
    out.set(name, list);
  }
  return { ports: out };
}
