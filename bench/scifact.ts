/**
 * SciFact (../shared/external/scifact, see its PROVENANCE.md), measured in-process the way its
 * `evaluate.mjs` measures it through the CLI: each claim as a `search` query (nDCG@10, R@10, P@1
 * against the BEIR qrels), and `ask` with "Is it true that <claim>?" (share answered, first citation
 * a gold abstract, answer quoting a gold evidence sentence's first 60 characters).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import type { PaperCore } from '../src/core.js';
import { Library } from '../src/library.js';

export const SCIFACT_DIR = path.resolve(PROJECT_ROOT, '../shared/external/scifact');

export type SciFactSplit = 'train' | 'dev';

export interface SciFactClaim {
  id: number;
  claim: string;
  /** Gold abstracts (BEIR qrels), as paperbot ids (`scifact-<doc>`). */
  gold: Set<string>;
  /** Gold evidence sentences, whitespace and case folded. */
  evidence: string[];
}

interface CorpusDoc {
  doc_id: number;
  title: string;
  abstract: string[];
}

interface ClaimRecord {
  id: number;
  claim: string;
  evidence?: Record<string, Array<{ sentences: number[] }>>;
}

const docId = (doc: number | string) => `scifact-${doc}`;
const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

function jsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

export function sciFactAvailable(): boolean {
  return existsSync(path.join(SCIFACT_DIR, 'original', 'corpus.jsonl'));
}

/** Writes the SciFact abstracts as a paperbot JSONL corpus in `dir` and returns its path. */
export function writeSciFactCorpus(dir: string): string {
  const corpus = jsonLines<CorpusDoc>(path.join(SCIFACT_DIR, 'original', 'corpus.jsonl'));
  const file = path.join(dir, 'scifact.jsonl');
  const lines = corpus.map((d) => JSON.stringify({ id: docId(d.doc_id), title: d.title, abstract: d.abstract.join(' ') }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function sciFactClaims(split: SciFactSplit): SciFactClaim[] {
  const corpus = new Map(jsonLines<CorpusDoc>(path.join(SCIFACT_DIR, 'original', 'corpus.jsonl')).map((d) => [String(d.doc_id), d]));
  const qrels = new Map<string, Set<string>>();
  const qrelFile = path.join(SCIFACT_DIR, 'beir', 'qrels', split === 'dev' ? 'test.tsv' : 'train.tsv');
  for (const row of readFileSync(qrelFile, 'utf8').split('\n').slice(1).filter(Boolean)) {
    const [query, doc] = row.split('\t');
    if (!query || !doc) continue;
    const gold = qrels.get(query) ?? new Set<string>();
    gold.add(docId(doc));
    qrels.set(query, gold);
  }
  return jsonLines<ClaimRecord>(path.join(SCIFACT_DIR, 'original', `claims_${split}.jsonl`))
    .filter((c) => qrels.has(String(c.id)))
    .map((c) => {
      const evidence: string[] = [];
      for (const [doc, sets] of Object.entries(c.evidence ?? {})) {
        const sentences = corpus.get(doc)?.abstract ?? [];
        for (const set of sets) for (const k of set.sentences) if (sentences[k]) evidence.push(fold(sentences[k]));
      }
      return { id: c.id, claim: c.claim, gold: qrels.get(String(c.id))!, evidence };
    });
}

export const claimQuestion = (claim: string) => `Is it true that ${claim.replace(/\.$/, '')}?`;

export interface SciFactSearch {
  claims: number;
  ndcg10: number;
  recall10: number;
  p1: number;
}

export function scoreSciFactSearch(core: PaperCore, claims: SciFactClaim[]): SciFactSearch {
  let ndcg = 0;
  let recall = 0;
  let p1 = 0;
  for (const claim of claims) {
    const ranked = core.search(claim.claim, { limit: 10 }).results.map((r) => r.id);
    let dcg = 0;
    let ideal = 0;
    ranked.forEach((id, r) => {
      if (claim.gold.has(id)) dcg += 1 / Math.log2(r + 2);
    });
    for (let r = 0; r < Math.min(claim.gold.size, 10); r++) ideal += 1 / Math.log2(r + 2);
    ndcg += dcg / ideal;
    recall += ranked.filter((id) => claim.gold.has(id)).length / claim.gold.size;
    if (ranked[0] && claim.gold.has(ranked[0])) p1++;
  }
  const n = Math.max(1, claims.length);
  return { claims: claims.length, ndcg10: ndcg / n, recall10: recall / n, p1: p1 / n };
}

export interface SciFactAsk {
  claims: number;
  /** Answered (sure), its first citation a gold abstract, a gold evidence sentence quoted. */
  answered: number;
  goldFirst: number;
  evidenceQuoted: number;
  /** The same, counting closest matches too. */
  shown: number;
  shownGoldFirst: number;
  shownEvidenceQuoted: number;
  /** Claims that have evidence sentences. */
  withEvidence: number;
}

export function scoreSciFactAsk(core: PaperCore, claims: SciFactClaim[]): SciFactAsk {
  const score: SciFactAsk = { claims: claims.length, answered: 0, goldFirst: 0, evidenceQuoted: 0, shown: 0, shownGoldFirst: 0, shownEvidenceQuoted: 0, withEvidence: 0 };
  for (const claim of claims) {
    const result = core.ask(claimQuestion(claim.claim));
    if (claim.evidence.length > 0) score.withEvidence++;
    if (!result.found) continue;
    const first = result.citations[0]?.id;
    const gold = first !== undefined && claim.gold.has(first);
    const answer = fold(result.answer);
    const quoted = claim.evidence.some((sentence) => answer.includes(sentence.slice(0, 60)));
    score.shown++;
    if (gold) score.shownGoldFirst++;
    if (quoted) score.shownEvidenceQuoted++;
    if (result.outcome !== 'answered') continue;
    score.answered++;
    if (gold) score.goldFirst++;
    if (quoted) score.evidenceQuoted++;
  }
  return score;
}

/** Shares of `questions` that `core` answers and shows as a closest match (for questions it should decline). */
export interface OutcomeShares {
  answered: number;
  closest: number;
}

export function outcomeShares(core: PaperCore, questions: string[]): OutcomeShares {
  let answered = 0;
  let closest = 0;
  for (const q of questions) {
    const outcome = core.ask(q).outcome;
    if (outcome === 'answered') answered++;
    if (outcome === 'closest') closest++;
  }
  const n = Math.max(1, questions.length);
  return { answered: answered / n, closest: closest / n };
}

export async function openSciFact(workDir: string, cacheDir: string | null): Promise<Library> {
  return Library.open({ corpus: [writeSciFactCorpus(workDir)], cacheDir });
}
