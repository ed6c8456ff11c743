// The deploy files as Docker, Compose and systemd would read them: the image builds in two stages
// and runs as an unprivileged user with the production dependencies, checks its health on /healthz
// and keeps the index cache on a volume; compose runs two replicas on one PostgreSQL with their
// secrets from .env; every variable compose uses is one .env.example documents; the health check
// really tells a live bot from a dead one. (npm run test:deploy goes further: it carries out the
// Dockerfile's steps in a clean copy and starts the replicas with compose's variables.)
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '../support/net.js';
import {
  COMPOSE_FILE,
  ROOT,
  documentedVariables,
  dockerStages,
  envAssignments,
  execForm,
  interpolated,
  paperbotServices,
  readCompose,
  systemdUnit,
} from './files.js';

const stages = dockerStages();
const runtime = stages.at(-1)!;
const instructions = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);
const runtimeEnv = Object.assign({}, ...instructions('ENV').map((i) => envAssignments(i.args))) as Record<string, string>;

describe('Dockerfile', () => {
  test('builds in a stage of its own on Node 20 slim and runs on Node 20 slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toBe('node:20-slim');
    const build = stages.find((s) => s.name === 'build')!;
    const steps = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' && ');
    expect(steps).toMatch(/npm ci\b/);
    expect(steps).toMatch(/npm run build\b/);
    expect(steps).toMatch(/npm prune --omit=dev\b/);
  });

  test('copies the build output and production dependencies, all of which the build makes', () => {
    const copied = instructions('COPY').filter((i) => i.args.startsWith('--from=build'));
    const sources = copied.flatMap((i) => i.args.split(/\s+/).slice(1, -1)).map((source) => source.replace(/^\/app\//, ''));
    expect(sources).toEqual(expect.arrayContaining(['node_modules', 'package.json', 'dist/bin', 'dist/src']));
    // npm test has built the project: whatever the image copies from the build exists after one.
    for (const source of sources) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
  });

  test('runs as an unprivileged user, with the index cache and database on volumes', () => {
    const user = instructions('USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const volumes = instructions('VOLUME').flatMap((i) => execForm(i.args));
    expect(volumes).toContain(runtimeEnv.PAPERBOT_CACHE_DIR);
    expect(volumes).toContain(path.posix.dirname(runtimeEnv.DATABASE_PATH!));
    expect(runtimeEnv.NODE_ENV).toBe('production');
  });

  test('starts the bots, and checks its health with the script that asks /healthz', () => {
    const entry = [...execForm(instructions('ENTRYPOINT').at(-1)!.args), ...execForm(instructions('CMD').at(-1)!.args)];
    expect(entry).toEqual(['node', 'dist/bin/paperbot.js', 'start']);
    const check = execForm(instructions('HEALTHCHECK').at(-1)!.args);
    expect(check).toEqual(['node', 'dist/bin/healthcheck.js']);
    expect(readFileSync(path.join(ROOT, 'bin', 'healthcheck.ts'), 'utf8')).toContain('/healthz');
  });

  test('.dockerignore keeps secrets, dependencies and local state out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', 'data/cache', '.git']));
  });
});

describe('compose.yaml', () => {
  const compose = readCompose();
  const replicas = paperbotServices(compose);

  test('two replicas of the image share one PostgreSQL, which they wait for', () => {
    expect(replicas).toHaveLength(2);
    const [, db] = Object.entries(compose.services).find(([, s]) => s.image?.startsWith('postgres:')) ?? [];
    expect(db?.healthcheck).toBeDefined();
    const dbName = Object.entries(compose.services).find(([, s]) => s === db)![0];
    for (const [, service] of replicas) {
      expect(String(service.environment?.DATABASE_URL)).toMatch(new RegExp(`^postgres://paperbot:\\$\\{POSTGRES_PASSWORD[^}]*\\}@${dbName}:5432/paperbot$`));
      expect(service.depends_on?.[dbName]?.condition).toBe('service_healthy');
      expect(service.init).toBe(true);
    }
  });

  test('secrets come from .env; the index cache is a volume both replicas share', () => {
    const cacheVolumes = new Set<string>();
    for (const [, service] of replicas) {
      expect([service.env_file].flat()).toContain('.env');
      const cacheDir = String(service.environment?.PAPERBOT_CACHE_DIR);
      const mount = service.volumes?.find((v) => v.split(':')[1] === cacheDir);
      expect(mount, 'a volume at PAPERBOT_CACHE_DIR').toBeDefined();
      cacheVolumes.add(mount!.split(':')[0]!);
    }
    expect(cacheVolumes.size).toBe(1);
    expect(Object.keys(compose.volumes ?? {})).toContain([...cacheVolumes][0]);
    // No secret is written into the file itself: secret-looking settings only name variables.
    for (const [, service] of Object.entries(compose.services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (/TOKEN|SECRET|PASSWORD|KEY/.test(name)) expect(String(value), name).toMatch(/^\$\{\w+/);
      }
    }
  });

  test('each replica is one Discord shard of two', () => {
    const shards = replicas.map(([, s]) => JSON.parse(String(s.environment?.SHARDS)) as unknown);
    expect(shards.map((s) => [s].flat()).flat().sort()).toEqual([0, 1]);
    for (const [, service] of replicas) expect(Number(service.environment?.SHARD_COUNT)).toBe(2);
  });

  test('every variable compose uses or sets is one .env.example documents', () => {
    const documented = documentedVariables();
    const used = interpolated(readFileSync(COMPOSE_FILE, 'utf8'));
    const set = replicas.flatMap(([, s]) => Object.keys(s.environment ?? {}));
    expect([...used, ...set].filter((name) => !documented.has(name))).toEqual([]);
    expect(used).toContain('POSTGRES_PASSWORD');
  });
});

describe('systemd unit', () => {
  const unit = systemdUnit(path.join(ROOT, 'deploy', 'paperbot.service'));
  const service = unit.get('Service')!;

  test('runs the bots as their own user from an environment file, restarts on failure, reloads on SIGHUP', () => {
    expect(service.get('ExecStart')?.[0]).toMatch(/node \S*\/dist\/bin\/paperbot\.js start$/);
    expect(service.get('EnvironmentFile')).toHaveLength(1);
    expect(service.get('User')?.[0]).not.toBe('root');
    expect(service.get('Restart')?.[0]).toBe('on-failure');
    expect(service.get('ExecReload')?.[0]).toMatch(/kill -HUP \$MAINPID/);
    const env = Object.assign({}, ...(service.get('Environment') ?? []).map(envAssignments)) as Record<string, string>;
    expect(env.PAPERBOT_CACHE_DIR).toBe(`/var/cache/${service.get('CacheDirectory')?.[0]}`);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });
});

describe('the health check', () => {
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  const check = (port: number) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bin', 'healthcheck.js')], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: 'ignore' });
      child.on('close', resolve);
    });

  test('passes while /healthz answers 200, fails when nothing answers or it does not', async () => {
    const port = await freePort();
    expect(await check(port)).toBe(1);
    let status = 200;
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? status : 404).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect(await check(port)).toBe(0);
    status = 500;
    expect(await check(port)).toBe(1);
  });
});
