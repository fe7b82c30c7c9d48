// Entry of a worker thread running from the workspace's sources: registers tsx and the source condition,
// then loads the TypeScript module named in workerData.module (the worker's real entry).
import { workerData } from 'node:worker_threads';
import { registerSource } from './registerSource.js';

await registerSource();
await import(workerData.module);
