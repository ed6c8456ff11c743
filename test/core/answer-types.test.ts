/**
 * Each answer type, pinned with questions written for these tests (not taken from the evaluation
 * sets in bench/), on the bundled listing and the Hugging Face fixture.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseQuestion } from '../../src/answer/question.js';
import { expansionOf, proposedNames, titleName } from '../../src/text/names.js';
import { Library } from '../../src/library.js';
import { seedLibrary } from './seed.js';

const seed = await seedLibrary();
const feed = await Library.open({ corpus: [path.resolve(import.meta.dirname, '../fixtures/hf-daily-papers.json')], cacheDir: null });

describe('what a question asks for', () => {
  test.each([
    ['how many arms does the bimanual robot coordinate?', 'count'],
    ['How big is the speedup of CARP?', 'amount'],
    ['what success rate did the tactile policy reach?', 'score'],
    ['when was the dressing paper published?', 'date'],
    ['who wrote the paper on repeated games?', 'who'],
    ['what does MGOA stand for?', 'expansion'],
    ['whats CARP?', 'definition'],
    ['which model does directional stimulus prompting tune?', 'name'],
    ['which paper looks at dark patterns in app stores?', 'paper'],
    ['is it true that offline RL needs no new environment interaction?', 'claim'],
    ['any papers on offline reinforcement learning?', 'list'],
    ["what's new in diffusion policies?", 'list'],
    ['why do agents learn to cooperate when punished?', 'general'],
  ])('%s -> %s', (question, type) => {
    expect(parseQuestion(question).type).toBe(type);
  });

  test('"papers from this week on X" wants recent papers about X, not papers about weeks', () => {
    const question = parseQuestion('papers from this week on agents');
    expect(question.type).toBe('list');
    expect(question.recent).toBe(true);
    expect(question.terms).toEqual(['agent']);
  });

  test('chat shorthand is written out and "how many X" keeps X', () => {
    const question = parseQuestion('how many imgs w/ captions did they use');
    expect(question.terms).toContain('imag');
    expect(question.asked).toEqual(expect.arrayContaining(['imag']));
    expect(question.terms).not.toContain('w');
  });
});

describe('names and expansions a paper gives itself', () => {
  test('an abbreviation spelled out in parentheses, or after the title name', () => {
    expect(expansionOf('CARP', 'CARP: Visuomotor Policy Learning', 'we introduce Coarse-to-Fine AutoRegressive Policy (CARP), a novel paradigm')).toBe(
      'Coarse-to-Fine AutoRegressive Policy',
    );
    expect(expansionOf('SPIRAL', 'SPIRAL: Self-Play In Reasoning And Language', '')).toBe('Self-Play In Reasoning And Language');
    expect(expansionOf('XYZ', 'A title without it', 'Nothing here defines it (ABC).')).toBeUndefined();
  });

  test('a part of the title name, spelled out in capitalised words of the title or abstract', () => {
    expect(expansionOf('TPGS', 'SurgTPGS: Semantic 3D Surgical Scene Understanding with Text Promptable Gaussian Splatting', '')).toBe('Text Promptable Gaussian Splatting');
    expect(expansionOf('MSR', 'MSR-Align: Policy-Grounded Multimodal Alignment', 'we introduce {MSR-Align}, a high-quality Multimodal Safety Reasoning dataset')).toBe(
      'Multimodal Safety Reasoning',
    );
    // Words in lower case that happen to start with the letters, or a name the paper does not carry, say nothing.
    expect(expansionOf('MSR', 'MSR-Align: Policy-Grounded Alignment', 'models still reason multimodal safety reasoning poorly')).toBeUndefined();
    expect(expansionOf('MSR', 'Align: Policy-Grounded Alignment', 'a high-quality Multimodal Safety Reasoning dataset')).toBeUndefined();
  });

  test('the title name and what the abstract says it proposes', () => {
    expect(titleName('RoboScape: Physics-informed Embodied World Model')).toBe('RoboScape');
    expect(titleName('Teaching a Language Model to Speak the Language of Tools')).toBeUndefined();
    expect(proposedNames('In this work, we present PORTAL, a novel framework for agents.')).toEqual(['PORTAL']);
  });
});

describe('typed answers on the bundled listing', () => {
  test('an amount is answered by the sentence that holds it', () => {
    const result = seed.ask('How big is the inference speedup of CARP?');
    expect(result.answerType).toBe('amount');
    expect(result.sentences[0]?.text).toContain('10x faster inference');
  });

  test('a score is answered by the sentence with the value, not by one that merely repeats the words', () => {
    const result = seed.ask('how much does directional stimulus prompting raise ChatGPT performance on MultiWOZ?');
    expect(result.sentences[0]?.text).toContain('41.4%');
    expect(result.citations[0]?.title).toMatch(/^Guiding Large Language Models via Directional Stimulus/);
  });

  test('an expansion written in the abstract is quoted where it is spelled out', () => {
    const result = seed.ask('what does LTE mean in the recommender paper?');
    expect(result.answerType).toBe('expansion');
    expect(result.answer).toContain('Long-term user engagement (LTE)');
  });

  test('"what is X" for a paper named X leads with its title, which spells the name out', () => {
    const result = seed.ask('whats RT-H?');
    expect(result.found).toBe(true);
    expect(result.sentences[0]?.text.startsWith('RT-H: Action Hierarchies Using Language — ')).toBe(true);
  });

  test('"which paper" names the paper before quoting it', () => {
    const result = seed.ask('which paper teaches a robot to put garments on people?');
    expect(result.answerType).toBe('paper');
    expect(result.sentences[0]?.text).toMatch(/^One Policy to Dress Them All: Learning to Dress People with Diverse Poses and Garments — /);
  });

  test('a name asked about something a paper uses is quoted from the sentence that names it', () => {
    const result = seed.ask('which model does directional stimulus prompting tune as its policy?');
    expect(result.answerType).toBe('name');
    expect(result.sentences[0]?.text).toContain('T5');
  });

  test('a claim is checked against the sentence that states it', () => {
    const result = seed.ask('is it true that PRDC restricts the policy with the action of the nearest sample in the dataset?');
    expect(result.answerType).toBe('claim');
    expect(result.citations[0]?.title).toBe('Policy Regularization with Dataset Constraint for Offline Reinforcement Learning');
    expect(result.answer).toContain('nearest state-action sample');
  });
});

describe('broad questions get a list of papers', () => {
  test('each line is one paper about the topic, and each paper is cited', () => {
    const result = seed.ask('are there papers about offline reinforcement learning?');
    expect(result.found).toBe(true);
    expect(result.answerType).toBe('list');
    expect(result.citations.length).toBeGreaterThanOrEqual(3);
    expect(result.sentences.map((s) => s.citation)).toEqual(result.citations.map((c) => c.n));
    for (const [i, citation] of result.citations.entries()) {
      expect(result.sentences[i]!.text.startsWith(citation.title)).toBe(true);
      expect(citation.title.toLowerCase()).toContain('offline');
    }
    expect(result.answer.length).toBeLessThanOrEqual(600);
  });

  test.each(['any papers on diffusion policies?', 'can you recommend a few papers on offline RL?', 'papers about offline reinforcement learning'])(
    '%s: each line is its title, then a whole clause of the abstract about the paper, never cut short',
    (question) => {
      const result = seed.ask(question);
      expect(result.answerType).toBe('list');
      for (const [i, sentence] of result.sentences.entries()) {
        const citation = result.citations[i]!;
        const abstract = seed.getPaper(citation.id)!.abstract;
        expect(sentence.titleLength).toBe(citation.title.length);
        const clause = sentence.text.slice(sentence.titleLength).replace(/^ \(\d{4}-\d{2}-\d{2}\)/, '');
        expect(clause).toMatch(/^: /);
        expect(clause).not.toContain('…');
        expect(abstract).toContain(clause.slice(2));
      }
    },
  );

  test('"what\'s new" lists the newest papers about the topic first', () => {
    const result = feed.ask("what's new in video diffusion?");
    expect(result.answerType).toBe('list');
    expect(result.citations[0]?.title).toMatch(/Video Diffusion/);
  });

  test.each([
    'is there anything on diffusion for robot manipulation?',
    'can you recommend a few papers on offline RL?',
    'good reads about imitation learning?',
    'what do we have on world models?',
  ])('"%s" is a list about its topic, not about the asking words', (question) => {
    const result = seed.ask(question);
    expect(result.answerType).toBe('list');
    expect(result.found).toBe(true);
    expect(result.citations.length).toBeGreaterThanOrEqual(2);
    // "recommend" asks for papers: a recommender-systems paper is not an answer.
    expect(result.citations.map((c) => c.title).join(' ')).not.toMatch(/Recommend/);
  });

  test('"the best paper on" a topic nothing covers is "not covered", whatever "best" matches', () => {
    const result = seed.ask("what's the best paper on tabular data?");
    expect(result.answerType).toBe('list');
    expect(result.found).toBe(false);
  });

  test('nothing about the topic is "not covered", not a list of strays', () => {
    const result = seed.ask('any papers on protein structure prediction?');
    expect(result.found).toBe(false);
    expect(result.citations).toEqual([]);
  });
});

describe('a paper named by its arXiv id or link', () => {
  test.each(['tldr of 2503.19267', 'what does https://arxiv.org/abs/2503.19267v2 propose?', 'how many simulated tasks are in arXiv:2503.19267?'])(
    '%s is answered from that paper',
    (question) => {
      const result = seed.ask(question);
      expect(result.found).toBe(true);
      expect(result.question).toBe(question);
      expect(result.citations.map((c) => c.id)).toEqual(['2503.19267']);
    },
  );

  test('an id the list does not hold is not covered', () => {
    expect(seed.ask('tldr of 2401.00001').found).toBe(false);
  });
});

describe('abstention', () => {
  test.each([
    'what is the best sourdough starter?',
    'how many goals did the home team score last night?',
    'what does the GLORP-7 benchmark measure?',
    'which paper proposes the Quibblex optimizer?',
    'is it true that vitamin C cures the common cold?',
  ])('not covered: %s', (question) => {
    const result = seed.ask(question);
    expect(result.found).toBe(false);
    expect(result.sentences).toEqual([]);
  });

  test("a paper's own name typed in lower case still names it", () => {
    const question = 'what does sorry-bench measure?';
    expect(seed.evidence(question).papers[0]?.nameAsked).toBe(true);
    const result = seed.ask(question);
    expect(result.found).toBe(true);
    expect(result.citations[0]?.title).toMatch(/^SORRY-Bench:/);
    // A name is said as whole words: "scalable" does not say SACSoN.
    expect(seed.evidence('which scalable navigation methods learn from human interactions?').papers.every((p) => !p.nameAsked)).toBe(true);
  });

  test('a typo in the subject does not lose the paper', () => {
    const result = seed.ask('wat does the dresing robot policy acheive on arm length?');
    expect(result.found).toBe(true);
    expect(result.citations[0]?.title).toMatch(/^One Policy to Dress Them All/);
    expect(result.answer).toContain('86%');
  });
});
