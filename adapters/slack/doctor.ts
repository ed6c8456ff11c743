/**
 * `paperbot doctor`, Slack part: the bot token (auth.test), the scopes the features need (Slack
 * reports a token's scopes in the `x-oauth-scopes` header, which the Web API client exposes as
 * `response_metadata.scopes`), and how events arrive: the Socket Mode app token or a signing secret.
 */
import { webApi } from '@slack/bolt';
import type { Env } from '../../src/config.js';
import { fail, networkProblem, ok, warn, type CheckResult } from '../doctor/check.js';
import { slackErrorCode } from './slack-errors.js';

const TIMEOUT_MS = 10_000;

/** Each bot scope a feature needs, and what stops working without it. */
export const NEEDED_SCOPES: Readonly<Record<string, string>> = {
  'app_mentions:read': 'answering @paperbot mentions',
  'chat:write': 'posting answers and daily highlights',
  commands: 'the /paper command',
  'im:history': 'answering direct messages',
  'reactions:write': 'the hourglass on slow answers',
  'channels:history': 'finding a daily post in a public channel after a crash',
  'groups:history': 'finding a daily post in a private channel after a crash',
  'users:read': 'letting workspace admins manage daily highlights',
};

const REINSTALL = 'under OAuth & Permissions → Scopes → Bot Token Scopes (or recreate the app from slack/manifest.*.json), then Reinstall to Workspace';
/** What Slack's signing secrets look like ("Basic Information" → App Credentials). */
const SIGNING_SECRET = /^[0-9a-f]{32}$/;

function client(token: string, apiUrl: string | undefined): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    timeout: TIMEOUT_MS,
    logLevel: webApi.LogLevel.ERROR,
  });
}

function unreachable(check: string, error: unknown, apiUrl: string | undefined): CheckResult {
  return fail(
    check,
    `could not reach the Slack API at ${apiUrl ?? 'https://slack.com/api/'}: ${networkProblem(error)}`,
    apiUrl ? 'check SLACK_API_URL (leave it empty for Slack itself)' : 'check this machine can reach slack.com over HTTPS',
  );
}

export async function checkSlack(env: Env): Promise<CheckResult[]> {
  const apiUrl = env.SLACK_API_URL;
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client(env.SLACK_BOT_TOKEN ?? '', apiUrl).auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) return [unreachable('slack token', error, apiUrl)];
    return [fail('slack token', `Slack rejected SLACK_BOT_TOKEN (${code})`, `copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page into SLACK_BOT_TOKEN`)];
  }
  if (!auth.bot_id) {
    return [fail('slack token', 'SLACK_BOT_TOKEN is not a bot token (auth.test names no bot)', 'use the Bot User OAuth Token (xoxb-…), not a user token')];
  }
  const results = [ok('slack token', `valid: bot ${auth.user ?? auth.user_id} in workspace "${auth.team ?? auth.team_id}"`)];
  results.push(scopesCheck(auth.response_metadata?.scopes));
  results.push(await connectionCheck(env));
  return results;
}

function scopesCheck(granted: string[] | undefined): CheckResult {
  if (!granted) return warn('slack scopes', 'Slack did not report the token\'s scopes (no x-oauth-scopes header); cannot check them', `compare OAuth & Permissions → Bot Token Scopes with slack/manifest.*.json`);
  const have = new Set(granted);
  const missing = Object.keys(NEEDED_SCOPES).filter((scope) => !have.has(scope));
  if (missing.length === 0) return ok('slack scopes', `the token has every scope paperbot uses (${Object.keys(NEEDED_SCOPES).length})`);
  const broken = missing.map((scope) => `${scope} (${NEEDED_SCOPES[scope]})`).join(', ');
  return fail('slack scopes', `the token lacks ${missing.length === 1 ? 'a scope' : 'scopes'}: ${broken}`, `add ${missing.length === 1 ? 'it' : 'them'} ${REINSTALL}`);
}

/** Socket Mode when an app token is set (as `paperbot start` decides), else HTTP with the signing secret. */
async function connectionCheck(env: Env): Promise<CheckResult> {
  const appToken = env.SLACK_APP_TOKEN;
  if (appToken) {
    const fix = 'Basic Information → App-Level Tokens → Generate Token and Scopes, with connections:write; put the xapp-… token in SLACK_APP_TOKEN and turn Socket Mode on';
    if (!appToken.startsWith('xapp-')) return fail('slack connection', 'SLACK_APP_TOKEN is not an app-level token (those start with xapp-)', fix);
    try {
      await client(appToken, env.SLACK_API_URL).apps.connections.open();
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code) return unreachable('slack connection', error, env.SLACK_API_URL);
      return fail('slack connection', `Slack refused a Socket Mode connection with SLACK_APP_TOKEN (${code})`, fix);
    }
    return ok('slack connection', 'Socket Mode: SLACK_APP_TOKEN opens connections (no public URL needed)');
  }
  const secret = env.SLACK_SIGNING_SECRET;
  if (!secret) {
    return fail('slack connection', 'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: Slack is not started', 'set SLACK_APP_TOKEN (Socket Mode, simplest) or SLACK_SIGNING_SECRET (HTTP mode, needs a public URL)');
  }
  const where = `Slack must reach https://<your host>/slack/events, forwarded to port ${env.PORT}`;
  if (!SIGNING_SECRET.test(secret)) {
    return warn('slack connection', `HTTP mode: SLACK_SIGNING_SECRET does not look like a Slack signing secret (32 hexadecimal characters); every request would be refused. ${where}`, 'copy the Signing Secret from Basic Information → App Credentials');
  }
  return ok('slack connection', `HTTP mode: signing secret set; ${where}`);
}
