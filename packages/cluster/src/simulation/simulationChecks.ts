import { isKnownKeepAlive, type KeepAlivePolicyFactory, unknownKeepAlive } from '../functions/functionSettings.js';
import { BALANCING_POLICIES, type LoadBalancingPolicyFactory } from '../network/policyCatalog.js';
import type { ScenarioCheck, ScenarioCheckIssue } from '../scenario/parseScenario.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import type { Strategy } from '../scheduler/Strategy.js';
import { isKnownStrategy, unknownScorerMessage, unknownStrategyMessage } from '../strategies/resolveStrategy.js';
import type { StrategyFactory } from '../strategies/StrategyFactory.js';
import { SCORERS } from '../strategies/scorerCatalog.js';
import type { TraceStreamFactory } from '../streams/TraceStreamFactory.js';
import { type BalancingSpec, balancingPolicy, notACallersChoice, unknownPolicy } from './instantiateScenario.js';

/** The options of createSimulation (SimulationOptions) that decide which names a scenario may give. */
export interface NameOptions {
  /** A strategy that replaces the scenario's: its strategy and scorers are then not read. */
  readonly strategy?: string | Strategy | undefined;
  readonly strategies?: Readonly<Record<string, StrategyFactory>> | undefined;
  readonly balancing?: Readonly<Record<string, LoadBalancingPolicyFactory>> | undefined;
  readonly keepAlivePolicies?: Readonly<Record<string, KeepAlivePolicyFactory>> | undefined;
  readonly traceStreams?: Readonly<Record<string, TraceStreamFactory>> | undefined;
}

/**
 * The checks createSimulation makes of the names a scenario gives, with these options: its strategy
 * and scorers, the balancing policies of its services and calls, its trace formats and keep-alive
 * policy. Pass it as parseScenario's or parseScenarioText's `check` so that a validator reports these
 * in the same pass as every other problem, each by path (`scheduler.strategy: unknown strategy ...`).
 */
export function simulationChecks(options: NameOptions = {}): ScenarioCheck {
  return (scenario) => nameIssues(scenario, options);
}

function nameIssues(scenario: Scenario, options: NameOptions): ScenarioCheckIssue[] {
  const issues: ScenarioCheckIssue[] = [];
  // A strategy given as an option replaces the scenario's: its strategy and scorers are not read.
  if (options.strategy === undefined) {
    const { strategy, scorers } = scenario.scheduler;
    if (!isKnownStrategy(strategy, options.strategies)) {
      issues.push({ path: ['scheduler', 'strategy'], message: unknownStrategyMessage(strategy, options.strategies) });
    }
    scorers?.forEach((s, i) => {
      if (!Object.hasOwn(SCORERS, s.name))
        issues.push({ path: ['scheduler', 'scorers', i, 'name'], message: unknownScorerMessage(s.name) });
    });
  }
  // Balancing policies are read only when the scenario sends requests (see instantiateScenario).
  if (Object.keys(scenario.requests).length > 0) {
    const policies = options.balancing ?? {};
    const check = (path: PropertyKey[], spec: BalancingSpec | undefined) => {
      if (typeof spec !== 'string' || Object.hasOwn(policies, spec) || Object.hasOwn(BALANCING_POLICIES, spec)) return;
      issues.push({ path, message: unknownPolicy(spec, policies) });
    };
    for (const [name, service] of Object.entries(scenario.services))
      check(['services', name, 'serving', 'balancing'], service.serving?.balancing);
    for (const [name, type] of Object.entries(scenario.requests))
      type.calls.forEach((call, i) => {
        const path = ['requests', name, 'calls', i, 'balancing'];
        const before = issues.length;
        check(path, call.balancing);
        if (issues.length > before || call.balancing === undefined) return;
        // A queue in front of a service is the service's to name, not a caller's. (A policy whose
        // parameters are wrong is reported, with its path, when the simulation is built.)
        let shared: string | null = null;
        try {
          const policy = balancingPolicy(call.balancing, policies);
          if (policy?.sharedQueue === true) shared = policy.name;
        } catch {}
        if (shared !== null) issues.push({ path, message: notACallersChoice(shared) });
      });
  }
  scenario.streams.forEach((entry, i) => {
    const format = entry.trace?.format;
    if (format !== undefined && !Object.hasOwn(options.traceStreams ?? {}, format))
      issues.push({
        path: ['streams', i, 'trace', 'format'],
        message: unknownTraceFormat(format, options.traceStreams),
      });
  });
  const keepAlive = scenario.functions?.keepAlive;
  if (typeof keepAlive === 'string' && !isKnownKeepAlive(keepAlive, options.keepAlivePolicies))
    issues.push({ path: ['functions', 'keepAlive'], message: unknownKeepAlive(keepAlive, options.keepAlivePolicies) });
  return issues;
}

/** Says that no trace stream reads `format`, or that none was given to the simulation. */
export function unknownTraceFormat(format: string, known: Readonly<Record<string, unknown>> | undefined): string {
  const names = Object.keys(known ?? {});
  return names.length === 0
    ? `cannot read trace '${format}': create the simulation with the traceStreams option (TRACE_STREAMS from @berth/workloads)`
    : `unknown trace format '${format}'; known: ${names.join(', ')}`;
}
