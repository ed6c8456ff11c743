// The image built and run the way Docker and Compose would, without Docker (images cannot be pulled
// here): the build context (the project minus .dockerignore) copied clean, the build stage's npm steps
// run in it (install, compile, drop the development dependencies), the runtime stage assembled from
// what it copies out of the build, and the two compose replicas started from it with only what the
// Dockerfile and compose.yaml set, plus the tokens a user puts in .env: against the fake Discord, on
// one PostgreSQL. Each must come up healthy by the image's own HEALTHCHECK, be its own Discord shard,
// answer, and stop cleanly on SIGTERM. It installs and compiles from scratch (a few minutes), so it
// runs with `npm run test:deploy`, not with `npm test`.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FAKE_CHANNEL_2_ID, FAKE_CHANNEL_ID, FAKE_GUILD_2_ID, FAKE_GUILD_ID, FakeDiscord } from '../fakes/discord.js';
import { tryGet, until } from '../ops/http.js';
import { databaseEnv } from '../support/databases.js';
import { freePort } from '../support/net.js';
import { ROOT, dockerStages, envAssignments, execForm, interpolate, paperbotServices, readCompose, type Stage } from './files.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'paperbot-image-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `.dockerignore`'s patterns as a test on a relative path (`*` within one path segment). */
function dockerIgnored(): (file: string) => boolean {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  return (file) => patterns.some((pattern) => pattern.test(file));
}

/** The build context: the project's files (tracked, or new and not git-ignored) that .dockerignore lets through. */
function copyContext(to: string): void {
  const ignored = dockerIgnored();
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files.filter((f) => !ignored(f))) {
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(to, file));
  }
}

/** A stage's npm steps, in order (installing system packages is the base image's business). */
function npmSteps(stage: Stage): string[] {
  return stage.instructions
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => i.args.split('&&').map((step) => step.trim()))
    .filter((step) => step.startsWith('npm '));
}

/** The final stage's `COPY --from=build` lines, as paths relative to the build and runtime folders. */
function copiesFromBuild(stage: Stage, workdir: string): Array<{ from: string; to: string }> {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY' && i.args.startsWith('--from=build'))
    .flatMap((i) => {
      const [, ...paths] = i.args.split(/\s+/);
      const target = paths.pop()!;
      return paths.map((source) => {
        const from = path.posix.relative(workdir, path.posix.resolve(workdir, source));
        const dest = path.posix.relative(workdir, path.posix.resolve(workdir, target));
        return { from, to: target.endsWith('/') ? path.posix.join(dest, path.posix.basename(from)) : dest };
      });
    });
}

function run(command: string, cwd: string): void {
  execFileSync('sh', ['-c', command], { cwd, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

describe.runIf(process.env.PAPERBOT_DEPLOY_TEST)('the image, built and started as Docker and Compose would', () => {
  test('two replicas from the built image: healthy, one Discord shard each, answering, stopping on SIGTERM', { timeout: 1_200_000 }, async () => {
    const stages = dockerStages();
    const build = stages.find((s) => s.name === 'build')!;
    const runtime = stages.at(-1)!;
    const workdir = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)!.args;

    const context = path.join(work, 'build');
    copyContext(context);
    for (const step of npmSteps(build)) run(step, context);

    const image = path.join(work, 'image');
    for (const { from, to } of copiesFromBuild(runtime, workdir(runtime))) {
      mkdirSync(path.dirname(path.join(image, to)), { recursive: true });
      cpSync(path.join(context, from), path.join(image, to), { recursive: true });
    }
    // Nothing only development needs made it into the image (what the lockfile marks dev).
    const lock = JSON.parse(readFileSync(path.join(context, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([, entry]) => entry.dev).map(([at]) => at);
    expect(devOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/vitest', 'node_modules/minisearch']));
    expect(devOnly.filter((at) => existsSync(path.join(image, at)))).toEqual([]);
    // The native SQLite driver was built for this machine and loads (the replicas below use PostgreSQL).
    const sqlite = "const Database = require('better-sqlite3'); process.exit(new Database(':memory:').prepare('select 41 + 1 as n').get().n === 42 ? 0 : 1)";
    execFileSync(process.execPath, ['-e', sqlite], { cwd: image, stdio: 'pipe' });

    // The image's environment, its container paths moved under a folder of this test.
    const root = path.join(work, 'root');
    const imageEnv = Object.fromEntries(
      Object.entries(Object.assign({}, ...runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => envAssignments(i.args))) as Record<string, string>).map(
        ([name, value]) => [name, value.startsWith('/') ? path.join(root, value) : value],
      ),
    );
    for (const folder of [imageEnv.PAPERBOT_CACHE_DIR!, path.dirname(imageEnv.DATABASE_PATH!)]) mkdirSync(folder, { recursive: true });

    const fake = await FakeDiscord.start({
      shards: 2,
      guilds: [
        { id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID },
        { id: FAKE_GUILD_2_ID, channelId: FAKE_CHANNEL_2_ID },
      ],
    });
    const database = await databaseEnv('postgres');
    // What a user writes in .env: the bot's token (and, here, where the fake Discord is).
    const dotEnv = { DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl, POSTGRES_PASSWORD: 'secret' };
    const entry = [...execForm(runtime.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)!.args), ...execForm(runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.args)];
    const healthcheck = execForm(runtime.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1)!.args);

    const replicas = await Promise.all(
      paperbotServices(readCompose()).map(async ([name, service]) => {
        const composed = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), dotEnv)]));
        expect(composed.DATABASE_URL).toBe('postgres://paperbot:secret@db:5432/paperbot');
        // Both run on this one machine: the cache folder is the shared volume; each gets a port of its own.
        const port = await freePort();
        const env = { PATH: process.env.PATH ?? '', ...imageEnv, ...dotEnv, ...composed, PAPERBOT_CACHE_DIR: imageEnv.PAPERBOT_CACHE_DIR!, DATABASE_URL: database.DATABASE_URL!, PORT: String(port) };
        const child = spawn(entry[0]!, entry.slice(1), { cwd: image, env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        return { name, port, env, child, exited, stderr: () => stderr };
      }),
    );
    try {
      expect(replicas).toHaveLength(2);
      await fake.waitFor(() => fake.identifies.length === 2, 120_000, 'both replicas identifying');
      expect(fake.identifies.map((d) => d.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      for (const replica of replicas) {
        await until(async () => (await tryGet(replica.port, '/readyz'))?.status === 200, 60_000, `${replica.name} ready`);
        const check = spawn(healthcheck[0]!, healthcheck.slice(1), { cwd: image, env: replica.env, stdio: 'ignore' });
        expect(await new Promise((resolve) => check.on('close', resolve)), `${replica.name} HEALTHCHECK`).toBe(0);
      }
      const inFirst = fake.sendCommand('search', { query: 'diffusion policy' }, { guildId: FAKE_GUILD_ID });
      const inSecond = fake.sendCommand('search', { query: 'reinforcement learning' }, { guildId: FAKE_GUILD_2_ID });
      await fake.waitForEdit(inFirst.token, 30_000);
      await fake.waitForEdit(inSecond.token, 30_000);
      for (const replica of replicas) replica.child.kill('SIGTERM');
      for (const replica of replicas) expect(await replica.exited, replica.stderr()).toBe(0);
    } finally {
      for (const replica of replicas) if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
      await fake.stop();
    }
  });
});
