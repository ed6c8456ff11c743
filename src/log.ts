/**
 * The logger. Logs go to stderr so that `--json` output on stdout stays machine-readable; known secret
 * fields are redacted wherever they appear.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'botToken', 'appToken', 'signingSecret', 'apiKey', '*.apiKey', 'headers.authorization', '*.headers.authorization'],
        censor: '[secret]',
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
