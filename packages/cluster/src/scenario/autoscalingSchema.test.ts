import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BEHAVIOR } from '../autoscaling/scalingBehavior.js';
import { parseScenario } from './parseScenario.js';

/** Every issue of a bad scenario as `path: message`, in the order reported. */
function issues(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError, but the scenario parsed');
}

const hosts = [{ group: 'n', capacity: { cpu: '4', memory: '8Gi' } }];
const template = { requests: { cpu: '500m', memory: '256Mi' } };

describe('services.<name>.autoscaling and usage', () => {
  it('applies kube’s defaults: cpu at 80 %, sync 15 s, tolerance 0.1, the default behaviour, a 15 s scrape', () => {
    const s = parseScenario({
      hosts,
      services: {
        web: {
          replicas: 2,
          template,
          usage: { cpu: { shape: 'constant', value: '1' } },
          autoscaling: { maxReplicas: 5 },
        },
      },
    });
    expect(s.services.web!.autoscaling).toEqual({
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ kind: 'resource', resource: 'cpu', averageUtilization: 80, averageValue: null }],
      behavior: DEFAULT_BEHAVIOR,
      syncPeriod: 15_000,
      tolerance: 0.1,
      cpuInitializationPeriod: 300_000,
      initialReadinessDelay: 30_000,
      metricsResolution: 15_000,
      metricsDelay: 0,
    });
    expect(s.services.web!.usage).toEqual({ cpu: { shape: 'constant', value: 1000 } });
  });

  it('parses usage curves in the resource’s units, with the diurnal defaults (1d, peak at 14h)', () => {
    const s = parseScenario({
      hosts,
      services: {
        web: {
          replicas: 1,
          template,
          usage: {
            cpu: { shape: 'diurnal', mean: '2', amplitude: 0.5 },
            memory: { shape: 'steps', steps: [{ at: '1m', value: '1Gi' }] },
          },
        },
      },
    });
    expect(s.services.web!.usage).toEqual({
      cpu: { shape: 'diurnal', mean: 2000, amplitude: 0.5, period: 86_400_000, peakAt: 50_400_000 },
      memory: { shape: 'steps', initial: 0, steps: [{ at: 60_000, value: 1024 }] },
    });
  });

  it('reports min above max, targets of 0 or above 100 %, a policy period of 0, and a metric with two kinds', () => {
    expect(
      issues(() =>
        parseScenario({
          hosts,
          services: {
            web: {
              replicas: 1,
              template,
              usage: { cpu: { shape: 'constant', value: '1' } },
              autoscaling: {
                minReplicas: 5,
                maxReplicas: 3,
                metrics: [
                  { resource: 'cpu', averageUtilization: 0 },
                  { resource: 'cpu', averageUtilization: 150 },
                  { resource: 'cpu', pods: 'requests-per-second', averageValue: 3 },
                ],
                behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, period: 0 }] } },
              },
            },
          },
        }),
      ),
    ).toEqual([
      'services.web.autoscaling.minReplicas: minReplicas (5) must be at most maxReplicas (3)',
      'services.web.autoscaling.metrics[0].averageUtilization: expected an integer from 1 to 100, got 0',
      'services.web.autoscaling.metrics[1].averageUtilization: expected an integer from 1 to 100, got 150',
      "services.web.autoscaling.metrics[2].resource: give exactly one of 'resource' (cpu, memory), 'pods' (requests-per-second) or 'external' (queue-length)",
      'services.web.autoscaling.behavior.scaleUp.policies[0].period: expected a policy period above 0 and at most 30m, got 0',
    ]);
    expect(
      issues(() =>
        parseScenario({
          hosts,
          services: {
            web: {
              replicas: 1,
              template,
              usage: { cpu: { shape: 'constant', value: '1' } },
              autoscaling: { minReplicas: 5, maxReplicas: 3 },
            },
          },
        }),
      ),
    ).toEqual(['services.web.autoscaling.minReplicas: minReplicas (5) must be at most maxReplicas (3)']);
  });

  it('reports a metric with nothing to measure, a utilisation without a request, and scale to zero without an external metric', () => {
    expect(
      issues(() =>
        parseScenario({
          hosts,
          services: {
            web: {
              replicas: 1,
              template: {},
              autoscaling: {
                maxReplicas: 3,
                metrics: [
                  { resource: 'cpu', averageUtilization: 50 },
                  { resource: 'memory', averageValue: '512Mi' },
                  { pods: 'requests-per-second', averageValue: 10 },
                ],
              },
            },
          },
        }),
      ),
    ).toEqual([
      "services.web.autoscaling.metrics[0]: service 'web' uses no cpu to measure: send it requests, or give it usage.cpu",
      'services.web.autoscaling.metrics[0]: a cpu utilisation target needs a cpu request in the template (kube: missing request for cpu)',
      "services.web.autoscaling.metrics[1]: service 'web' has no memory use to measure: give it usage.memory",
      "services.web.autoscaling.metrics[2]: service 'web' answers no request type, so it has no requests-per-second to measure",
    ]);
    expect(
      issues(() =>
        parseScenario({
          hosts,
          services: {
            web: {
              replicas: 1,
              template,
              usage: { cpu: { shape: 'constant', value: '1' } },
              autoscaling: { minReplicas: 0, maxReplicas: 3 },
            },
          },
        }),
      ),
    ).toEqual([
      'services.web.autoscaling.minReplicas: minReplicas 0 (scale to zero) needs an external metric: with no replica there is no cpu or per-pod metric to scale up on',
    ]);
  });

  it('reports steps out of order and a diurnal amplitude above 1', () => {
    expect(
      issues(() =>
        parseScenario({
          hosts,
          services: {
            web: {
              replicas: 1,
              template,
              usage: {
                cpu: {
                  shape: 'steps',
                  steps: [
                    { at: '2m', value: '1' },
                    { at: '1m', value: '2' },
                  ],
                },
                memory: { shape: 'diurnal', mean: '1Gi', amplitude: 2 },
              },
            },
          },
        }),
      ),
    ).toEqual([
      'services.web.usage.cpu.steps[1].at: steps must be in increasing time order: 60000 ms is not after 120000 ms',
      'services.web.usage.memory.amplitude: expected a number <= 1, got 2',
    ]);
  });
});
