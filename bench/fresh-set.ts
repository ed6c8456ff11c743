/**
 * The fresh question sets (bench/fresh-questions/): questions written from papers of the shared corpus
 * drawn at random with a fixed seed, split into a tuning half and a test half before anyone ran
 * `ask` on them. See bench/fresh-questions/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../src/config.js';

const FRESH_DIR = path.join(PROJECT_ROOT, 'bench', 'fresh-questions');

/** Each set by its name in the figures; later sets were written after the engine had been tuned on earlier ones. */
export const FRESH_SETS = [
  { name: 'fresh 1', file: path.join(FRESH_DIR, 'questions.json') },
  { name: 'fresh 2', file: path.join(FRESH_DIR, 'questions-2.json') },
] as const;

export type FreshSetName = (typeof FRESH_SETS)[number]['name'];

const freshQuestion = z.object({
  question: z.string().min(1),
  paper: z.string().nullable(),
  phrase: z.string().optional(),
  topic: z.array(z.string()).optional(),
  style: z.string(),
  kind: z.string().optional(),
  split: z.enum(['tuning', 'test']),
});

export type FreshQuestion = z.infer<typeof freshQuestion>;

function loadSet(file: string): FreshQuestion[] | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = z.object({ questions: z.array(freshQuestion) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.relative(PROJECT_ROOT, file)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.questions;
}

/** Every fresh set that is there, by name. */
export function loadFreshSets(): Array<{ name: FreshSetName; questions: FreshQuestion[] }> {
  return FRESH_SETS.flatMap(({ name, file }) => {
    const questions = loadSet(file);
    return questions ? [{ name, questions }] : [];
  });
}

/** The questions of every fresh set, one list. */
export function loadFreshQuestions(): FreshQuestion[] {
  return loadFreshSets().flatMap((set) => set.questions);
}

const EVERYDAY_FILE = path.join(PROJECT_ROOT, 'bench', 'data', 'everyday-tuning.json');

/** Everyday questions written for tuning only: the fresh sets hold too few to set a threshold on. */
export function loadEverydayTuning(): string[] {
  const parsed = z.object({ questions: z.array(z.string().min(1)) }).safeParse(JSON.parse(readFileSync(EVERYDAY_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${path.relative(PROJECT_ROOT, EVERYDAY_FILE)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.questions;
}
