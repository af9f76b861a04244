import { settingsKeys, settingsSchema, type SettingsKey } from '../../../shared/model/index.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';

function isKey(key: string): key is SettingsKey {
  return (settingsKeys as string[]).includes(key);
}

/** `set` takes JSON (`60`, `null`, `["/a","/b"]`); anything that is not JSON is taken as a plain string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `stack-doctor settings [get [KEY] | set KEY VALUE | path]` on the app's settings store (conf, for the CLI). */
export async function runSettings(deps: CliDeps, action: string, args: string[], verbose: boolean): Promise<ExitCodeValue> {
  // Only the settings: the app's services (and the Docker and chat clients) are never loaded here.
  const app = deps.openApp({ verbose });
  const { settings } = app;
  const fail = (message: string): ExitCodeValue => {
    deps.stderr.write(`stack-doctor: ${message}\n`);
    return ExitCode.couldNotDiagnose;
  };
  try {
    const [key, value] = args;
    if (action === 'path') {
      deps.stdout.write(`${settings.path}\n`);
      return ExitCode.healthy;
    }
    if (action === 'get') {
      const all = settings.get();
      if (key === undefined) deps.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else if (isKey(key)) deps.stdout.write(`${JSON.stringify(all[key])}\n`);
      else return fail(`unknown setting "${key}" (one of: ${settingsKeys.join(', ')})`);
      return ExitCode.healthy;
    }
    if (action === 'set') {
      if (key === undefined || value === undefined) return fail('usage: stack-doctor settings set KEY VALUE');
      if (!isKey(key)) return fail(`unknown setting "${key}" (one of: ${settingsKeys.join(', ')})`);
      const parsed = settingsSchema.shape[key].safeParse(parseValue(value));
      if (!parsed.success) return fail(`invalid value for ${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const next = settings.update({ [key]: parsed.data });
      deps.stdout.write(`${key} = ${JSON.stringify(next[key])}\n`);
      return ExitCode.healthy;
    }
    return fail(`unknown settings action "${action}" (get, set or path)`);
  } finally {
    await app.dispose();
  }
}
