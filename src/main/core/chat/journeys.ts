import type { ChatConfig, ChatJourney } from '../../../shared/model/index.ts';

export type JourneyResult = { ok: true; text: string; journey?: string } | { ok: false; reason: string };

/** The journeys a stack defines, sorted by name, for the pane's presets. */
export function listJourneys(config: ChatConfig | undefined): Array<{ name: string } & ChatJourney> {
  return Object.entries(config?.journeys ?? {})
    .map(([name, journey]) => ({ name, ...journey }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The text to send for `message` under journey `name`: its template with every `{message}` replaced.
 * No journey: the message as typed. An unknown name is an input error listing the known ones.
 */
export function applyJourney(config: ChatConfig | undefined, name: string | undefined, message: string): JourneyResult {
  if (name === undefined || name === '') return { ok: true, text: message };
  const journeys = config?.journeys ?? {};
  const journey = Object.hasOwn(journeys, name) ? journeys[name] : undefined;
  if (!journey) {
    const known = Object.keys(journeys).sort();
    return {
      ok: false,
      reason: `unknown journey "${name}": ${known.length > 0 ? `the stack defines ${known.join(', ')}` : 'the stack defines none (chat.journeys in stack-doctor.yaml)'}`,
    };
  }
  // A function replacer: `$&`-style patterns in the message must stay literal.
  return { ok: true, text: journey.template.replaceAll('{message}', () => message), journey: name };
}
