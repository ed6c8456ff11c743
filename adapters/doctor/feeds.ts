/**
 * `paperbot doctor`: every configured feed answers and its document parses. A refused request
 * (4xx: a mistyped URL or query) needs fixing; a timeout or a server error may pass by itself.
 */
import { feedSources } from '../../src/digest/feeds.js';
import { userAgent } from '../../src/http/fetch.js';
import type { FeedSettings } from '../../src/digest/settings.js';
import { parsePapers } from '../../src/ingest/load.js';
import { fail, networkProblem, ok, warn, type CheckResult } from './check.js';

export async function checkFeeds(settings: FeedSettings, now: Date): Promise<CheckResult[]> {
  // Today's Hugging Face list stands for the feed; yesterday's adds nothing to the check.
  const sources = feedSources(settings, now).filter((source, i, all) => all.findIndex((s) => s.feed === source.feed) === i);
  return Promise.all(
    sources.map(async (source): Promise<CheckResult> => {
      const check = `feed ${source.feed}`;
      const variable = source.format === 'hf-daily' ? 'HF_API_URL' : 'ARXIV_API_URL or ARXIV_QUERIES';
      let response: Response;
      try {
        response = await fetch(source.url, { headers: { 'user-agent': userAgent() }, signal: AbortSignal.timeout(settings.timeoutMs) });
      } catch (error) {
        return warn(check, `${source.url}: ${networkProblem(error)}`, `check the network and ${variable}; the bot keeps its papers and retries at the next refresh`);
      }
      const text = await response.text();
      if (response.status >= 400 && response.status < 500) return fail(check, `${source.url} answered HTTP ${response.status}`, `check ${variable}`);
      if (!response.ok) return warn(check, `${source.url} answered HTTP ${response.status}`, 'the service may be down; the bot retries at the next refresh');
      try {
        return ok(check, `reachable: ${parsePapers(text, source.name, source.format).length} papers now`);
      } catch (error) {
        return fail(check, `${source.url} answered, but not with a ${source.format} document: ${error instanceof Error ? error.message : String(error)}`, `check ${variable}`);
      }
    }),
  );
}
