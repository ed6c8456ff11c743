import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { listTarget } from './list-target.js';
import { text } from './options.js';

export const remove = defineCommand({
  name: 'remove',
  description: 'Take a paper that was added from chat off the list',
  example: 'remove 2503.19267',
  requiresManage: true,
  options: {
    paper: text({
      description: 'arXiv id, link or whole title of a paper added from chat',
      required: true,
      positional: true,
      autocomplete: 'chat-papers',
      maxLength: MAX_QUERY_LENGTH,
    }),
  },
  handler: async (input, context) => {
    const { list, actor } = listTarget('remove', context);
    return { kind: 'listed', result: await list.remove(input.paper, actor) };
  },
});
