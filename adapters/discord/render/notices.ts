/** Plain notices, errors and autocomplete choices. */
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { PaperbotError } from '../../../src/errors.js';
import type { Suggestion } from '../../../src/results.js';
import { LIMITS, md, plain } from './format.js';
import { message, type Rendered } from './message.js';

export function renderNotice(text: string, ephemeral = false): Rendered {
  return { ephemeral, message: message({ content: md(text, LIMITS.content, { multiline: true }) }) };
}

/** The friendly, specific text for an error; internal failures say so without details. */
export function renderError(error: PaperbotError, command?: string): Rendered {
  if (error.code === 'internal') {
    const where = command ? ` while running \`/paper ${command}\`` : '';
    const content = `Sorry, something went wrong on my side${where}. It has been logged; please try again in a moment.`;
    return { ephemeral: true, message: message({ content }) };
  }
  // The message quotes what the user typed: escaped like any other user text.
  const prefix = '⚠️ ';
  return { ephemeral: true, message: message({ content: `${prefix}${md(error.message, LIMITS.content - prefix.length, { multiline: true })}` }) };
}

export const STALE_BUTTON_TEXT = 'These results are from an older paper list. Run the search again to get fresh results.';

/** Autocomplete choices: at most 25, names ≤ 100, value = paper id (ids too long are skipped). */
export function renderChoices(suggestions: Suggestion[]): APIApplicationCommandOptionChoice<string>[] {
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const s of suggestions) {
    if (choices.length >= LIMITS.choices) break;
    if (!s.id || s.id.length > LIMITS.choiceValue) continue;
    const name = plain(s.title, LIMITS.choiceName) || plain(s.id, LIMITS.choiceName);
    choices.push({ name, value: s.id });
  }
  return choices;
}

