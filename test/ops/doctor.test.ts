/**
 * `paperbot doctor`, end to end: the built binary against the local fake Discord and Slack and a
 * local feed server, once set up right and then with the mistakes new operators make.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { commandDefinitions, registerCommands } from '../../adapters/discord/index.js';
import type { DoctorReport } from '../../adapters/doctor/index.js';
import { NEEDED_SCOPES } from '../../adapters/slack/doctor.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { runBin, scratchDir, SEED } from '../cli/run-bin.js';
import { APPLICATION_FLAGS, FAKE_APP_ID, FakeDiscord } from '../fakes/discord.js';
import { FAKE_MODEL, FakeOpenAi } from '../fakes/openai.js';
import { MANIFEST_SCOPES, startFakeSlack, TEST_APP_TOKEN, TEST_BOT_TOKEN, type FakeSlack } from '../fakes/slack.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStorage } from '../../src/storage/index.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { databaseEnv } from '../support/databases.js';
import { freePort } from '../support/net.js';

const TOKEN = 'fake.bot.token';
const HF_FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'hf-daily-papers.json'), 'utf8');
const ARXIV_FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'arxiv-atom.xml'), 'utf8');

let feeds: http.Server;
let feedBase: string;
beforeAll(async () => {
  feeds = http.createServer((req, res) => {
    // A model server that refuses the key, as OpenAI does.
    if (req.url?.startsWith('/locked/v1/models')) res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
    else if (req.url?.startsWith('/api/daily_papers')) res.writeHead(200, { 'content-type': 'application/json' }).end(HF_FIXTURE);
    else if (req.url?.startsWith('/api/query')) res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ARXIV_FIXTURE);
    else res.writeHead(404).end('no such page');
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
});
afterAll(async () => {
  feeds.closeAllConnections();
  await new Promise((resolve) => feeds.close(resolve));
});

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fakes(options: { scopes?: string[]; applicationFlags?: number } = {}): Promise<{ discord: FakeDiscord; slack: FakeSlack }> {
  const discord = await FakeDiscord.start({ token: TOKEN, ...(options.applicationFlags !== undefined ? { applicationFlags: options.applicationFlags } : {}) });
  const slack = await startFakeSlack(options.scopes ? { scopes: options.scopes } : {});
  cleanup.push(() => discord.stop(), () => slack.stop());
  return { discord, slack };
}

function env(discord: FakeDiscord, slack: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: FAKE_APP_ID,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_APP_TOKEN: TEST_APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    HF_DAILY_FEED: 'true',
    ARXIV_QUERIES: 'cat:cs.LG',
    HF_API_URL: `${feedBase}/api/daily_papers`,
    ARXIV_API_URL: `${feedBase}/api/query`,
    ...extra,
  };
}

async function doctorJson(args: string[], environment: Record<string, string>, cwd?: string): Promise<{ code: number | null; report: DoctorReport }> {
  const run = await runBin(['doctor', '--json', ...args], { env: environment, ...(cwd ? { cwd } : {}) });
  const lines = run.stdout.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  return { code: run.code, report: JSON.parse(lines[0] ?? '') as DoctorReport };
}

const find = (report: DoctorReport, check: string) => report.checks.filter((c) => c.check === check);

test('everything set up right: one ok line per check and exit 0', async () => {
  const { discord, slack } = await fakes();
  await registerCommands({ token: TOKEN, applicationId: FAKE_APP_ID, apiUrl: discord.apiUrl });
  const model = await FakeOpenAi.start();
  cleanup.push(() => model.stop());

  const run = await runBin(['doctor', '--corpus', SEED], { env: env(discord, slack, { LLM_BASE_URL: model.baseUrl, LLM_MODEL: FAKE_MODEL }) });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines.at(-1)).toBe('All needed checks passed.');
  const checks = lines.slice(0, -1);
  expect(checks.map((line) => line.split(/\s{2,}/)[1])).toEqual([
    'config',
    'corpus',
    'discord token',
    'discord application',
    'discord intents',
    'discord commands',
    'slack token',
    'slack scopes',
    'slack connection',
    'database',
    'model',
    'feed hf-daily',
    'feed arxiv cat:cs.LG',
  ]);
  for (const line of checks) expect(line).toMatch(/^ok {4}/);
  expect(run.stdout).toContain('papers-listing.txt: 50 papers (listing)');
  expect(run.stdout).toContain('valid: logged in as paperbot');
  expect(run.stdout).toContain('/paper and its');
  expect(run.stdout).toContain('Socket Mode: SLACK_APP_TOKEN opens connections');
  expect(run.stdout).toContain('does not exist yet; `paperbot start` (or a first `add`) creates it');
  expect(run.stdout).toContain(`${model.baseUrl} serves ${FAKE_MODEL}`);
  // It looks and changes nothing: the commands were read, not registered again; no database was made;
  // the model was asked for its list, not for an answer.
  expect(discord.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  expect(slack.callsTo('auth.test')).toHaveLength(1);
  expect(model.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
});

test('the usual mistakes: each is a FAIL line with its fix, and the exit status is 1', async () => {
  const { discord, slack } = await fakes({ scopes: MANIFEST_SCOPES.filter((s) => s !== 'reactions:write' && s !== 'users:read') });
  // Registered by an older version: one subcommand fewer.
  const [paper] = commandDefinitions() as Array<{ options: Array<{ name: string }> }>;
  await fetch(`${discord.apiUrl}/v10/applications/${FAKE_APP_ID}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ ...paper, options: paper?.options.filter((o) => o.name !== 'similar') }]),
  });
  const dir = scratchDir();
  const corpus = path.join(dir, 'papers.jsonl');
  fs.writeFileSync(corpus, `${JSON.stringify({ id: '1', title: 'A paper', abstract: 'It is fine.' })}\n{"id": "2", "title": "Cut off\n`);

  const { code, report } = await doctorJson(
    ['--corpus', corpus],
    env(discord, slack, { DISCORD_APPLICATION_ID: '999999999999999999', DISCORD_MESSAGE_CONTENT: 'true', ARXIV_API_URL: `${feedBase}/api/qeury` }),
    dir,
  );
  expect(code).toBe(1);
  expect(report.ok).toBe(false);
  const failed = report.checks.filter((c) => c.status === 'fail');
  expect(failed.map((c) => c.check)).toEqual(['corpus', 'discord application', 'discord intents', 'discord commands', 'slack scopes', 'feed arxiv cat:cs.LG']);
  expect(report.problems).toBe(6);
  for (const check of failed) expect(check.fix).toBeTruthy();

  expect(find(report, 'corpus')[0]?.message).toMatch(/^papers\.jsonl:2: /);
  expect(find(report, 'discord application')[0]).toMatchObject({ fix: expect.stringContaining(`DISCORD_APPLICATION_ID=${FAKE_APP_ID}`) });
  expect(find(report, 'discord intents')[0]?.fix).toContain('Privileged Gateway Intents');
  expect(find(report, 'discord commands')[0]?.message).toContain('missing /paper similar');
  expect(find(report, 'discord commands')[0]?.fix).toContain('npm run register');
  const scopes = find(report, 'slack scopes')[0];
  expect(scopes?.message).toContain('reactions:write (the hourglass on slow answers)');
  expect(scopes?.message).toContain('users:read');
  expect(scopes?.fix).toContain('Reinstall to Workspace');
  expect(find(report, 'feed arxiv cat:cs.LG')[0]?.message).toContain('HTTP 404');
  expect(find(report, 'feed hf-daily')[0]?.status).toBe('ok');
});

test('a rejected token stops the checks that need it; a Slack app in HTTP mode is told where Slack must reach it', async () => {
  const { discord, slack } = await fakes({ applicationFlags: APPLICATION_FLAGS.messageContent });
  const { code, report } = await doctorJson(
    ['--corpus', SEED],
    env(discord, slack, { DISCORD_TOKEN: 'an.old.token', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5', PORT: '8080' }),
  );
  expect(code).toBe(1);
  expect(find(report, 'discord token')).toEqual([
    { check: 'discord token', status: 'fail', message: 'Discord rejected DISCORD_TOKEN (401 Unauthorized)', fix: expect.stringContaining('Reset Token') },
  ]);
  expect(find(report, 'discord commands')).toEqual([]);
  const connection = find(report, 'slack connection')[0];
  expect(connection?.status).toBe('warn');
  expect(connection?.message).toContain('forwarded to port 8080');
  expect(connection?.message).toContain('does not look like a Slack signing secret');
});

test('SQLite: migrated, and a file that is not a database', async () => {
  const dir = scratchDir();
  const database = path.join(dir, 'state', 'paperbot.db');
  const storage = await openStorage(loadConfig({ DATABASE_PATH: database }).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
  await storage.close();
  const check = async (file: string) => {
    const { code, report } = await doctorJson(['--corpus', SEED], { DATABASE_PATH: file, HIGHLIGHTS_ENABLED: 'false' }, dir);
    return { code, database: find(report, 'database')[0] };
  };
  expect(await check(database)).toEqual({ code: 0, database: { check: 'database', status: 'ok', message: `SQLite at state/paperbot.db: reachable, schema v${SCHEMA_VERSION} (current)` } });

  const notes = path.join(dir, 'notes.txt');
  fs.writeFileSync(notes, 'not a database, but long enough that SQLite reads a header from it and refuses it\n'.repeat(20));
  const wrong = await check(notes);
  expect(wrong.code).toBe(1);
  expect(wrong.database).toMatchObject({ status: 'fail', message: expect.stringContaining('SQLite at notes.txt cannot be read'), fix: expect.stringContaining('DATABASE_PATH') });
});

test('PostgreSQL: not migrated yet, migrated, and unreachable', { timeout: 60_000 }, async () => {
  const discord = await FakeDiscord.start({ token: TOKEN });
  cleanup.push(() => discord.stop());
  await registerCommands({ token: TOKEN, applicationId: FAKE_APP_ID, apiUrl: discord.apiUrl });
  const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: FAKE_APP_ID, DISCORD_API_URL: discord.apiUrl };
  const database = await databaseEnv('postgres');
  const check = async (environment: Record<string, string>) => {
    const { code, report } = await doctorJson(['--corpus', SEED], { ...base, ...environment });
    return { code, database: find(report, 'database')[0] };
  };

  const fresh = await check(database);
  expect(fresh.code).toBe(0);
  expect(fresh.database?.status).toBe('ok');
  expect(fresh.database?.message).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:\\d+ \\(database "paperbot_\\w+"\\): reachable, schema v0; \`paperbot start\` migrates it to v${SCHEMA_VERSION}$`));

  const storage = await openStorage(loadConfig(database).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
  await storage.close();
  expect((await check(database)).database?.message).toContain(`schema v${SCHEMA_VERSION} (current)`);

  const nowhere = await check({ DATABASE_URL: `postgres://paperbot:secret-password@127.0.0.1:${await freePort()}/paperbot` });
  expect(nowhere.code).toBe(1);
  expect(nowhere.database?.status).toBe('fail');
  expect(nowhere.database?.message).toContain('connection refused');
  expect(nowhere.database?.fix).toContain('DATABASE_URL');
  expect(JSON.stringify(nowhere)).not.toContain('secret-password');
});

test('the model (LLM_*): served, not served, a single-model server, a refused key, no server; none configured is a skip', async () => {
  const many = await FakeOpenAi.start();
  const single = await FakeOpenAi.start({ models: ['/models/qwen2.5-7b-instruct-q4_k_m.gguf'] });
  cleanup.push(() => many.stop(), () => single.stop());
  const modelCheck = async (environment: Record<string, string>) => {
    const { code, report } = await doctorJson(['--corpus', SEED], { ...environment, HIGHLIGHTS_ENABLED: 'false' });
    expect(JSON.stringify(report)).not.toContain('sk-secret-key');
    return { code, model: find(report, 'model') };
  };

  expect(await modelCheck({ LLM_BASE_URL: many.baseUrl, LLM_MODEL: FAKE_MODEL })).toEqual({ code: 0, model: [{ check: 'model', status: 'ok', message: `${many.baseUrl} serves ${FAKE_MODEL}` }] });

  const missing = await modelCheck({ LLM_BASE_URL: many.baseUrl, LLM_MODEL: 'llama3.1:8b' });
  expect(missing.code).toBe(1);
  expect(missing.model[0]).toMatchObject({ status: 'fail', message: expect.stringContaining(`does not serve LLM_MODEL llama3.1:8b (it lists ${FAKE_MODEL}, other-model)`) });
  expect(missing.model[0]?.fix).toContain('`ollama pull llama3.1:8b`');

  const llamaCpp = await modelCheck({ LLM_BASE_URL: single.baseUrl, LLM_MODEL: 'qwen2.5' });
  expect(llamaCpp.code).toBe(0);
  expect(llamaCpp.model[0]).toMatchObject({ status: 'warn', fix: 'set LLM_MODEL=/models/qwen2.5-7b-instruct-q4_k_m.gguf to be sure' });

  const refused = await modelCheck({ LLM_BASE_URL: `${feedBase}/locked/v1`, LLM_MODEL: 'gpt-4o-mini', LLM_API_KEY: 'sk-secret-key' });
  expect(refused.code).toBe(1);
  expect(refused.model[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('refused the key: HTTP 401'), fix: expect.stringContaining('check LLM_API_KEY') });

  const nowhere = await modelCheck({ LLM_BASE_URL: `http://127.0.0.1:${await freePort()}/v1`, LLM_MODEL: 'llama3.1:8b' });
  expect(nowhere.code).toBe(1);
  expect(nowhere.model[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1/), fix: expect.stringContaining('LLM_BASE_URL') });

  expect(await modelCheck({})).toMatchObject({ code: 0, model: [{ check: 'model', status: 'skip' }] });
  // The model serves no request until one is asked: listing the models is all the doctor does.
  expect([...many.requests, ...single.requests].every((r) => r.path === '/v1/models')).toBe(true);
});

test('a configuration that does not parse is the one failure reported', async () => {
  const { code, report } = await doctorJson([], { PORT: 'eighty' });
  expect(code).toBe(1);
  expect(report.checks).toEqual([
    { check: 'config', status: 'fail', message: 'configuration: PORT: expected a port number', fix: expect.stringContaining('.env.example') },
  ]);
});

test('the scopes the doctor requires are all in the Slack app manifests', () => {
  for (const file of ['manifest.socket-mode.json', 'manifest.http.json']) {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'slack', file), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(Object.keys(NEEDED_SCOPES)));
  }
  expect(MANIFEST_SCOPES).toEqual(expect.arrayContaining(Object.keys(NEEDED_SCOPES)));
});
