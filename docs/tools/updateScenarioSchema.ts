// Rewrites docs/scenario.schema.json from the zod scenario schema.
// Usage: pnpm run schema:update   (a test fails while the committed file is out of date)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '@berth/cluster';

const file = fileURLToPath(new URL('../scenario.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`✔ wrote ${file}`);
