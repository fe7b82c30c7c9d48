import { ConfigError } from '@berth/kernel';
import type { Scenario } from '../scenario/scenarioSchema.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';
import { arrivals, distribution } from '../simulation/instantiateScenario.js';
import type { FunctionPlatform } from './FunctionPlatform.js';
import type { FunctionSettings, FunctionSpec } from './FunctionSpec.js';
import type { KeepAlivePolicy } from './KeepAlivePolicy.js';
import { fixedKeepAlive } from './keepAlive/fixedKeepAlive.js';
import { hybridHistogram } from './keepAlive/hybridHistogram.js';
import { noKeepAlive } from './keepAlive/noKeepAlive.js';
import { checkKnativeSettings, KNATIVE_DEFAULTS } from './knativeAutoscaler.js';
import { FUNCTION_PLATFORMS } from './platforms.js';

/** Builds a fresh keep-alive policy for one simulation. */
export type KeepAlivePolicyFactory = () => KeepAlivePolicy<unknown>;

type FunctionsSection = NonNullable<Scenario['functions']>;

/**
 * The function platform's settings from the scenario's `functions` section; null when it has none.
 * `policies` are keep-alive policies of the caller's own, by the name `functions.keepAlive` gives.
 */
export function functionSettings(
  scenario: Scenario,
  images: ImageCatalog,
  policies: Readonly<Record<string, KeepAlivePolicyFactory>> = {},
): FunctionSettings | null {
  const f = scenario.functions;
  if (f === undefined) return null;
  const preset = FUNCTION_PLATFORMS[f.platform]!;
  const platform: FunctionPlatform = {
    ...preset,
    pauseAfterMs: f.pauseAfter ?? preset.pauseAfterMs,
    accountConcurrency: f.accountConcurrency ?? preset.accountConcurrency,
    scaling: f.scaling === undefined ? preset.scaling : { burst: f.scaling.burst, periodMs: f.scaling.period },
  };
  const functions: FunctionSpec[] = Object.entries(f.definitions).map(([name, fn]) => {
    const memoryMb = fn.memory ?? platform.memoryMb.default;
    const image = fn.image ?? name;
    const concurrency = fn.concurrency ?? platform.concurrency.default;
    return {
      name,
      memoryMb,
      cpu: fn.cpu ?? platform.cpuFor(memoryMb),
      image,
      pullMs: images.get(image)?.pullTime ?? fn.pull,
      startup: distribution(fn.startup),
      handler: distribution(fn.handler),
      concurrency: concurrency === 0 ? Number.POSITIVE_INFINITY : concurrency,
      timeoutMs: fn.timeout ?? platform.timeoutMs.default,
      reserved: fn.reserved ?? Number.POSITIVE_INFINITY,
      provisioned: fn.provisioned,
      mode: fn.mode,
      arrivals: fn.invocations === undefined ? null : arrivals(fn.invocations),
    };
  });
  const k = f.knative;
  const knative = checkKnativeSettings(
    k === undefined
      ? KNATIVE_DEFAULTS
      : {
          stableWindowMs: k.stableWindow,
          panicWindowShare: k.panicWindowPercentage / 100,
          panicThreshold: k.panicThresholdPercentage / 100,
          targetShare: k.targetPercentage / 100,
          defaultTarget: k.targetDefault,
          tickMs: k.tick,
          scaleToZeroGraceMs: k.scaleToZeroGracePeriod,
          maxScaleUpRate: k.maxScaleUpRate,
          maxScaleDownRate: k.maxScaleDownRate,
        },
  );
  return {
    platform,
    functions,
    keepAlive: keepAlivePolicy(f, platform, policies),
    throttle: f.throttle,
    resumeMs: f.resume,
    knative,
    until: scenario.horizon ?? Number.POSITIVE_INFINITY,
  };
}

/** The built-in keep-alive policies a scenario may name, each built from its scenario entry. */
export const KEEP_ALIVE_POLICIES: Readonly<Record<string, { readonly description: string }>> = {
  fixed: { description: "Keep an idle instance for a fixed time (the platform's, or `ttl`)." },
  none: { description: 'Unload an instance as soon as it falls idle.' },
  hybrid: { description: 'The hybrid histogram policy of "Serverless in the Wild" (ATC 2020).' },
};

/** True when `functions.keepAlive` may name `name`: a built-in policy or one of the caller's. */
export function isKnownKeepAlive(name: string, policies: Readonly<Record<string, unknown>> | undefined): boolean {
  return Object.hasOwn(KEEP_ALIVE_POLICIES, name) || (policies !== undefined && Object.hasOwn(policies, name));
}

/** Says that no keep-alive policy is called `name`, listing those that are. */
export function unknownKeepAlive(name: string, policies: Readonly<Record<string, unknown>> | undefined): string {
  const known = [...Object.keys(KEEP_ALIVE_POLICIES), ...Object.keys(policies ?? {})].join(', ');
  return `unknown keep-alive policy '${name}'; known: ${known}`;
}

function keepAlivePolicy(
  f: FunctionsSection,
  platform: FunctionPlatform,
  policies: Readonly<Record<string, KeepAlivePolicyFactory>>,
): KeepAlivePolicy<unknown> {
  const spec = f.keepAlive ?? { policy: 'fixed' as const, ttl: undefined };
  if (typeof spec === 'string') {
    if (Object.hasOwn(policies, spec)) return policies[spec]!();
    if (spec === 'fixed') return fixedKeepAlive(platform.keepAliveMs) as KeepAlivePolicy<unknown>;
    if (spec === 'none') return noKeepAlive() as KeepAlivePolicy<unknown>;
    if (spec === 'hybrid') return hybridHistogram() as KeepAlivePolicy<unknown>;
    throw new ConfigError([{ path: 'functions.keepAlive', message: unknownKeepAlive(spec, policies) }], 'scenario');
  }
  switch (spec.policy) {
    case 'fixed':
      return fixedKeepAlive(spec.ttl ?? platform.keepAliveMs) as KeepAlivePolicy<unknown>;
    case 'none':
      return noKeepAlive() as KeepAlivePolicy<unknown>;
    case 'hybrid':
      try {
        return hybridHistogram({
          rangeMs: spec.range,
          binMs: spec.bin,
          head: spec.head,
          tail: spec.tail,
          cvThreshold: spec.cvThreshold,
          oobThreshold: spec.oobThreshold,
          histogramMargin: spec.margin,
          forecastMargin: spec.forecastMargin,
        }) as KeepAlivePolicy<unknown>;
      } catch (error) {
        throw new ConfigError([{ path: 'functions.keepAlive', message: (error as Error).message }], 'scenario');
      }
  }
}
