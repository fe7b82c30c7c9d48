#!/usr/bin/env node
// The `berth` command. In the workspace (src/ present) it runs the TypeScript sources through tsx, with
// @berth/* packages resolved to their sources, so a stale build can never run; installed from the
// registry (only bin/ and dist/ are shipped) it runs the built dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/bin.ts', import.meta.url);
if (existsSync(source)) {
  const { registerSource } = await import('./registerSource.js');
  await registerSource();
  await import(source.href);
} else {
  await import(new URL('../dist/bin.js', import.meta.url).href);
}
