import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host, type HostView } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { DecisionRecorder } from '../scheduler/Decision.js';
import type { Scorer } from '../scheduler/Scorer.js';
import type { SelectionContext } from '../scheduler/Selector.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { OrderedSelector } from './OrderedSelector.js';

const resources = new ResourceCatalog();
const request = new Container(
  0,
  buildContainerSpec('c', containerTemplateSchema.parse({}), resources, new Map(), {}),
  0,
);

/** Hosts h0..h(n-1) whose labels `a` and `b` hold the two keys' values. */
function setup(values: Array<[number, number]>, infeasible: readonly string[] = [], seed = 1) {
  const hosts = values.map(
    ([a, b], i) =>
      new Host(
        i,
        `h${i}`,
        'n',
        resources.fromRecord({ cpu: 1000, memory: 1000 }),
        110,
        { a: `${a}`, b: `${b}` },
        [],
        0,
      ),
  );
  const cluster = new ClusterState(hosts, resources, createRandom(seed).stream('s'));
  const context: SelectionContext & { recorder: DecisionRecorder | null } = {
    cluster,
    recorder: null,
    feasible: (host: HostView) => !infeasible.includes(host.name),
  };
  return { context };
}
const label = (name: string, applies = true): Scorer => ({
  name,
  prepare: () => applies,
  score: (_r, host) => Number(host.labels[name]),
});

describe('OrderedSelector', () => {
  it.each([
    // lowest a: h1, h2 (a=1); then highest b among them: h2 (b=5)
    [
      [
        [3, 9],
        [1, 4],
        [1, 5],
        [2, 0],
      ],
      'lowest',
      'highest',
      [],
      'h2',
    ],
    // highest a: h0 (a=3) alone; b never consulted
    [
      [
        [3, 0],
        [1, 4],
        [1, 5],
        [2, 9],
      ],
      'highest',
      'lowest',
      [],
      'h0',
    ],
    // h0 infeasible: highest a among the rest is h3 (a=2)
    [
      [
        [3, 0],
        [1, 4],
        [1, 5],
        [2, 9],
      ],
      'highest',
      'lowest',
      ['h0'],
      'h3',
    ],
  ] as const)('%j: a %s then b %s, infeasible %j → %s', (values, preferA, preferB, infeasible, winner) => {
    const { context } = setup(
      values.map(([a, b]) => [a, b]),
      infeasible,
    );
    const selector = new OrderedSelector('t', [
      { scorer: label('a'), prefer: preferA },
      { scorer: label('b'), prefer: preferB },
    ]);
    expect(selector.select(request, context)?.name).toBe(winner);
  });

  it('skips a key whose scorer does not apply', () => {
    const { context } = setup([
      [0, 5],
      [9, 1],
    ]);
    const selector = new OrderedSelector('t', [
      { scorer: label('a', false), prefer: 'lowest' },
      { scorer: label('b'), prefer: 'lowest' },
    ]);
    expect(selector.select(request, context)?.name).toBe('h1');
  });

  it('returns null when no host is feasible', () => {
    const { context } = setup([[0, 0]], ['h0']);
    expect(new OrderedSelector('t', [{ scorer: label('a'), prefer: 'lowest' }]).select(request, context)).toBeNull();
  });

  it('breaks remaining ties uniformly with the scheduler stream, reproducibly', () => {
    const values: Array<[number, number]> = [
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    const selector = new OrderedSelector('t', [{ scorer: label('a'), prefer: 'lowest' }]);
    const draw = (seed: number) => {
      const { context } = setup(values, [], seed);
      const counts: Record<string, number> = {};
      for (let i = 0; i < 3000; i++) {
        const name = selector.select(request, context)!.name;
        counts[name] = (counts[name] ?? 0) + 1;
      }
      return counts;
    };
    const counts = draw(42);
    expect(counts.h0).toBeUndefined();
    // Each of h1..h3 expects 1000 draws; sd ≈ sqrt(3000·1/3·2/3) ≈ 26, so ±150 is about 6 sd.
    for (const h of ['h1', 'h2', 'h3']) expect(Math.abs(counts[h]! - 1000)).toBeLessThan(150);
    expect(draw(42)).toEqual(counts);
  });

  it('records every feasible host with its raw key values when explaining', () => {
    const { context } = setup(
      [
        [2, 7],
        [1, 3],
      ],
      [],
    );
    const recorder = new DecisionRecorder();
    context.recorder = recorder;
    const selector = new OrderedSelector('t', [
      { scorer: label('a'), prefer: 'lowest' },
      { scorer: label('b', false), prefer: 'lowest' },
    ]);
    expect(selector.select(request, context)?.name).toBe('h1');
    expect(recorder.considered).toBe(2);
    expect(recorder.hosts).toEqual([
      {
        host: 'h0',
        rejectedBy: null,
        reason: null,
        scores: { a: { raw: 2, normalized: 2, weighted: 2 } },
        total: null,
      },
      {
        host: 'h1',
        rejectedBy: null,
        reason: null,
        scores: { a: { raw: 1, normalized: 1, weighted: 1 } },
        total: null,
      },
    ]);
  });
});
