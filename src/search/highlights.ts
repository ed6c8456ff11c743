/**
 * The daily pick: notable papers (upvotes when known, recency, topic match) chosen one at a time,
 * each new pick penalised for resembling the ones already chosen, so five papers are never five
 * takes on the same idea.
 */
import type { HighlightsOptions } from '../core.js';
import type { Highlight, HighlightReason } from '../results.js';
import { summarize } from '../text/summarize.js';
import { analyze } from '../text/analyzer.js';
import type { PaperIndex } from './paper-index.js';
import { paperRef } from './refs.js';
import { profileTerms } from './similar.js';

const POOL_LIMIT = 150;
const RECENT_WINDOWS_DAYS = [3, 7, 30, 365];
const DIVERSITY = 0.8;
const NEW_DAYS = 2;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

export function pickHighlights(
  index: PaperIndex,
  options: HighlightsOptions = {},
): { since?: string; highlights: Highlight[] } {
  const limit = options.limit ?? 5;
  const exclude = new Set(options.exclude ?? []);
  const live = [...index.live()].filter(([, paper]) => !exclude.has(paper.id));
  const latest = live.reduce<string | undefined>((max, [, p]) => (p.published && (!max || p.published > max) ? p.published : max), undefined);
  const today = options.today ?? latest;

  let topicScores: Map<number, number> | undefined;
  if (options.topic) {
    const candidates = index.retrieve(analyze(options.topic)).candidates;
    const top = candidates[0]?.score ?? 1;
    topicScores = new Map(candidates.map((c) => [c.doc, c.score / top]));
  }

  let pool = live.filter(([doc, paper]) => {
    if (options.since && (!paper.published || paper.published < options.since)) return false;
    return !topicScores || topicScores.has(doc);
  });
  let since = options.since;
  if (!since && today && pool.some(([, p]) => p.published)) {
    // Without an explicit start, widen the recent window until it holds enough to choose from.
    for (const days of RECENT_WINDOWS_DAYS) {
      const start = shiftDays(today, -days);
      const recent = pool.filter(([, p]) => p.published && p.published >= start && p.published <= today);
      if (recent.length >= limit * 3 || days === RECENT_WINDOWS_DAYS.at(-1)) {
        if (recent.length > 0) {
          pool = recent;
          since = start;
        }
        break;
      }
    }
  }

  const maxUpvotes = Math.max(1, ...pool.map(([, p]) => p.upvotes ?? 0));
  const upvoteNorm = (upvotes = 0) => Math.log1p(upvotes) / Math.log1p(maxUpvotes);
  const scored = pool.map(([doc, paper]) => {
    const age = today && paper.published ? Math.max(0, daysBetween(paper.published, today)) : undefined;
    const recency = age === undefined ? 0 : 1 / (1 + age / 3);
    const topic = topicScores?.get(doc) ?? 0;
    const score = 0.6 * upvoteNorm(paper.upvotes) + 0.3 * recency + 0.8 * topic + (paper.links.code ? 0.05 : 0);
    return { doc, paper, score, topic, age };
  });
  scored.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
  const shortlist = scored.slice(0, POOL_LIMIT).map((s) => ({ ...s, profile: new Set(profileTerms(index, s.doc, 10)) }));

  const chosen: typeof shortlist = [];
  while (chosen.length < limit && shortlist.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    shortlist.forEach((candidate, i) => {
      const overlap = Math.max(0, ...chosen.map((c) => jaccard(candidate.profile, c.profile)));
      const value = candidate.score - DIVERSITY * overlap;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    chosen.push(...shortlist.splice(bestIndex, 1));
  }

  const upvoteBar = Math.max(1, maxUpvotes * 0.3);
  const highlights = chosen.map(({ doc, paper, score, topic, age }) => {
    const reasons: HighlightReason[] = [];
    if ((paper.upvotes ?? 0) >= upvoteBar) reasons.push('upvotes');
    if (topic > 0) reasons.push('topic');
    if (age !== undefined && age <= NEW_DAYS) reasons.push('new');
    else if (age !== undefined && age <= 7) reasons.push('recent');
    return {
      ...paperRef(paper),
      summary: summarize(index.paper(doc).abstract, { maxSentences: 1, maxLength: 240 }),
      reasons,
      score: Math.round(score * 1000) / 1000,
    };
  });
  return since ? { since, highlights } : { highlights };
}
