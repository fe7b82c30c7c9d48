import { z } from 'zod';
import { FAILURE_CAUSES } from '../network/FailureCause.js';
import { MAX_CHOICES } from '../network/policies/leastRequest.js';
import { isPrime, MAGLEV_TABLE_SIZE } from '../network/policies/maglev.js';
import { RING_SIZE } from '../network/policies/ringHash.js';
import { BALANCING_POLICIES } from '../network/policyCatalog.js';
import { RETRY_DEFAULTS } from '../network/RetryPolicy.js';
import { parseQuantity } from '../quantities/parseQuantity.js';
import { describeValue } from './describeValue.js';
import {
  durationDistributionSchema,
  durationSchema,
  integer,
  LIMITS,
  namedRecord,
  nameSchema,
  textSchema,
} from './fieldSchemas.js';
import {
  checkNodePorts,
  checkServicePorts,
  type ExposedService,
  MAX_SERVICE_PORTS,
  NODE_PORT_RANGE,
  nodePortRangeSchema,
  SERVICE_TYPES,
  type ServiceType,
  servicePortSchema,
} from './servicePortsSchema.js';

/** Upper bounds of traffic settings: absurd values are errors, not out-of-memory crashes. */
export const TRAFFIC_LIMITS = {
  /** Requests one replica works on at once. */
  concurrency: 100_000,
  /** Requests one replica lets wait. */
  queue: 10_000_000,
  /** Arrivals per second of one load source. */
  rate: 10_000_000,
  /** Calls one request type makes. */
  calls: 64,
  /** Retries of one request. */
  retries: 100,
  /** Hash keys of one load source. */
  keys: 1_000_000_000,
  /** Closed-loop users of one load source. */
  clients: 1_000_000,
  /** Persistent connections of one client. */
  connections: 10_000,
  /** Bins of a `counts` arrival process (a year of minutes). */
  bins: 525_600,
  /** Envoy's active_request_bias: beyond this, weights underflow to nothing for a busy replica. */
  bias: 100,
  /** An endpoint's weight: IPVS's range (ipvsadm(8): "valid values of weight are 0 through to 65535"; 0, quiesced, is not taken). */
  weight: 65_535,
  /** Weight rules of one service. */
  weightRules: 64,
} as const;

/** Serving defaults: one request at a time, 100 waiting, kube-proxy's uniform random choice. */
export const SERVING_DEFAULTS = {
  concurrency: 1,
  queue: 100,
  balancing: 'random',
  externalTrafficPolicy: 'Cluster',
} as const;

/**
 * Endpoint propagation defaults: kube-proxy applies endpoint changes at most once per `minSyncPeriod`
 * (1 s, pkg/proxy/apis/config/v1alpha1/defaults.go); the EndpointSlice controller and the watch add
 * about a second more end to end (an estimate, not a measured figure: tune it for your cluster). A
 * request forwarded from the node it entered by to a replica on another node adds a round trip between
 * two hosts of one zone, typically 0.1 to 0.5 ms in a cloud zone (an assumption; set `hop` to yours).
 */
export const NETWORK_DEFAULTS = {
  propagation: 1000,
  minSyncPeriod: 1000,
  hop: 0.5,
  nodePortRange: NODE_PORT_RANGE,
} as const;

/** A positive finite rate with one message. */
function rate(what: string) {
  const error = (iss: { input?: unknown }) =>
    `expected ${what}: a number > 0 and at most ${TRAFFIC_LIMITS.rate}, got ${describeValue(iss.input)}`;
  return z.number({ error }).gt(0, { error }).max(TRAFFIC_LIMITS.rate, { error });
}

const POLICY_NAMES = Object.keys(BALANCING_POLICIES);

/** A built-in balancing policy with its parameters: `{ policy: 'least-request', choices: 3 }`. */
const balancingObjectSchema = z
  .strictObject({
    policy: z
      .string({ error: (iss) => `expected a built-in policy name, got ${describeValue(iss.input)}` })
      .check((ctx) => {
        if (Object.hasOwn(BALANCING_POLICIES, ctx.value)) return;
        ctx.issues.push({
          code: 'custom',
          continue: true,
          message: `unknown built-in balancing policy '${ctx.value}'; known: ${POLICY_NAMES.join(', ')}`,
          input: ctx.value,
        });
      })
      .meta({ description: 'A built-in balancing policy.', enum: POLICY_NAMES }),
    choices: integer(2, MAX_CHOICES)
      .optional()
      .meta({ description: "least-request: endpoints sampled per pick (Envoy's choice_count, default 2)." }),
    bias: z.number().min(0).max(TRAFFIC_LIMITS.bias).optional().meta({
      description:
        "least-request: Envoy's active_request_bias (default 1); weights become weight / (active + 1)^bias. Only matters when weights differ.",
    }),
    minRingSize: integer(1, RING_SIZE.max)
      .optional()
      .meta({ description: "ring-hash: fewest ring entries (Envoy's minimum_ring_size, default 1024)." }),
    maxRingSize: integer(1, RING_SIZE.max)
      .optional()
      .meta({ description: "ring-hash: most ring entries (Envoy's maximum_ring_size, default 8,388,608)." }),
    tableSize: integer(2, MAGLEV_TABLE_SIZE.max)
      .refine(isPrime, { error: (iss) => `expected a prime such as 65537, got ${describeValue(iss.input)}` })
      .optional()
      .meta({ description: "maglev: lookup table entries, a prime (Envoy's table_size, default 65,537)." }),
  })
  .check((ctx) => {
    const spec = ctx.value;
    if (!Object.hasOwn(BALANCING_POLICIES, spec.policy)) return;
    const takes = BALANCING_POLICIES[spec.policy]!.options;
    for (const key of ['choices', 'bias', 'minRingSize', 'maxRingSize', 'tableSize'] as const) {
      if (spec[key] === undefined || takes.includes(key)) continue;
      const options = takes.length === 0 ? 'it takes none' : `its options are ${takes.join(', ')}`;
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [key],
        message: `'${key}' is not an option of '${spec.policy}' (${options})`,
        input: spec[key],
      });
    }
    const min = spec.minRingSize ?? RING_SIZE.min;
    if (spec.maxRingSize !== undefined && spec.maxRingSize < min) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: ['maxRingSize'],
        message: `expected at least minRingSize (${min}), got ${spec.maxRingSize}`,
        input: spec.maxRingSize,
      });
    }
  });

/** A balancing policy: a name (a built-in policy, or one of the simulation's own), or a built-in policy with its parameters. */
const balancingSchema = z.union([nameSchema, balancingObjectSchema], {
  error: (iss) =>
    iss.code === 'invalid_union'
      ? `expected a balancing policy name, or an object such as { policy: 'least-request', choices: 3 }, got ${describeValue(iss.input)}`
      : undefined,
});

const selectorSchema = namedRecord(textSchema, 'labels such as { version: v2 }', LIMITS.labels);

/** A weight for the replicas a rule matches: by their own labels and those of their host; every given label must match. */
const weightRuleSchema = z.strictObject({
  labels: selectorSchema.optional().meta({ description: "Labels the replica's template must carry." }),
  hostLabels: selectorSchema.optional().meta({ description: "Labels the replica's host must carry." }),
  weight: integer(1, TRAFFIC_LIMITS.weight).meta({
    description: "The matched replicas' endpoint weight (Envoy's load_balancing_weight; IPVS's weight).",
  }),
});

/** How a service's replicas serve requests and how requests are spread over them. */
export const servingSchema = z
  .strictObject({
    concurrency: integer(1, TRAFFIC_LIMITS.concurrency)
      .default(SERVING_DEFAULTS.concurrency)
      .meta({ description: 'Requests one replica works on at once (default 1).' }),
    queue: integer(0, TRAFFIC_LIMITS.queue)
      .default(SERVING_DEFAULTS.queue)
      .meta({ description: 'Requests one replica lets wait; more are refused (default 100).' }),
    balancing: balancingSchema.default(SERVING_DEFAULTS.balancing).meta({
      description:
        "The balancing policy, by name ('random' for kube-proxy, 'round-robin', 'least-request', 'maglev', ...), or with parameters: { policy: 'least-request', choices: 3 }.",
    }),
    externalTrafficPolicy: z.enum(['Cluster', 'Local']).default('Cluster').meta({
      description:
        "For node ports and load balancers: 'Cluster' forwards anywhere, 'Local' to the entry node's replicas.",
    }),
    type: z.enum(SERVICE_TYPES).optional().meta({
      description:
        "Kubernetes' Service type: ClusterIP (the virtual address only; the default once `ports` are given), NodePort (also a port on every node), LoadBalancer (also a cloud load balancer). Unset with no ports: every way in is allowed.",
    }),
    ports: z
      .array(servicePortSchema)
      .max(MAX_SERVICE_PORTS)
      .optional()
      .meta({ description: 'The ports it is exposed on; each port and protocol once.' }),
    weights: z.array(weightRuleSchema).max(TRAFFIC_LIMITS.weightRules).default([]).meta({
      description:
        'Endpoint weights for weighted policies (weighted-round-robin, least-request, maglev): the first rule a replica matches gives its weight; others weigh 1.',
    }),
  })
  .check((ctx) => checkServicePorts(ctx.value, ctx.issues));

const percentSchema = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*%\s*$/, {
    error: (iss) => `expected a percentage such as '20%', got ${describeValue(iss.input)}`,
  })
  .transform((text) => Number(text.trim().slice(0, -1)) / 100)
  .refine((x) => x <= 1, { error: 'expected a percentage of at most 100%' });

const retrySchema = z
  .strictObject({
    attempts: integer(0, TRAFFIC_LIMITS.retries).default(RETRY_DEFAULTS.attempts),
    backoff: durationSchema.default(RETRY_DEFAULTS.backoffMs).meta({ description: "Envoy's base interval (25ms)." }),
    maxBackoff: durationSchema.optional().meta({ description: 'Cap of a back-off (default 10 × backoff).' }),
    budget: percentSchema
      .default(RETRY_DEFAULTS.budget)
      .meta({ description: "Retries in flight per request in flight (Envoy's 20%)." }),
    minConcurrency: integer(0, TRAFFIC_LIMITS.concurrency).default(RETRY_DEFAULTS.minConcurrency),
    on: z
      .array(z.enum(FAILURE_CAUSES))
      .default([...RETRY_DEFAULTS.on])
      .meta({ description: 'Failure causes retried.' }),
  })
  .transform((r) => ({ ...r, maxBackoff: r.maxBackoff ?? 10 * r.backoff }));

export const cpuSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const value = parseQuantity('cpu', raw);
  if (typeof value === 'string') {
    ctx.issues.push({ code: 'custom', continue: true, message: value, input: raw });
    return z.NEVER;
  }
  return value;
});

/** A kind of request a service answers. */
export const requestTypeSchema = z.strictObject({
  service: nameSchema.meta({ description: 'The service that answers it.' }),
  serviceTime: durationDistributionSchema.meta({ description: "A replica's own work on one request." }),
  calls: z
    .array(
      z.union([nameSchema, z.strictObject({ request: nameSchema, balancing: balancingSchema.optional() })], {
        error: (iss) => `expected a request type name or { request, balancing }, got ${describeValue(iss.input)}`,
      }),
    )
    .max(TRAFFIC_LIMITS.calls)
    .default([])
    .transform((calls) => calls.map((c) => (typeof c === 'string' ? { request: c, balancing: undefined } : c)))
    .meta({
      description:
        "Request types called one after the other once the work is done; `balancing` is the caller's proxy's.",
    }),
  timeout: durationSchema.optional().meta({ description: 'The client gives up on an attempt after this long.' }),
  retry: retrySchema.optional(),
  cpu: cpuSchema.optional().meta({
    description:
      "Cpu a replica spends on it while working, in cores (0.1 or '100m'; default: the replica's cpu request / concurrency).",
  }),
});

/** When requests arrive. */
export const arrivalsSchema = z.discriminatedUnion('process', [
  z.strictObject({ process: z.literal('poisson'), rate: rate('arrivals per second') }),
  z.strictObject({
    process: z.literal('mmpp'),
    rates: z.tuple([z.number().min(0).max(TRAFFIC_LIMITS.rate), z.number().min(0).max(TRAFFIC_LIMITS.rate)]),
    meanDurations: z.tuple([durationSchema, durationSchema]),
  }),
  z.strictObject({
    process: z.literal('on-off'),
    rate: rate('arrivals per second while on'),
    meanOn: durationSchema,
    meanOff: durationSchema,
  }),
  z.strictObject({
    process: z.literal('counts'),
    counts: z
      .array(integer(0, TRAFFIC_LIMITS.rate))
      .min(1)
      .max(TRAFFIC_LIMITS.bins)
      .meta({ description: "Arrivals per bin, as a trace records them (the Azure Functions trace's per minute)." }),
    every: durationSchema.default(60_000).meta({ description: 'Length of a bin (default 1m).' }),
  }),
  z.strictObject({
    process: z.literal('diurnal'),
    meanRate: rate('mean arrivals per second'),
    amplitude: z.number().min(0).lt(1),
    period: durationSchema.optional(),
    peakAt: durationSchema.optional(),
  }),
]);

/** Load from outside the cluster: open loop (`arrivals`) or closed loop (`clients`). */
export const loadSourceSchema = z
  .strictObject({
    name: nameSchema,
    request: nameSchema.meta({ description: 'The request type sent.' }),
    arrivals: arrivalsSchema.optional().meta({ description: 'Open loop: when requests arrive.' }),
    clients: z
      .strictObject({
        count: integer(1, TRAFFIC_LIMITS.clients),
        thinkTime: durationDistributionSchema.meta({ description: 'From an answer to the next request.' }),
      })
      .optional()
      .meta({ description: 'Closed loop: users with one request at a time.' }),
    via: z
      .enum(['cluster', 'node-port', 'load-balancer'])
      .default('cluster')
      .meta({ description: 'How requests enter: the service address, a node port, or a load balancer.' }),
    connections: integer(0, TRAFFIC_LIMITS.connections)
      .default(0)
      .meta({ description: 'Persistent connections per client, each bound to one replica; 0: one per request.' }),
    keys: integer(0, TRAFFIC_LIMITS.keys)
      .default(0)
      .meta({ description: 'Requests carry a hash key drawn uniformly from this many (for consistent hashing).' }),
    port: integer(1, 65_535).optional().meta({
      description:
        "The port it sends to: a service port (via cluster or load-balancer) or a node port (via node-port) of the request's service.",
    }),
  })
  .check((ctx) => {
    const { arrivals, clients } = ctx.value;
    if ((arrivals === undefined) === (clients === undefined)) {
      ctx.issues.push({
        code: 'custom',
        continue: true,
        path: [arrivals === undefined ? 'arrivals' : 'clients'],
        message: "give either 'arrivals' (open loop) or 'clients' (closed loop), not both or neither",
        input: ctx.value,
      });
    }
  });

/** How endpoint changes reach the data plane. */
export const networkSchema = z.strictObject({
  propagation: durationSchema
    .default(NETWORK_DEFAULTS.propagation)
    .meta({ description: 'From a readiness change to the data plane knowing it (default 1s).' }),
  minSyncPeriod: durationSchema
    .default(NETWORK_DEFAULTS.minSyncPeriod)
    .meta({ description: "The data plane applies changes at most once per this period (kube-proxy's 1s)." }),
  hop: durationSchema
    .default(NETWORK_DEFAULTS.hop)
    .meta({ description: 'Round trip added when the entry node forwards to a replica on another node (0.5ms).' }),
  nodePortRange: nodePortRangeSchema.default(NETWORK_DEFAULTS.nodePortRange).meta({
    description: "Node ports services may use (kube-apiserver's --service-node-port-range, default '30000-32767').",
  }),
});

type Issues = z.core.ParsePayload['issues'];

/** What the traffic checks read of a parsed scenario. */
interface TrafficParts {
  readonly horizon?: number | undefined;
  readonly services: Readonly<Record<string, ExposedService & { readonly serving?: TrafficServing | undefined }>>;
  readonly requests: Readonly<Record<string, z.output<typeof requestTypeSchema>>>;
  readonly load: ReadonlyArray<z.output<typeof loadSourceSchema>>;
  readonly network: { readonly nodePortRange: { readonly min: number; readonly max: number } };
}

/** What the traffic checks read of a service's serving. */
type TrafficServing = Pick<z.output<typeof servingSchema>, 'type' | 'ports' | 'weights' | 'balancing'>;

/** Cross-field rules of traffic: services and request types that exist, no call cycle, unique source names. */
export function checkTraffic(scenario: TrafficParts, issues: Issues): void {
  const add = (path: PropertyKey[], message: string) =>
    issues.push({ code: 'custom', path, message, input: undefined });
  const requests = scenario.requests;
  for (const [name, type] of Object.entries(requests)) {
    if (!Object.hasOwn(scenario.services, type.service)) {
      add(['requests', name, 'service'], `no service named '${type.service}'`);
    }
    type.calls.forEach((call, i) => {
      if (!Object.hasOwn(requests, call.request)) {
        add(['requests', name, 'calls', i], `no request type named '${call.request}'`);
      }
    });
  }
  const cycle = findCallCycle(requests);
  if (cycle !== null) add(['requests', cycle[0]!, 'calls'], `calls go round in a cycle: ${cycle.join(' → ')}`);
  if (scenario.load.length > 0 && scenario.horizon === undefined) {
    add(['load'], 'load needs a horizon: requests would arrive for ever and a run would never end');
  }
  const names = new Set<string>();
  scenario.load.forEach((source, i) => {
    if (names.has(source.name)) add(['load', i, 'name'], `duplicate load source name '${source.name}'`);
    names.add(source.name);
    if (!Object.hasOwn(requests, source.request))
      add(['load', i, 'request'], `no request type named '${source.request}'`);
    else checkEntry(scenario, source, i, add);
  });
  checkNodePorts(scenario.services, scenario.network.nodePortRange, issues);
  checkWeights(scenario, add);
}

/** A load source enters its service by a way in the service offers, on one of its ports. */
function checkEntry(
  scenario: TrafficParts,
  source: z.output<typeof loadSourceSchema>,
  i: number,
  add: (path: PropertyKey[], message: string) => void,
): void {
  const service = serviceOf(scenario, source.request);
  if (service === undefined) return;
  const serving = scenario.services[service]?.serving;
  const ports = serving?.ports;
  const type: ServiceType | undefined = serving?.type ?? (ports === undefined ? undefined : 'ClusterIP');
  if (type !== undefined) {
    const needs: ServiceType | undefined =
      source.via === 'node-port' ? 'NodePort' : source.via === 'load-balancer' ? 'LoadBalancer' : undefined;
    const offers = type === 'LoadBalancer' || (type === 'NodePort' && needs === 'NodePort');
    if (needs !== undefined && !offers) {
      add(['load', i, 'via'], `service '${service}' is ${type}: entering by ${source.via} needs type ${needs}`);
    }
  }
  if (source.port === undefined) return;
  if (ports === undefined) {
    add(['load', i, 'port'], `service '${service}' declares no ports (give it serving.ports)`);
    return;
  }
  if (source.via === 'node-port') {
    const nodePorts = ports.flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort]));
    if (!nodePorts.includes(source.port)) {
      const known =
        nodePorts.length === 0 ? 'it sets none (allocated ones are not known before the run)' : nodePorts.join(', ');
      add(['load', i, 'port'], `service '${service}' has no node port ${source.port}; its node ports: ${known}`);
    }
  } else if (!ports.some((p) => p.port === source.port)) {
    add(
      ['load', i, 'port'],
      `service '${service}' has no port ${source.port}; its ports: ${ports.map((p) => p.port).join(', ')}`,
    );
  }
}

/** The service that answers a request type, if both exist. */
function serviceOf(scenario: TrafficParts, request: string): string | undefined {
  const type = Object.hasOwn(scenario.requests, request) ? scenario.requests[request]! : undefined;
  return type !== undefined && Object.hasOwn(scenario.services, type.service) ? type.service : undefined;
}

/**
 * Weights act only through a weighted policy: weights on a service that no weighted built-in policy
 * balances (its own, or a caller's) would be silently ignored, so they are an error. A policy of the
 * simulation's own (by name) may read weights, so it counts as weighted.
 */
function checkWeights(scenario: TrafficParts, add: (path: PropertyKey[], message: string) => void): void {
  const weighted = (spec: TrafficServing['balancing'] | undefined): boolean => {
    if (spec === undefined) return false;
    const name = typeof spec === 'string' ? spec : spec.policy;
    return !Object.hasOwn(BALANCING_POLICIES, name) || BALANCING_POLICIES[name]!.weighted;
  };
  for (const [name, service] of Object.entries(scenario.services)) {
    const serving = service.serving;
    if (serving === undefined || serving.weights.length === 0) continue;
    if (weighted(serving.balancing)) continue;
    const byCaller = Object.values(scenario.requests).some((type) =>
      type.calls.some((call) => weighted(call.balancing) && scenario.requests[call.request]?.service === name),
    );
    if (byCaller) continue;
    const policies = Object.entries(BALANCING_POLICIES)
      .filter(([, p]) => p.weighted)
      .map(([n]) => n)
      .join(', ');
    add(
      ['services', name, 'serving', 'weights'],
      `weights would have no effect: no weighted policy balances '${name}' (the weighted ones: ${policies})`,
    );
  }
}

/** A cycle in the call graph, as the request types on it with the first repeated at the end; null when none. */
function findCallCycle(requests: TrafficParts['requests']): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | null => {
    const s = state.get(name);
    if (s === 'done' || !Object.hasOwn(requests, name)) return null;
    if (s === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const call of requests[name]!.calls) {
      const found = visit(call.request);
      if (found !== null) return found;
    }
    path.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(requests)) {
    const found = visit(name);
    if (found !== null) return found;
  }
  return null;
}
