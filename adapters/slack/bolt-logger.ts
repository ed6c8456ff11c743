/** Bolt and its Web API client log through the project's pino logger (stderr, secrets redacted). */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

function text(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ adapter: 'slack' });
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    // The project's LOG_LEVEL decides; Bolt's own setLevel calls are ignored.
    setLevel: () => undefined,
    getLevel: () => TO_BOLT[logger.level] ?? LogLevel.ERROR,
    setName: (name: string) => {
      child = logger.child({ adapter: 'slack', component: name });
    },
  };
}
