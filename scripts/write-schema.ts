// `npm run schema`: writes schema/stack-doctor.schema.json from the zod schema of stack-doctor.yaml.
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderStackConfigSchema, STACK_CONFIG_SCHEMA_FILE } from './stack-config-schema.ts';

const file = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), STACK_CONFIG_SCHEMA_FILE);
await writeFile(file, await renderStackConfigSchema(file));
console.log(`wrote ${STACK_CONFIG_SCHEMA_FILE}`);
