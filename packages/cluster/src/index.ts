export {
  type AutoscalingCollector,
  type AutoscalingRuntime,
  collectAutoscaling,
} from './autoscaling/AutoscalingCollector.js';
export type {
  AutoscalingMetrics,
  LoadStepRecord,
  ReplicaPoint,
  ScaleUpRecord,
  ScalingRecord,
  ServiceAutoscaling,
} from './autoscaling/AutoscalingMetrics.js';
export {
  CLUSTER_AUTOSCALER,
  type ClusterAutoscalerOptions,
  clusterAutoscaler,
} from './autoscaling/ClusterAutoscaler.js';
export type { NodeGroupSettings } from './autoscaling/NodeGroup.js';
export {
  type DisruptionReason,
  type InstanceType,
  type NodeDisruptionBudget,
  type NodeProvisionerOptions,
  nodeProvisioner,
  PROVISIONER,
} from './autoscaling/NodeProvisioner.js';
export {
  collectNodeScaling,
  type GroupCost,
  type NodeScalingCollector,
  type NodeScalingReport,
  type ScalingAction,
} from './autoscaling/NodeScalingCollector.js';
export { nodeUtilization } from './autoscaling/nodeUtilization.js';
export type { ResourceUsage } from './autoscaling/ResourceUsage.js';
export { HPA_DEFAULTS } from './autoscaling/replicaCalculator.js';
export {
  DEFAULT_BEHAVIOR,
  type ScalingBehavior,
  type ScalingPolicy,
  type ScalingRules,
} from './autoscaling/scalingBehavior.js';
export { curveAt, type UsageCurve } from './autoscaling/UsageCurve.js';
export type { HostTemplate } from './autoscaling/WhatIfCluster.js';
export { DO_NOT_DISRUPT, SAFE_TO_EVICT } from './autoscaling/whyUnmovable.js';
export { Container, type ContainerPhase, type ContainerSpec, isFinished } from './containers/Container.js';
export type { ContainerHealth } from './containers/ContainerHealth.js';
export { PROBE_DEFAULTS, type ProbeKind, type ProbeSet, type ProbeSpec } from './containers/Probe.js';
export type { Controller, EventReaction } from './controllers/Controller.js';
export { ROLLOUT_DEFAULTS, resolveCount, type ScaleDownPolicy } from './controllers/DeploymentController.js';
export type { DesiredState, ServiceDesiredState } from './controllers/DesiredState.js';
export { horizontalPodAutoscaler } from './controllers/HorizontalPodAutoscaler.js';
export type { ClusterEvent, ClusterEventType } from './events/ClusterEvent.js';
export type { EventListener, EventLog, EventLogMode } from './events/EventLog.js';
export type { FailureModel } from './failures/FailureModel.js';
export { type RandomContainerCrashesOptions, randomContainerCrashes } from './failures/randomContainerCrashes.js';
export { type RandomHostFailuresOptions, randomHostFailures } from './failures/randomHostFailures.js';
export { type ScriptedFault, scriptedFaults } from './failures/scriptedFaults.js';
export { antiAffinity } from './filters/antiAffinity.js';
export { defaultFilters } from './filters/defaultFilters.js';
export { hostReady } from './filters/hostReady.js';
export { interPodAffinity } from './filters/interPodAffinity.js';
export { memberOf } from './filters/memberOf.js';
export { nodeAffinity } from './filters/nodeAffinity.js';
export { resourceFit } from './filters/resourceFit.js';
export { taintToleration } from './filters/taintToleration.js';
export { topologySpread } from './filters/topologySpread.js';
export type { FunctionPlatform, FunctionPrices } from './functions/FunctionPlatform.js';
export type { FunctionFigures, FunctionReport, FunctionSeries, HostsUsed } from './functions/FunctionStats.js';
export { KEEP_ALIVE_POLICIES, type KeepAlivePolicyFactory } from './functions/functionSettings.js';
export type { KeepAlivePolicy, KeepAliveWindows } from './functions/KeepAlivePolicy.js';
export { fixedKeepAlive } from './functions/keepAlive/fixedKeepAlive.js';
export {
  HYBRID_HISTOGRAM_DEFAULTS,
  type HybridHistogramOptions,
  type HybridHistogramState,
  hybridHistogram,
} from './functions/keepAlive/hybridHistogram.js';
export { noKeepAlive } from './functions/keepAlive/noKeepAlive.js';
export {
  createKnativeDecider,
  KNATIVE_DEFAULTS,
  type KnativeDecider,
  type KnativeSettings,
  knativeDecision,
} from './functions/knativeAutoscaler.js';
export { FUNCTION_PLATFORMS, LAMBDA_PRICES } from './functions/platforms.js';
export { chooseDevices, type DeviceChooser } from './gpu/chooseDevices.js';
export { GpuNode, type GpuNodeSpec } from './gpu/experiment/GpuNode.js';
export {
  type FragmentationExperimentOptions,
  type FragmentationSeries,
  runFragmentationExperiment,
} from './gpu/experiment/runFragmentationExperiment.js';
export { devicesFit, GpuDevices, type GpuDevicesView } from './gpu/GpuDevices.js';
export { acceptsModel, type GpuRequest, gpuAmount, isShare, MILLI_PER_DEVICE } from './gpu/GpuRequest.js';
export { gpuDeviceFit } from './gpu/gpuDeviceFit.js';
export { gpuStrategy } from './gpu/gpuStrategy.js';
export { fgdPolicy } from './gpu/policies/fgdPolicy.js';
export {
  bestFitDevice,
  type GpuNodeView,
  type GpuPod,
  type GpuPolicy,
  idleMilli,
  podMilli,
  randomDevice,
} from './gpu/policies/GpuPolicy.js';
export { gpuBestFit, MAX_SPEC } from './gpu/policies/gpuBestFit.js';
export { gpuClustering, gpuTag } from './gpu/policies/gpuClustering.js';
export { gpuDotProduct } from './gpu/policies/gpuDotProduct.js';
export { gpuPacking } from './gpu/policies/gpuPacking.js';
export { gpuRandom } from './gpu/policies/gpuRandom.js';
export { nodeFragmentation } from './gpu/policies/nodeFragmentation.js';
export { type TypicalDemand, type TypicalPods, typicalPods } from './gpu/policies/typicalPods.js';
export { CRASH_BACKOFF_INITIAL_MS, CRASH_BACKOFF_MAX_MS, CRASH_BACKOFF_RESET_MS } from './health/Kubelet.js';
export { NODE_HEALTH_PRESETS, type NodeHealthSettings, type NodeLifecycle } from './health/NodeLifecycle.js';
export { Host, type HostState, type HostView } from './hosts/Host.js';
export type { HostSpec } from './hosts/HostSpec.js';
export { isTolerated, type Taint, type TaintEffect, type Toleration, tolerates } from './hosts/Taint.js';
export { type AvailabilityMetrics, collectAvailability } from './metrics/AvailabilityMetrics.js';
export type {
  AvailabilityReport,
  DurationStats,
  HostGroupAvailability,
  RolloutRecord,
  ServiceAvailability,
} from './metrics/AvailabilityReport.js';
export type { ClusterMetrics, ResourceMetric, SeriesPoint } from './metrics/ClusterMetrics.js';
export {
  collectGpuArrivals,
  type GpuArrivalCollector,
  type GpuArrivalReport,
} from './metrics/GpuArrivalCollector.js';
export { collectMetrics, type MetricsCollector, type MetricsOptions } from './metrics/MetricsCollector.js';
export { FAILURE_CAUSES, type FailureCause } from './network/FailureCause.js';
export type { EndpointView, LoadBalancingPolicy } from './network/LoadBalancingPolicy.js';
export { joinIdleQueue } from './network/policies/joinIdleQueue.js';
export { joinShortestQueue } from './network/policies/joinShortestQueue.js';
export { leastConnections } from './network/policies/leastConnections.js';
export { type LeastRequestOptions, leastRequest } from './network/policies/leastRequest.js';
export { type MaglevOptions, maglev } from './network/policies/maglev.js';
export { randomPolicy } from './network/policies/randomPolicy.js';
export { type RingHashOptions, ringHash } from './network/policies/ringHash.js';
export { roundRobinPolicy } from './network/policies/roundRobinPolicy.js';
export { sharedQueue } from './network/policies/sharedQueue.js';
export { weightedRoundRobin } from './network/policies/weightedRoundRobin.js';
export {
  BALANCING_POLICIES,
  type BalancingOptions,
  type BuiltInBalancing,
  type LoadBalancingPolicyFactory,
} from './network/policyCatalog.js';
export type { ServicePort } from './network/ServicePort.js';
export { collectSlo, type SloCollector, type SloRuntime } from './network/SloCollector.js';
export type { ServiceSloFigures, SloMetrics } from './network/SloMetrics.js';
export {
  collectTraffic,
  type TrafficCollector,
  type TrafficOptions,
  type TrafficRuntime,
} from './network/TrafficCollector.js';
export type {
  LatencyFigures,
  ServiceTrafficFigures,
  TrafficFigures,
  TrafficInterval,
  TrafficMetrics,
} from './network/TrafficMetrics.js';
export type { TrafficObserver } from './network/TrafficObserver.js';
export type { RequestFigures, ServiceFigures, TrafficReport } from './network/TrafficStats.js';
export type { DisruptionBudget, DisruptionBudgets } from './operations/DisruptionBudget.js';
export {
  DRAIN_REASON,
  type DrainHandle,
  type DrainOptions,
  type DrainStep,
  drainHost,
} from './operations/drainHost.js';
export { fractionOfRequest } from './operations/fractionOfRequest.js';
export { type MemoryUsageModel, usageBase } from './operations/MemoryUsageModel.js';
export { type MemoryLeakOptions, memoryLeak } from './operations/memoryLeak.js';
export {
  MEMORY_PRESSURE_REASON,
  type MemoryPressureAgent,
  type MemoryPressureOptions,
  memoryPressure,
  OOM_KILLED,
  type PressureAction,
} from './operations/memoryPressure.js';
export { perServiceUsage } from './operations/perServiceUsage.js';
export { type RandomWalkUsageOptions, randomWalkUsage } from './operations/randomWalkUsage.js';
export {
  REBALANCE_REASON,
  type RebalanceRun,
  type Rebalancer,
  type RebalancerOptions,
  rebalancer,
  type UtilizationThresholds,
} from './operations/rebalancer.js';
export { type ZoneOutage, type ZoneOutageOptions, zoneOutage } from './operations/zoneOutage.js';
export { formatQuantity, formatResources } from './quantities/formatQuantity.js';
export { parseDuration } from './quantities/parseDuration.js';
export { parseQuantity } from './quantities/parseQuantity.js';
export { MAX_CORES, quantityWarning } from './quantities/quantityWarning.js';
export { CPU, GPU, MEMORY, ResourceCatalog } from './resources/ResourceCatalog.js';
export { type AutoscalingSpec, METRICS_PIPELINE_DEFAULTS, type MetricSpec } from './scenario/autoscalingSchema.js';
export { LIMITS } from './scenario/fieldSchemas.js';
export {
  CLUSTER_AUTOSCALER_DEFAULTS,
  type ClusterAutoscalerConfig,
  EXPANDER_NAMES,
  type ExpanderName,
  NODE_GROUP_DEFAULTS,
  PROVISIONER_DEFAULTS,
} from './scenario/nodeAutoscalingSchema.js';
export {
  type ParseScenarioOptions,
  parsedFrom,
  parseScenario,
  parseScenarioText,
  type ScenarioCheck,
  type ScenarioCheckIssue,
  validate,
} from './scenario/parseScenario.js';
export { scenarioSchema } from './scenario/publicScenarioSchema.js';
export { scenarioJsonSchema } from './scenario/scenarioJsonSchema.js';
export type { ContainerTemplate, Scenario, ScenarioInput } from './scenario/scenarioSchema.js';
export { SUSPICIOUS_QUANTITY, scenarioWarnings } from './scenario/scenarioWarnings.js';
export { SLO_DEFAULT_WINDOW, type SloSpec } from './scenario/sloSchema.js';
export { type ClusterView, domainOf, HOSTNAME } from './scheduler/ClusterView.js';
export type { Decision, HostVerdict } from './scheduler/Decision.js';
export type { Filter } from './scheduler/Filter.js';
export { type FormatDecisionOptions, formatDecision } from './scheduler/formatDecision.js';
export type { NomadAffinity, NomadOperator, NomadPlacement, NomadSpread } from './scheduler/NomadPlacement.js';
export {
  type LabelRequirement,
  matchesRequirement,
  type PlacementRequest,
  type SpreadConstraint,
} from './scheduler/PlacementRequest.js';
export type {
  LabelSelector,
  PodAffinityRules,
  PodAffinityTerm,
  WeightedPodAffinityTerm,
} from './scheduler/PodAffinityTerm.js';
export { defaultNormalize, MAX_SCORE, type Scorer, type WeightedScorer } from './scheduler/Scorer.js';
export type { SelectionContext, Selector } from './scheduler/Selector.js';
export type { Strategy } from './scheduler/Strategy.js';
export {
  allHosts,
  type CandidateSampler,
  nomadLimit,
  percentageOfNodesToScore,
  randomSample,
} from './scheduler/sampling/CandidateSampler.js';
export { balancedAllocation } from './scorers/balancedAllocation.js';
export { balancedAllocationV136 } from './scorers/balancedAllocationV136.js';
export { dotProduct } from './scorers/dotProduct.js';
export { dotProductPacking } from './scorers/dotProductPacking.js';
export { type EcsBinpackField, ecsBinpack } from './scorers/ecsBinpack.js';
export { ecsSpread } from './scorers/ecsSpread.js';
export { fewestContainers } from './scorers/fewestContainers.js';
export { fewestServiceTasks } from './scorers/fewestServiceTasks.js';
export { imageLocality } from './scorers/imageLocality.js';
export { interPodAffinityScore } from './scorers/interPodAffinityScore.js';
export { leastAllocated } from './scorers/leastAllocated.js';
export { mostAllocated } from './scorers/mostAllocated.js';
export { nodeAffinityScore } from './scorers/nodeAffinityScore.js';
export { nomadBinpack } from './scorers/nomadBinpack.js';
export { NOMAD_MAX_FIT_SCORE, nomadFitTotal } from './scorers/nomadFitTotal.js';
export { nomadPlacementScore } from './scorers/nomadPlacementScore.js';
export { nomadSpread } from './scorers/nomadSpread.js';
export { type PodTopologySpreadScoreOptions, podTopologySpreadScore } from './scorers/podTopologySpreadScore.js';
export { recentFailures } from './scorers/recentFailures.js';
export { requestedToCapacityRatio, type UtilizationShapePoint } from './scorers/requestedToCapacityRatio.js';
export { DEFAULT_RESOURCES, type ResourceWeight } from './scorers/resourceSpec.js';
export { spreadPreference } from './scorers/spreadPreference.js';
export { DEFAULT_STRANDING_THRESHOLD, strandedResources } from './scorers/strandedResources.js';
export { swarmWeight } from './scorers/swarmWeight.js';
export { taintTolerationScore } from './scorers/taintTolerationScore.js';
export { bestFit, type FitMode, FitSelector, firstFit, roundRobin, worstFit } from './selectors/FitSelector.js';
export { OrderedSelector, type RankKey } from './selectors/OrderedSelector.js';
export { ScoredSelector } from './selectors/ScoredSelector.js';
export type { ImageCatalog } from './simulation/buildContainerSpec.js';
export { DEFAULT_CPU_REQUEST, DEFAULT_MEMORY_REQUEST } from './simulation/buildContainerSpec.js';
export type { ClusterRuntime, EvictOptions, SchedulingCounters } from './simulation/ClusterRuntime.js';
export type { ClusterReader } from './simulation/ClusterState.js';
export {
  type CompiledTemplate,
  compileTemplate,
  createContainerSpec,
  type SpecOverrides,
  type TemplateTarget,
} from './simulation/compileTemplate.js';
export { createSimulation, Simulation, type SimulationOptions } from './simulation/Simulation.js';
export type { ClusterSnapshot, ContainerSnapshot, HostSnapshot } from './simulation/SnapshotBuilder.js';
export { type NameOptions, simulationChecks } from './simulation/simulationChecks.js';
export { ECS_MAX_STRATEGIES, type EcsPlacementStrategy, ecsStrategy } from './strategies/presets/ecs.js';
export {
  type KubernetesStrategyOptions,
  kubernetesScorers,
  kubernetesStrategy,
} from './strategies/presets/kubernetes.js';
export { kubernetes136Scorers, kubernetes136Strategy } from './strategies/presets/kubernetes136.js';
export { type NomadAlgorithm, nomadStrategy } from './strategies/presets/nomad.js';
export {
  OPENSHIFT_PRESET_NAMES,
  type OpenShiftProfileName,
  openshiftStrategy,
} from './strategies/presets/openshift.js';
export { type SwarmStrategyName, swarmkitStrategy, swarmStrategy } from './strategies/presets/swarm.js';
export type { StrategyContext, StrategyFactory } from './strategies/StrategyFactory.js';
export { SCORERS, type ScorerFactory } from './strategies/scorerCatalog.js';
export { STRATEGIES } from './strategies/strategyCatalog.js';
export type { StreamContext } from './streams/StreamContext.js';
export type { StreamReport } from './streams/StreamFeed.js';
export type { StreamItem } from './streams/StreamItem.js';
export { type SyntheticStreamOptions, syntheticStream } from './streams/syntheticStream.js';
export type { TraceStreamEntry, TraceStreamFactory } from './streams/TraceStreamFactory.js';
export type { SourceReport, WorkloadSource } from './streams/WorkloadSource.js';

// Last, after every module above: keeps the function path's hidden classes alive between simulations.
import './functions/functionAnchors.js';
