import { formatResources, type ScenarioInput } from '@berth/cluster';
import type { TraceHost } from './TraceItem.js';

/** A host group of a scenario, as written. */
export type HostGroupInput = ScenarioInput['hosts'][number];

/**
 * Folds hosts of the same capacity and labels into one scenario host group with a count, in order of
 * first appearance: 1,523 Alibaba nodes become a few dozen groups. A group is named after its shape
 * (`96c-384g-8gpu`; `-2`, `-3`... when shapes share a capacity but differ in labels); its hosts are
 * `<group>-<i>`. Individual trace host names are not kept.
 */
export function groupHosts(hosts: Iterable<TraceHost>): HostGroupInput[] {
  const groups = new Map<
    string,
    { capacity: Record<string, number>; labels: Record<string, string>; gpus: TraceHost['gpus']; count: number }
  >();
  for (const host of hosts) {
    const gpus = host.gpus === undefined ? [] : [host.gpus.model, host.gpus.count];
    const key = JSON.stringify([sortedEntries(host.capacity), sortedEntries(host.labels), gpus]);
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { capacity: { ...host.capacity }, labels: { ...host.labels }, gpus: host.gpus, count: 1 });
    else group.count++;
  }
  const used = new Map<string, number>();
  const out: HostGroupInput[] = [];
  for (const { capacity, labels, gpus, count } of groups.values()) {
    const base = shapeName(gpus === undefined ? capacity : { ...capacity, gpu: gpus.count });
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const group = n === 1 ? base : `${base}-${n}`;
    // Written with units (cpu '500m', memory '4Gi'): trace amounts are millicores and MiB.
    const written = formatResources(capacity);
    const entry: HostGroupInput =
      Object.keys(labels).length === 0
        ? { group, count, capacity: written }
        : { group, count, capacity: written, labels };
    out.push(gpus === undefined ? entry : { ...entry, gpus: { model: gpus.model, count: gpus.count } });
  }
  return out;
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function shapeName(capacity: Readonly<Record<string, number>>): string {
  const parts = [`${round(capacity.cpu ?? 0, 1000)}c`, `${round(capacity.memory ?? 0, 1024)}g`];
  if ((capacity.gpu ?? 0) > 0) parts.push(`${capacity.gpu}gpu`);
  return parts.join('-');
}

function round(value: number, unit: number): string {
  return String(Math.round((value / unit) * 100) / 100);
}
