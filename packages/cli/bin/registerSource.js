// Lets this thread import the workspace's TypeScript sources: tsx compiles them, and a resolve hook adds
// the "@berth/source" export condition so @berth/* packages resolve to src/ rather than an unbuilt dist/.
import { register } from 'node:module';

/** Registers tsx and the source condition in the calling thread (main or worker). */
export async function registerSource() {
  const tsx = await import('tsx/esm/api');
  tsx.register();
  register(new URL('./sourceCondition.js', import.meta.url));
}
