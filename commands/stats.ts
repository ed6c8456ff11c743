import { defineCommand } from './command.js';

export const stats = defineCommand({
  name: 'stats',
  description: 'What the loaded corpus holds: papers, sources, dates',
  example: 'stats',
  options: {},
  handler: (_input, { core }) => ({ kind: 'stats', result: core.stats() }),
});
