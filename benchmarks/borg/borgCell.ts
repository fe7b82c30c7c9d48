import type { ScenarioInput } from '@berth/cluster';

/** The size of a Borg-like cell run: hosts, service replicas, batch arrivals and how long. */
export interface BorgSize {
  readonly hosts: number;
  readonly replicas: number;
  /** Batch tasks per second (Poisson). */
  readonly batchRate: number;
  /** Simulated time, ms. */
  readonly horizon: number;
}

/** Google's 2011 cell: about 12,500 machines; 10,000 service replicas; batch tasks at 10 per second. */
export const BORG_CELL: Omit<BorgSize, 'horizon'> = { hosts: 12_500, replicas: 10_000, batchRate: 10 };
export const DAY = 86_400_000;

/**
 * A cell of the 2011 trace's shape (not its data): hosts of three shapes (72% 16 cores / 64 GiB, 20%
 * 8 / 32, 8% 32 / 128: proportions chosen here, the trace publishes only normalised ratios), a
 * service of `replicas` long-running replicas (2 cores, 8 GiB), and batch tasks streamed at
 * `batchRate` per second (Poisson) of two sizes, with lognormal run times (mean 10 min, cv 2).
 */
export function borgCellScenario(size: BorgSize, strategy: string): ScenarioInput {
  const large = Math.round(size.hosts * 0.08);
  const small = Math.round(size.hosts * 0.2);
  return {
    name: `borg-cell-${size.hosts}-hosts`,
    seed: 2011,
    horizon: size.horizon,
    scheduler: { strategy },
    hosts: [
      { group: 'std', count: size.hosts - large - small, capacity: { cpu: '16', memory: '64Gi' } },
      { group: 'small', count: small, capacity: { cpu: '8', memory: '32Gi' } },
      { group: 'large', count: large, capacity: { cpu: '32', memory: '128Gi' } },
    ],
    services: {
      frontend: { replicas: size.replicas, template: { requests: { cpu: '2', memory: '8Gi' } } },
    },
    streams: [
      {
        name: 'batch',
        arrivals: { process: 'poisson', rate: size.batchRate },
        sizes: [
          { weight: 3, requests: { cpu: '500m', memory: '1Gi' } },
          { weight: 1, requests: { cpu: '2', memory: '4Gi' } },
        ],
        duration: { dist: 'lognormal', mean: '10m', cv: 2 },
      },
    ],
  };
}
