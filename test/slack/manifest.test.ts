// The app manifests in slack/ match what the adapter listens to and calls, in both variants.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SLASH_COMMAND } from '../../adapters/slack/render.js';

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: { app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean }; slash_commands: Array<{ command: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url?: string }; interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

const read = (file: string) => JSON.parse(readFileSync(`slack/${file}`, 'utf8')) as Manifest;

describe.each([
  ['manifest.socket-mode.json', true],
  ['manifest.http.json', false],
])('%s', (file, socketMode) => {
  const manifest = read(file);

  test('subscribes to mentions and DMs, declares /paper and turns interactivity on', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  test('asks for the scopes behind every Web API call the adapter makes, and no more', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      [
        'app_mentions:read', // app_mention events
        'channels:history', // conversations.history in public channels (digest lookup)
        'chat:write', // chat.postMessage
        'commands', // /paper
        'groups:history', // conversations.history in private channels
        'im:history', // message.im events
        'im:read',
        'im:write',
        'reactions:write', // progress reaction
        'users:read', // users.info: only workspace admins manage daily highlights
      ].sort(),
    );
  });

  test('texts fit Slack manifest limits', () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });

  test(socketMode ? 'Socket Mode: on, and no request URLs' : 'HTTP: every request URL is Bolt\'s /slack/events', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(socketMode);
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0]?.url];
    if (socketMode) expect(urls).toEqual([undefined, undefined, undefined]);
    else for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });
});
