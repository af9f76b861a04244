import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStackConfigSchema, STACK_CONFIG_SCHEMA_FILE } from '../../../scripts/stack-config-schema.ts';

const file = join(import.meta.dirname, '../../..', STACK_CONFIG_SCHEMA_FILE);

describe('the JSON Schema of stack-doctor.yaml', () => {
  it('is the checked-in file, regenerated from the zod schema', async () => {
    const [generated, checkedIn] = await Promise.all([renderStackConfigSchema(file), readFile(file, 'utf8')]);
    expect(checkedIn === generated, `${STACK_CONFIG_SCHEMA_FILE} is out of date with stackConfigSchema: run npm run schema`).toBe(true);
  });

  it('lets editors flag what the product rejects: unknown keys, out-of-range timeouts, non-URL health', async () => {
    interface Node {
      $schema?: string;
      additionalProperties?: boolean | Node;
      properties: Record<string, Node>;
    }
    const schema = JSON.parse(await renderStackConfigSchema(file)) as Node;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    const service = schema.properties['services']?.additionalProperties as Node;
    expect(service.additionalProperties).toBe(false);
    expect(service.properties['timeoutMs']).toMatchObject({ type: 'integer', minimum: 50, maximum: 60000 });
    expect(service.properties['health']).toMatchObject({ type: 'string', format: 'uri' });
    expect(JSON.stringify(schema)).not.toMatch(/"format":"(starts_with|includes)"/);
  });
});
