/**
 * The deploy files read the way Docker, Compose and systemd read them, for the deploy tests: the
 * Dockerfile's instructions by stage, compose.yaml with its YAML merge keys, the systemd unit's
 * keys, and the variables `.env.example` documents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
export function dockerStages(file = path.join(ROOT, 'Dockerfile')): Stage[] {
  const joined = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n\s*/g, ' ');
  const stages: Stage[] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*\S)\s*$/.exec(line);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!;
    if (keyword === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      stages.push({ from: from!, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${keyword} before any FROM`);
      stage.instructions.push({ keyword, args });
    }
  }
  return stages;
}

/** `KEY=value KEY2=value` (ENV's form), unquoted. */
export function envAssignments(args: string): Record<string, string> {
  return Object.fromEntries([...args.matchAll(/(\w+)=("[^"]*"|\S*)/g)].map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]));
}

/** An exec-form instruction's words (`["node", "x.js"]`, after any options and `CMD`). */
export function execForm(args: string): string[] {
  const words = JSON.parse(args.slice(args.indexOf('['))) as unknown;
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) throw new Error(`not an exec-form array: ${args}`);
  return words;
}

export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  env_file?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] | string };
  init?: boolean;
  command?: string[] | string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const COMPOSE_FILE = path.join(ROOT, 'compose.yaml');

export function readCompose(): ComposeFile {
  return parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?error}`: the variables compose.yaml takes from the environment (.env). */
export function interpolated(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{(\w+)(?::?[-?+][^}]*)?\}/g)].map((m) => m[1]!))];
}

/** compose.yaml's value with its variables taken from `env` (`${X:?...}` fails when X is unset). */
export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([-?+])([^}]*))?\}/g, (_whole, name: string, op: string | undefined, rest: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (op === '?') throw new Error(`compose: ${name} is required (${rest})`);
    return op === '-' ? rest : '';
  });
}

/** The variables `.env.example` documents (`NAME=` lines). */
export function documentedVariables(): Set<string> {
  return new Set([...readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^(\w+)=/gm)].map((m) => m[1]!));
}

/** The services compose.yaml builds from this project's Dockerfile. */
export function paperbotServices(compose: ComposeFile): Array<[string, ComposeService]> {
  return Object.entries(compose.services).filter(([, service]) => service.build === '.' || (typeof service.build === 'object' && service.build.context === '.'));
}

/** A systemd unit's keys by section (a key given twice keeps every value). */
export function systemdUnit(file: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const section = /^\[(\w+)\]$/.exec(trimmed);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const key = /^(\w+)=(.*)$/.exec(trimmed);
    if (!key || !current) throw new Error(`${file}: cannot read "${trimmed}"`);
    current.set(key[1]!, [...(current.get(key[1]!) ?? []), key[2]!]);
  }
  return sections;
}
