import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { PRESETS } from '../strategies/presets/presetCatalog.js';

// Invariants of required pod (anti-)affinity in whole runs of the kubernetes preset, over random
// clusters (zones, hosts per zone) and services (replicas, which rules they carry): no two containers
// that a required anti-affinity term separates share its domain; every container placed with a
// required affinity term has a matching container in its domain or is the first of a group that
// matches its own term.
const strategies = PRESETS;

describe('InterPodAffinity invariants (kubernetes preset)', () => {
  it('required anti-affinity is never violated and required affinity always holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('hostname', 'zone'),
        fc.integer({ min: 0, max: 1_000 }),
        (zones, perZone, webs, caches, key, seed) => {
          const scenario: ScenarioInput = {
            seed,
            scheduler: { strategy: 'kubernetes' },
            hosts: Array.from({ length: zones }, (_, z) => ({
              group: `z${z}`,
              count: perZone,
              capacity: { cpu: '4000m', memory: '8Gi' },
              labels: { zone: `z${z}` },
            })),
            services: {
              web: {
                replicas: webs,
                template: {
                  requests: { cpu: '250m', memory: '256Mi' },
                  labels: { app: 'web' },
                  podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: key }] },
                },
              },
              cache: {
                replicas: caches,
                template: {
                  requests: { cpu: '250m', memory: '256Mi' },
                  labels: { app: 'cache' },
                  podAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone' }] },
                },
              },
            },
          };
          const sim = createSimulation(scenario, { strategies }).run('10m');
          const domain = (host: { name: string; labels: Readonly<Record<string, string>> }, k: string) =>
            k === 'hostname' ? host.name : host.labels[k];
          const placed = [...sim.allContainers()].filter((c) => c.host !== null);
          const webDomains = placed.filter((c) => c.service === 'web').map((c) => domain(c.host!, key));
          expect(new Set(webDomains).size).toBe(webDomains.length);
          // At most one web per domain of the key: as many placed as there are domains, or all of them.
          const domains = key === 'hostname' ? zones * perZone : zones;
          expect(webDomains.length).toBe(Math.min(webs, domains));
          const webZones = new Set(placed.filter((c) => c.service === 'web').map((c) => c.host!.labels.zone));
          for (const c of placed.filter((x) => x.service === 'cache'))
            expect(webZones.has(c.host!.labels.zone)).toBe(true);
        },
      ),
      { numRuns: 40, seed: 20261206 },
    );
  });
});
