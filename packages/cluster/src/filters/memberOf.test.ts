import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { memberOf, parseMemberOf } from './memberOf.js';

const resources = new ResourceCatalog();
const host = (name: string, labels: Record<string, string>) =>
  new Host(0, name, 'n', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, labels, [], 0);
const hosts = [
  host('a1', { zone: 'a', type: 'm5' }),
  host('b1', { zone: 'b', type: 'c5' }),
  host('c1', { zone: 'c' }),
  host('x1', {}),
];

/** Names of the hosts an expression admits. */
const members = (expression: string) => {
  const matches = parseMemberOf(expression);
  return hosts.filter((h) => matches(h)).map((h) => h.name);
};

describe('memberOf (ECS cluster query language subset)', () => {
  it.each([
    ['attribute:zone == a', ['a1']],
    ['attribute:zone equals b', ['b1']],
    // != admits hosts without the label
    ['attribute:zone != a', ['b1', 'c1', 'x1']],
    ['attribute:zone not_equals a', ['b1', 'c1', 'x1']],
    ['attribute:zone in [a, b]', ['a1', 'b1']],
    ['attribute:zone in [a,c]', ['a1', 'c1']],
    ['attribute:zone not_in [a, b]', ['c1', 'x1']],
    ['attribute:zone !in [a]', ['b1', 'c1', 'x1']],
    ['attribute:type exists', ['a1', 'b1']],
    ['attribute:type !exists', ['c1', 'x1']],
    ['attribute:type not_exists', ['c1', 'x1']],
    ['ec2InstanceId == c1', ['c1']],
    ['attribute:zone in [a, b] and attribute:type == c5', ['b1']],
    ['attribute:zone==a && attribute:type==m5', ['a1']],
    // and binds tighter than or: (zone a and type c5) or zone c
    ['attribute:zone == a and attribute:type == c5 or attribute:zone == c', ['c1']],
    ['attribute:zone == a || attribute:zone == c', ['a1', 'c1']],
    // Own labels only: Object.prototype's keys are not attributes
    ['attribute:constructor exists', []],
  ])('%s → %o', (expression, expected) => {
    expect(members(expression)).toEqual(expected);
  });

  it.each([
    ['', /non-empty/],
    ['(attribute:zone == a)', /parentheses are not supported/],
    ['attribute:zone =~ a.*', /unexpected character '='/],
    ['attribute:zone matches a', /unsupported operator 'matches'/],
    ['runningTasksCount == 0', /unsupported subject 'runningTasksCount'/],
    ['zone == a', /unsupported subject 'zone'/],
    ['attribute:zone ==', /expected a value after '==' at the end/],
    ['attribute:zone in a, b', /expected '\[' after 'in'/],
    ['attribute:zone in [a b]', /expected ',' or '\]' in the list, got 'b'/],
    ['attribute:zone == a attribute:type == b', /expected 'and' or 'or', got 'attribute:type'/],
    ['not attribute:zone == a', /unsupported subject 'not'/],
    [`attribute:zone in [${'a,'.repeat(1000)}a]`, /longer than 2000 characters/],
  ])('rejects %j', (expression, message) => {
    expect(() => parseMemberOf(expression)).toThrow(ConfigError);
    expect(() => parseMemberOf(expression)).toThrow(message);
    // The error names the whole expression.
    expect(() => parseMemberOf(expression)).toThrow(`memberOf expression '${expression}'`);
  });

  it('filters hosts, optionally only for one service', () => {
    const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
    const web = new Container(
      0,
      buildContainerSpec('w', containerTemplateSchema.parse({}), resources, new Map(), { service: 'web' }),
      0,
    );
    const api = new Container(
      1,
      buildContainerSpec('a', containerTemplateSchema.parse({}), resources, new Map(), { service: 'api' }),
      0,
    );
    const filter = memberOf('attribute:zone in [b]', { service: 'web' });
    // memberOf keeps no state between calls: its expression is compiled once, into the filter.
    expect(filter.createState).toBeUndefined();
    expect(filter.prepare!(web, cluster, undefined)).toBe(true);
    expect(filter.prepare!(api, cluster, undefined)).toBe(false);
    expect(hosts.map((h) => filter.check(web, h, cluster, undefined))).toEqual([
      "host is not a member of 'attribute:zone in [b]'",
      null,
      "host is not a member of 'attribute:zone in [b]'",
      "host is not a member of 'attribute:zone in [b]'",
    ]);
    expect(memberOf('attribute:zone exists').prepare!(api, cluster, undefined)).toBe(true);
  });
});
