import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED, runBin, scratchDir } from './run-bin.js';

/** With --json, stdout must be exactly one JSON document and nothing else. */
function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

/** The seed's header and first two papers, then a title whose abstract went missing. */
function brokenListing(dir: string): { file: string; line: number } {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const secondAbstract = lines.findIndex((line) => line.startsWith('We consider the problem of learning the best possible policy'));
  const kept = lines.slice(0, secondAbstract + 1);
  kept.push('', 'A Title Whose Abstract Went Missing');
  const file = path.join(dir, 'broken-listing.txt');
  writeFileSync(file, `${kept.join('\n')}\n`);
  return { file, line: kept.length };
}

describe('one-shot commands on the seed listing', () => {
  test('search --json prints ranked results with snippets and links, and nothing else on stdout', async () => {
    const run = await runBin(['search', 'offline reinforcement learning', '--limit', '3', '--json']);
    expect(run.code).toBe(0);
    const result = onlyJson(run.stdout) as { query: string; total: number; limit: number; results: Array<Record<string, unknown>> };
    expect(result.query).toBe('offline reinforcement learning');
    expect(result.limit).toBe(3);
    expect(result.total).toBeGreaterThan(3);
    expect(result.results).toHaveLength(3);
    for (const hit of result.results) {
      expect(hit).toMatchObject({ id: expect.any(String), title: expect.any(String), score: expect.any(Number), snippet: expect.any(String) });
      expect(hit.links).toBeTypeOf('object');
      expect(String(hit.title) + String(hit.snippet)).toMatch(/offline|reinforcement/i);
    }
  });

  test('ask --json answers with the fact and cites NeoRL-2 first', async () => {
    const run = await runBin(['ask', 'how many datasets does NeoRL-2 contain?', '--json']);
    expect(run.code).toBe(0);
    const result = onlyJson(run.stdout) as { found: boolean; answer: string; citations: Array<{ n: number; id: string; title: string; url: string }> };
    expect(result.found).toBe(true);
    expect(result.answer).toContain('7 datasets');
    expect(result.answer.length).toBeLessThanOrEqual(600);
    expect(result.citations[0]).toMatchObject({ n: 1, id: '2503.19267', url: 'https://arxiv.org/abs/2503.19267' });
    expect(result.citations[0]?.title).toMatch(/^NeoRL-2/);
  });

  test('positional words join into the question, as a user types them unquoted', async () => {
    const run = await runBin(['ask', 'how', 'many', 'datasets', 'does', 'NeoRL-2', 'contain?', '--json']);
    const result = onlyJson(run.stdout) as { question: string; answer: string };
    expect(result.question).toBe('how many datasets does NeoRL-2 contain?');
    expect(result.answer).toContain('7 datasets');
  });

  test('ask about something the papers do not cover says so', async () => {
    const run = await runBin(['ask', 'what is the capital of France?', '--json']);
    expect(run.code).toBe(0);
    const result = onlyJson(run.stdout) as { found: boolean; citations: unknown[] };
    expect(result.found).toBe(false);
    expect(result.citations).toEqual([]);
  });

  test('show --json returns the paper with its summary and direct arXiv links', async () => {
    const run = await runBin(['show', 'NeoRL-2', '--json']);
    expect(run.code).toBe(0);
    const { paper } = onlyJson(run.stdout) as { paper: { id: string; title: string; abstract: string; summary: string; links: Record<string, string> } };
    expect(paper.id).toBe('2503.19267');
    expect(paper.summary.length).toBeGreaterThan(40);
    expect(paper.abstract).toContain(paper.summary.slice(0, 30));
    expect(paper.links).toMatchObject({ arxiv: 'https://arxiv.org/abs/2503.19267', pdf: 'https://arxiv.org/pdf/2503.19267' });
  });

  test('show of an unknown paper: paper null, a suggestions array, exit 1', async () => {
    const json = await runBin(['show', 'zzzz qqq', '--json']);
    expect(json.code).toBe(1);
    const result = onlyJson(json.stdout);
    expect(result.paper).toBeNull();
    expect(Array.isArray(result.suggestions)).toBe(true);

    const text = await runBin(['show', 'zzzz qqq']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('No paper matches "zzzz qqq"');
  });

  test('text output: numbered results, the answer with [n] and its sources, no ANSI codes when piped', async () => {
    const search = await runBin(['search', 'offline reinforcement learning', '--limit', '2']);
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/^1\. .+\n/m);
    expect(search.stdout).toMatch(/^2\. .+\n/m);
    expect(search.stdout).toContain('More: add --offset 2');
    expect(search.stdout).not.toContain('\u001b[');

    const ask = await runBin(['ask', 'how many datasets does NeoRL-2 contain?']);
    expect(ask.stdout).toContain('7 datasets');
    expect(ask.stdout).toMatch(/Sources:\n {2}\[1\] NeoRL-2/);
    expect(ask.stderr).toBe('');
  });

  test('similar, highlights, stats and help run one-shot', async () => {
    const similar = onlyJson((await runBin(['similar', 'NeoRL-2', '--limit', '2', '--json'])).stdout) as { paper: { id: string }; results: Array<{ id: string }> };
    expect(similar.paper.id).toBe('2503.19267');
    expect(similar.results).toHaveLength(2);
    expect(similar.results.map((r) => r.id)).not.toContain('2503.19267');

    const highlights = onlyJson((await runBin(['highlights', '--limit', '3', '--json'])).stdout) as { highlights: unknown[] };
    expect(highlights.highlights).toHaveLength(3);

    const stats = onlyJson((await runBin(['stats', '--json'])).stdout);
    expect(stats).toMatchObject({ papers: 50, withArxivId: 12 });

    const help = await runBin(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['search [query]', 'ask <question>', 'show <paper>', 'similar <paper>', 'highlights', 'stats', 'batch', 'register', 'invite']) {
      expect(help.stdout).toContain(name);
    }
    const one = await runBin(['help', 'search']);
    expect(one.stdout).toContain('--limit');
    expect(one.stdout).toContain('example: search offline reinforcement learning --limit 3');
  });

  test('--opt=value works like --opt value', async () => {
    const run = await runBin(['search', '--limit=2', 'diffusion', 'policy', '--json']);
    const result = onlyJson(run.stdout) as { query: string; results: unknown[] };
    expect(result.query).toBe('diffusion policy');
    expect(result.results).toHaveLength(2);
  });
});

describe('mistakes give an error, a non-zero exit and never a stack trace', () => {
  test.each([['0'], ['abc']])('--limit %s: bad_option, exit 2', async (limit) => {
    const run = await runBin(['search', 'diffusion', '--limit', limit, '--json']);
    expect(run.code).toBe(2);
    const { error } = onlyJson(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_option');
    expect(error.message).toContain('"limit"');
  });

  test('without --json the message goes to stderr and stdout stays empty', async () => {
    const run = await runBin(['search', 'diffusion', '--limit', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('search: option "limit" expected a whole number');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown option is named, with the valid ones', async () => {
    const run = await runBin(['search', 'diffusion', '--bogus', '1', '--json']);
    expect(run.code).toBe(2);
    const { error } = onlyJson(run.stdout) as { error: { code: string; message: string } };
    expect(error).toEqual({ code: 'bad_option', message: 'search: unknown option --bogus (valid options: --query, --limit, --offset, --since, --until, --author)' });
  });

  test('an unknown command lists the commands', async () => {
    const run = await runBin(['frobnicate', '--json']);
    expect(run.code).toBe(2);
    const { error } = onlyJson(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('unknown_command');
    expect(error.message).toContain('search, ask, show, similar, highlights, stats, add, remove, help');
  });

  test('a broken listing: exit 1 with the file and line of the title without abstract', async () => {
    const dir = scratchDir();
    const { file, line } = brokenListing(dir);
    const text = await runBin(['search', 'policy', '--corpus', file], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`${file}:${line}:`);
    expect(text.stderr).toContain('has no abstract');
    expect(text.stderr).not.toMatch(/\n\s+at /);

    const json = await runBin(['search', 'policy', '--corpus', file, '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    const { error } = onlyJson(json.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('corpus_error');
    expect(error.message).toContain(`${file}:${line}:`);
  });

  test('a bad configuration value names the variable', async () => {
    const run = await runBin(['stats', '--json'], { env: { LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(1);
    const { error } = onlyJson(run.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('config_error');
    expect(error.message).toContain('LOG_LEVEL');
  });

  test('invite and register say which variables are missing', async () => {
    const invite = await runBin(['invite']);
    expect(invite.code).toBe(1);
    expect(invite.stderr).toContain('DISCORD_APPLICATION_ID');
    const register = await runBin(['register']);
    expect(register.code).toBe(1);
    expect(register.stderr).toContain('set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
    const url = await runBin(['invite'], { env: { DISCORD_APPLICATION_ID: '123456789012345678' } });
    expect(url.code).toBe(0);
    expect(url.stdout).toMatch(/^https:\/\/discord\.com\/oauth2\/authorize\?client_id=123456789012345678&/);
  });
});

describe('choosing the corpus', () => {
  const record = { id: 'quokka-2099', title: 'Quokka Networks for Marsupial Vision', abstract: 'We train quokka networks. They see 12 marsupials at once.' };

  test('--corpus with a JSONL file replaces the bundled listing; --corpus repeats', async () => {
    const dir = scratchDir();
    const jsonl = path.join(dir, 'papers.jsonl');
    writeFileSync(jsonl, `${JSON.stringify(record)}\n`);
    const only = onlyJson((await runBin(['stats', '--corpus', jsonl, '--json'], { cwd: dir })).stdout);
    expect(only.papers).toBe(1);

    const seed = path.join(dir, 'seed.txt');
    copyFileSync(SEED, seed);
    const both = await runBin(['search', 'quokka marsupial', '--corpus', seed, '--corpus', jsonl, '--json'], { cwd: dir });
    const result = onlyJson(both.stdout) as { results: Array<{ id: string }> };
    expect(result.results[0]?.id).toBe('quokka-2099');
    const stats = onlyJson((await runBin(['stats', '--corpus', seed, '--corpus', jsonl, '--json'], { cwd: dir })).stdout);
    expect(stats.papers).toBe(51);
  });

  test('PAPERS_CORPUS (comma-separated) is used when --corpus is absent', async () => {
    const dir = scratchDir();
    const jsonl = path.join(dir, 'papers.jsonl');
    writeFileSync(jsonl, `${JSON.stringify(record)}\n`);
    const run = await runBin(['ask', 'how many marsupials do quokka networks see?', '--json'], { cwd: dir, env: { PAPERS_CORPUS: `${SEED},${jsonl}` } });
    const result = onlyJson(run.stdout) as { found: boolean; citations: Array<{ id: string }> };
    expect(result.found).toBe(true);
    expect(result.citations[0]?.id).toBe('quokka-2099');
  });
});

interface BatchLine {
  error?: { code: string; message: string; line: number };
  found?: boolean;
  answer?: string;
  query?: string;
  results?: unknown[];
  paper?: { id: string };
  papers?: number;
}

describe('batch --json', () => {
  test('one JSON line per input line, in order; a bad line is an error naming its line; blank lines skipped', async () => {
    const input = [
      JSON.stringify({ command: 'ask', text: 'how many datasets does NeoRL-2 contain?' }),
      '',
      '{"command": "search", "text": "diffusion policy", "limit": 0}',
      JSON.stringify({ command: 'search', text: 'diffusion policy', limit: 2 }),
      'not json',
      JSON.stringify({ command: 'show', text: 'NeoRL-2' }),
    ].join('\n');
    const run = await runBin(['batch', '--json'], { input });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as BatchLine);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ found: true });
    expect(lines[0]?.answer).toContain('7 datasets');
    expect(lines[1]?.error).toMatchObject({ code: 'bad_option', line: 3 });
    expect(lines[1]?.error?.message).toMatch(/^line 3: search: option "limit"/);
    expect(lines[2]).toMatchObject({ query: 'diffusion policy' });
    expect(lines[2]?.results).toHaveLength(2);
    expect(lines[3]?.error).toMatchObject({ code: 'bad_option', line: 5 });
    expect(lines[3]?.error?.message).toContain('not valid JSON');
    expect(lines[4]?.paper?.id).toBe('2503.19267');
  });

  test('unknown commands and stray text are per-line errors', async () => {
    const input = [JSON.stringify({ command: 'dance' }), JSON.stringify({ command: 'stats', text: 'x' }), JSON.stringify({ command: 'stats' })].join('\n');
    const run = await runBin(['batch'], { input });
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as BatchLine);
    expect(lines.map((l) => l.error?.code ?? 'ok')).toEqual(['unknown_command', 'bad_option', 'ok']);
    expect(lines[2]?.papers).toBe(50);
  });
});

describe('asking one paper', () => {
  test('ask --paper answers from that paper alone; a question its abstract does not answer says so and shows the paper', async () => {
    const answered = await runBin(['ask', 'how many datasets?', '--paper', 'NeoRL-2', '--json']);
    expect(answered.code).toBe(0);
    const result = onlyJson(answered.stdout) as { outcome: string; citations: Array<{ id: string }> };
    expect(result.outcome).toBe('answered');
    expect(result.citations.map((c) => c.id)).toEqual(['2503.19267']);

    const silent = await runBin(['ask', 'how many GPUs did they use?', '--paper', 'NeoRL-2']);
    expect(silent.code).toBe(0);
    expect(silent.stdout).toMatch(/NeoRL-2's abstract doesn.t say/);
    expect(silent.stdout).toContain('https://arxiv.org/abs/2503.19267');
    expect(silent.stdout).toContain('code: https://github.com/polixir/NeoRL2');
  });

  test('in batch, "paper" is the option; an unknown paper is an error with suggestions, one that matches several says so', async () => {
    const input = [
      JSON.stringify({ command: 'ask', text: 'how many datasets?', paper: 'NeoRL-2' }),
      JSON.stringify({ command: 'ask', text: 'how many datasets?', paper: 'zzzz qqqq' }),
      JSON.stringify({ command: 'ask', text: 'how many datasets?', paper: 'policy' }),
    ].join('\n');
    const run = await runBin(['batch'], { input });
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as BatchLine & { outcome?: string; citations?: Array<{ id: string }> });
    expect(lines[0]?.outcome).toBe('answered');
    expect(lines[0]?.citations?.map((c) => c.id)).toEqual(['2503.19267']);
    expect(lines[1]?.error).toMatchObject({ code: 'not_found', message: 'line 2: No paper matches "zzzz qqqq".' });
    expect(lines[2]?.error).toMatchObject({ code: 'not_found', message: 'line 3: Several papers match "policy"; name one of them.' });
  });
});

describe('search and show say what they found', () => {
  test('search --author without words lists that author\'s papers, newest first', async () => {
    const text = await runBin(['search', '--author', 'Meng']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^1 paper by an author matching "Meng", newest first \(showing 1-1\):/);
    expect(text.stdout).toContain('Diverse Controllable Diffusion Policy with Signal Temporal Logic');
    const json = onlyJson((await runBin(['search', '--author', 'Meng', '--json'])).stdout) as { query: string; author: string; total: number; results: Array<{ authors: string[] }> };
    expect(json).toMatchObject({ query: '', author: 'Meng', total: 1 });
    expect(json.results[0]?.authors).toContain('Yue Meng');

    const nothing = await runBin(['search']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('search: give words to look for, or list papers by --author, --since or --until');
  });

  test('the count says what it counts: papers with any of several words are said to mention some of them', async () => {
    const several = await runBin(['search', 'diffusion policy', '--limit', '1']);
    expect(several.stdout).toMatch(/^\d+ papers mention some of the words "diffusion policy", best matches first \(showing 1-1\):/);
    const one = await runBin(['search', 'diffusion', '--limit', '1']);
    expect(one.stdout).toMatch(/^6 papers match "diffusion" \(showing 1-1\):/);
  });

  test('show with a word several titles hold says several match and lists them; nothing matching is still "No paper matches"', async () => {
    const text = await runBin(['show', 'policy']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Several papers match "policy":\n {2}- Policy/);
    expect(text.stdout).toContain('Policy-Guided Diffusion (policy-guided-diffusion)');
    expect(onlyJson((await runBin(['show', 'policy', '--json'])).stdout)).toMatchObject({ paper: null, ambiguous: true });
    expect(onlyJson((await runBin(['show', 'zzzz qqq', '--json'])).stdout)).toMatchObject({ paper: null, ambiguous: false });
  });
});

describe('start without tokens', () => {
  test('opens the console on the bundled corpus and exits 0 when stdin closes', async () => {
    const run = await runBin(['start'], { input: 'stats\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('paperbot: 50 papers loaded');
    expect(run.stdout).toContain('paperbot> ');
    expect(run.stdout).toContain('50 papers (corpus version');
  });

  test('no arguments at all means start', async () => {
    const run = await runBin([], { input: 'quit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Type "help" for commands');
  });
});
