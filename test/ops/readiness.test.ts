import { expect, test } from 'vitest';
import { Readiness } from '../../adapters/ops/readiness.js';

test('ready only when every probe is; the report names what is not and why', async () => {
  const readiness = new Readiness(100);
  readiness.pending('index', 'loading the papers');
  readiness.set('discord', () => ({ ready: true, detail: 'gateway connected' }));
  readiness.set('database', async () => {
    throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
  });
  readiness.set('slack', () => new Promise(() => undefined));
  const report = await readiness.check();
  expect(report.ready).toBe(false);
  expect(report.notReady).toEqual(['index', 'database', 'slack']);
  expect(report.checks).toEqual({
    index: { ready: false, detail: 'loading the papers' },
    discord: { ready: true, detail: 'gateway connected' },
    database: { ready: false, detail: 'connect ECONNREFUSED 10.0.0.5:5432' },
    slack: { ready: false, detail: 'no answer within 100 ms' },
  });

  readiness.set('index', () => ({ ready: true, detail: '50 papers loaded' }));
  readiness.set('database', () => ({ ready: true, detail: 'answers' }));
  readiness.set('slack', () => ({ ready: true, detail: 'socket connected' }));
  expect(await readiness.check()).toMatchObject({ ready: true, notReady: [] });

  readiness.shuttingDown();
  expect(await readiness.check()).toMatchObject({ ready: false, notReady: ['process'], checks: { process: { ready: false, detail: 'shutting down' } } });
});
