import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { listTarget } from './list-target.js';
import { text } from './options.js';

export const add = defineCommand({
  name: 'add',
  description: 'Add an arXiv paper to the list, by id or link',
  example: 'add 2503.19267',
  requiresManage: true,
  options: {
    paper: text({
      description: 'arXiv id or link: 2503.19267, arXiv:2503.19267v2, an arxiv.org or huggingface.co/papers link',
      required: true,
      positional: true,
      maxLength: MAX_QUERY_LENGTH,
    }),
  },
  handler: async ({ paper }, context) => {
    const { list, actor } = listTarget('add', context);
    return { kind: 'listed', result: await list.add(paper, actor) };
  },
});
