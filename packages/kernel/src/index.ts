export { type AgendaEntry, compareEntries, NORMAL, URGENT } from './Agenda.js';
export { Callback } from './Callback.js';
export { allOf, anyOf, type FirstOf } from './conditions.js';
export { Environment, type EnvironmentOptions, type RunOptions, type TraceListener } from './Environment.js';
export { argumentError, ConfigError, type ConfigIssue, formatPath, SimulationError } from './errors.js';
export { Interrupt } from './Interrupt.js';
export { Process, type ProcessGenerator, type ProcessOptions } from './Process.js';
export { type EventCallback, SimEvent } from './SimEvent.js';
