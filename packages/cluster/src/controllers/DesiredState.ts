import type { ContainerTemplateInput } from '../scenario/scenarioSchema.js';
import type { ScaleDownPolicy } from './DeploymentController.js';

/** One service's desired state as written in the scenario (units as text, defaults not applied). */
export interface ServiceDesiredState {
  replicas: number;
  template: ContainerTemplateInput;
  /** Rolling-update settings as written (Kubernetes' defaults: 25%, 25%, 10m). */
  rollout?:
    | {
        maxSurge?: number | string | undefined;
        maxUnavailable?: number | string | undefined;
        progressDeadline?: number | string | undefined;
      }
    | undefined;
  /** A paused service keeps its replicas but does not roll to a changed template. */
  paused?: boolean | undefined;
  /** Which replicas a scale-down removes first (default `kubernetes`). */
  scaleDown?: ScaleDownPolicy | undefined;
  /** The service's autoscaler as written: read when the simulation starts; `update` refuses to change it. */
  readonly autoscaling?: unknown;
  /** The service's usage model as written: read when the simulation starts; `update` refuses to change it. */
  readonly usage?: unknown;
  /** The service's objective as written: read when the simulation starts; `update` refuses to change it. */
  readonly slo?: unknown;
}

/** The part of a scenario a user changes mid-run with `sim.update`, like `kubectl apply`. */
export interface DesiredState {
  /** Services as written in the scenario (units as text, defaults not applied). */
  services: Record<string, ServiceDesiredState>;
}
