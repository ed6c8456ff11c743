/** What `add` and `remove` share: the list service, and who is changing the list. */
import { PaperbotError } from '../src/errors.js';
import type { Actor, PaperListService } from '../src/list/types.js';
import type { CommandContext } from './command.js';

export function listTarget(command: string, { list, caller }: CommandContext): { list: PaperListService; actor: Actor } {
  if (!list) {
    throw new PaperbotError('config_error', `${command}: changing the paper list needs the database (DATABASE_PATH or DATABASE_URL), which is not open here`, {
      command,
    });
  }
  return {
    list,
    actor: { platform: caller.platform, ...(caller.userId ? { userId: caller.userId } : {}), ...(caller.channelId ? { channelId: caller.channelId } : {}) },
  };
}
