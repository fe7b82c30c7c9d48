import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from './ClusterEvent.js';
import { EventLog } from './EventLog.js';

const added = (host: string, at = 0): ClusterEvent => ({ at, type: 'host.added', host, group: 'g' });
const name = (e: ClusterEvent) => (e.type === 'host.added' ? e.host : e.type);

describe('EventLog order of reaction', () => {
  it('has each event heard by the controllers, then the observers, then the bookkeeping', () => {
    const log = new EventLog();
    const heard: string[] = [];
    log.addFinisher((e) => heard.push(`finisher ${name(e)}`));
    log.subscribe((e) => heard.push(`observer-1 ${name(e)}`));
    log.addController((e) => heard.push(`controller-1 ${name(e)}`));
    log.subscribe((e) => heard.push(`observer-2 ${name(e)}`));
    log.addController((e) => heard.push(`controller-2 ${name(e)}`));
    log.record(added('a'));
    expect(heard).toEqual(['controller-1 a', 'controller-2 a', 'observer-1 a', 'observer-2 a', 'finisher a']);
  });

  it('appends an event recorded during a reaction at once, and has it heard after the current one, by everyone, in log order', () => {
    const log = new EventLog();
    const heard: string[] = [];
    log.addController((e) => {
      heard.push(`controller ${name(e)}`);
      if (name(e) === 'a') {
        log.record(added('b'));
        log.record(added('c'));
        // Appended already, though not heard yet.
        expect(log.events().map(name)).toEqual(['a', 'b', 'c']);
      }
    });
    log.subscribe((e) => {
      heard.push(`observer ${name(e)}`);
      if (name(e) === 'b') log.record(added('d'));
    });
    log.record(added('a'));
    expect(heard).toEqual([
      'controller a',
      'observer a',
      'controller b',
      'observer b',
      'controller c',
      'observer c',
      'controller d',
      'observer d',
    ]);
    expect(log.events().map(name)).toEqual(['a', 'b', 'c', 'd']);
    // The next event, recorded after the dispatch is over, is heard at once.
    log.record(added('e'));
    expect(heard.slice(-2)).toEqual(['controller e', 'observer e']);
  });

  it('stops a controller or an observer that unsubscribes, and recovers from a reaction that throws', () => {
    const log = new EventLog();
    const heard: string[] = [];
    const stopController = log.addController((e) => heard.push(`controller ${name(e)}`));
    const stopObserver = log.subscribe((e) => {
      if (name(e) === 'boom') throw new Error('observer failed');
      heard.push(`observer ${name(e)}`);
    });
    log.record(added('a'));
    expect(() => log.record(added('boom'))).toThrow('observer failed');
    // Nothing is left half-dispatched: the next event is heard normally.
    log.record(added('b'));
    stopController();
    log.record(added('c'));
    stopObserver();
    log.record(added('d'));
    expect(heard).toEqual([
      'controller a',
      'observer a',
      'controller boom',
      'controller b',
      'observer b',
      'observer c',
    ]);
    expect(log.size).toBe(5);
    expect(log.count('host.added')).toBe(5);
  });
});
