/**
 * The fresh question set (bench/fresh-questions/): questions written from papers of the shared corpus
 * drawn at random with a fixed seed, split into a tuning half and a test half before anyone ran
 * `ask` on them. See bench/fresh-questions/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../src/config.js';

export const FRESH_FILE = path.join(PROJECT_ROOT, 'bench', 'fresh-questions', 'questions.json');

const freshQuestion = z.object({
  question: z.string().min(1),
  paper: z.string().nullable(),
  phrase: z.string().optional(),
  topic: z.array(z.string()).optional(),
  style: z.string(),
  split: z.enum(['tuning', 'test']),
});

export type FreshQuestion = z.infer<typeof freshQuestion>;

export function loadFreshQuestions(): FreshQuestion[] | undefined {
  if (!existsSync(FRESH_FILE)) return undefined;
  const parsed = z.object({ questions: z.array(freshQuestion) }).safeParse(JSON.parse(readFileSync(FRESH_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${path.relative(PROJECT_ROOT, FRESH_FILE)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.questions;
}
