/**
 * The confident wrong answers a new user met on the shared corpus (issue 17), each pinned at its
 * cause, on a small list of real records: the papers those questions are about, papers with nearly
 * the same names (PMDC, the Dolphins), PassiveQA and LoL-NMPC, MSR-Align and SurgTPGS, and 67 papers drawn from the shared
 * corpus at a fixed stride.
 */
import { describe, expect, test } from 'vitest';
import { limits, outcomeAt } from '../../src/answer/decide.js';
import { Library } from '../../src/library.js';

const lib = await Library.open({ corpus: ['test/fixtures/answer-cases.jsonl'], cacheDir: null });
const cited = (question: string) => lib.ask(question).citations.map((c) => c.id);

describe('a name no listed paper uses is never answered through a near spelling', () => {
  test('"what does PRDC stand for?" is a closest match that says PRDC is missing and names PMDC, with its definition', () => {
    const result = lib.ask('what does PRDC stand for?');
    expect(result.outcome).toBe('closest');
    expect(result.hedge).toMatch(/^No listed paper mentions PRDC; the nearest name is PMDC, in “Evaluating Reward Model Generalization/);
    expect(result.answer).toContain('Pairwise Maximum Discrepancy Competition (PMDC)');
  });

  test.each(['what does QRDC stand for?', 'what does SLMX stand for?', 'what does the Zorblax-9 paper propose?'])('%s is not answered', (question) => {
    expect(lib.ask(question).outcome).not.toBe('answered');
  });
});

describe('an abbreviation that is part of a paper\'s name is spelled out', () => {
  test('"what is MSR in MSR-Align?" quotes the sentence that says Multimodal Safety Reasoning', () => {
    const result = lib.ask('what is MSR in MSR-Align?');
    expect(result.outcome).toBe('answered');
    expect(result.sentences[0]?.text).toContain('Multimodal Safety Reasoning dataset');
  });

  test('"what\'s the TPGS part of SurgTPGS?" is answered with the text-promptable Gaussian Splatting, not "no listed paper mentions TPGS"', () => {
    const result = lib.ask("what's the TPGS part of SurgTPGS?");
    expect(result.outcome).toBe('answered');
    expect(result.answer).toContain('text-promptable Gaussian Splatting');
    expect(result.citations.map((c) => c.id)).toEqual(['2506.23309']);
  });
});

describe('an answer about one paper quotes that paper only', () => {
  test('"what model is Dolphins built on?" gives OpenFlamingo, and nothing of the Dolphin papers', () => {
    const result = lib.ask('what model is Dolphins built on?');
    expect(result.outcome).toBe('answered');
    expect(result.answer).toContain('OpenFlamingo');
    expect(result.citations.map((c) => c.id)).toEqual(['2312.00438']);
  });
});

describe('the value of the asked thing', () => {
  test('"DPLNet trainable params?" leads with the trainable parameters, not a component\'s count', () => {
    const result = lib.ask('DPLNet trainable params?');
    expect(result.sentences[0]?.text).toContain('trainable parameters (3.88M');
  });

  test('"smoothcache speedup?" gets the figure, as "how fast is SmoothCache?" does', () => {
    for (const question of ['smoothcache speedup?', 'how fast is SmoothCache?']) expect(lib.ask(question).answer).toContain('8% to 71% speed up');
  });

  test('"how many hours of video are in the EgoLife dataset?" reads the hours written onto the number', () => {
    const result = lib.ask('how many hours of video are in the EgoLife dataset?');
    expect(result.found).toBe(true);
    expect(result.answer).toContain('300-hour');
  });
});

describe('a typo in a content word does not change the outcome', () => {
  test('"instrucitons" is answered as "instructions" is', () => {
    const typo = lib.ask('how many instrucitons did magpie generate?');
    const right = lib.ask('how many instructions did magpie generate?');
    expect(typo.outcome).toBe(right.outcome);
    expect(typo.answer).toContain('4 million instructions');
  });
});

describe('what an abbreviation stands for', () => {
  test('"what does ORG stand for in <context>?" gives its expansion, as the bare question does', () => {
    for (const question of ['what does ORG stand for in the object-ground reconstruction paper?', 'what does ORG stand for?']) {
      expect(lib.ask(question).answer).toContain('Object Reconstruction with Ground');
    }
    expect(cited('what does ORG stand for?')).toEqual(['2407.18914']);
  });
});

describe('not covered, said once', () => {
  test('a sourdough question gets no "simple recipe" paper as nearest', () => {
    const result = lib.ask("what's a simple recipe for sourdough bread?");
    expect(result.outcome).toBe('not_covered');
    expect(result.nearest).toEqual([]);
  });
});

describe('a question that says a paper\'s coined name is never turned away', () => {
  test('"passiveqa", lower case among typos, names PassiveQA, and a named paper is at least the closest match whatever the models say', () => {
    const named = limits(lib.evidence('wat are the 3 actions passiveqa picks between when a question is missing info?'));
    expect(named.named).toBe(true);
    expect(outcomeAt({ sure: 0, near: 0 }, { sure: 0.5, near: 0.5 }, named)).toBe('closest');
  });

  test('an everyday word that is also a paper\'s name does not point at the paper by itself', () => {
    const question = 'where do dolphins sleep at night?';
    expect(lib.evidence(question).papers[0]?.paper.title).toMatch(/^Dolphins?\b/);
    expect(limits(lib.evidence(question)).named).toBe(false);
    expect(lib.ask(question).outcome).toBe('not_covered');
  });

  test('"is passiveqa any good lol": the chat filler is dropped, so "lol" does not pull in LoL-NMPC', () => {
    const result = lib.ask('is passiveqa any good lol');
    expect(result.outcome).not.toBe('not_covered');
    expect(result.citations[0]?.id).toBe('2604.04565');
  });
});
