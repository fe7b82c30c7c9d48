#!/usr/bin/env node
// The `berth` command. Installed from the registry it runs the built dist/; in the workspace (no dist/)
// it runs the TypeScript sources through tsx, with @berth/* packages resolved to their sources.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { registerSource } = await import('./registerSource.js');
  await registerSource();
  await import(new URL('../src/bin.ts', import.meta.url).href);
}
