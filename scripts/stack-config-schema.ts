import { z } from 'zod';
import { format, resolveConfig } from 'prettier';
import { stackConfigSchema } from '../src/shared/model/stack-config.ts';

/** Where the JSON Schema of stack-doctor.yaml is checked in and shipped, relative to the package root. */
export const STACK_CONFIG_SCHEMA_FILE = 'schema/stack-doctor.schema.json';

/** The formats JSON Schema draft 7 defines that zod emits here. */
const STANDARD_FORMATS = new Set(['uri', 'email', 'date-time', 'date', 'time', 'uuid', 'ipv4', 'ipv6', 'regex']);

/**
 * The JSON Schema of `stack-doctor.yaml` / `stack-doctor.json`, generated from the zod schema the product
 * validates with (zod 4 `z.toJSONSchema`, input side: what a user writes), formatted as prettier formats the
 * checked-in file. Draft 7: the draft yaml-language-server and VS Code's JSON support read best. zod refinements
 * (the 1–65535 port check of URLs) have no JSON Schema form and stay the product's own check.
 */
export async function renderStackConfigSchema(file: string): Promise<string> {
  const schema = {
    title: 'stack-doctor.yaml',
    description:
      'Stack Doctor workspace configuration (stack-doctor.yaml or stack-doctor.json at the workspace root). Every field is optional.',
    ...z.toJSONSchema(stackConfigSchema, {
      io: 'input',
      target: 'draft-7',
      // zod names its string checks as formats (`starts_with`, `includes`) beside the `pattern` that carries them;
      // no JSON Schema format has those names, and strict validators reject unknown ones.
      override: ({ jsonSchema }) => {
        if (jsonSchema.format !== undefined && !STANDARD_FORMATS.has(jsonSchema.format)) delete jsonSchema.format;
      },
    }),
  };
  const options = (await resolveConfig(file)) ?? {};
  return format(JSON.stringify(schema), { ...options, parser: 'json', filepath: file });
}
