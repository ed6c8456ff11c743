/**
 * Questions people would type in a channel, with the paper that should be cited first and a phrase
 * the answer must contain. `paper` is a title prefix (seed) or an arXiv id (shared corpus). Questions
 * with `paper: null` are not answered by any listed paper: the bot must say so.
 */
export interface EvalQuestion {
  question: string;
  paper: string | null;
  phrase?: string;
  /** For `paper: null`: 'near-miss' (the list's own field) or 'everyday' (everyday life, other fields). */
  kind?: string;
}

export const SEED_QUESTIONS: EvalQuestion[] = [
  { question: 'how many datasets does NeoRL-2 contain?', paper: 'NeoRL-2', phrase: '7 datasets' },
  { question: 'what does PRDC stand for?', paper: 'Policy Regularization with Dataset Constraint', phrase: 'Policy Regularization with Dataset Constraint' },
  { question: 'what is PRDC', paper: 'Policy Regularization with Dataset Constraint', phrase: 'nearest state-action' },
  { question: 'What does DID stand for in the DPO paper?', paper: 'Differential Information', phrase: 'Differential Information Distribution' },
  { question: 'what is the A2PR acronym short for?', paper: 'Adaptive Advantage-Guided', phrase: 'Adaptive Advantage-guided Policy Regularization' },
  { question: 'what does GOAP stand for in Optimus-2?', paper: 'Optimus-2', phrase: 'Goal-Observation-Action Conditioned Policy' },
  { question: 'how many unsafe topics are in the SORRY-Bench taxonomy?', paper: 'SORRY-Bench', phrase: '45' },
  { question: 'how many class-balanced unsafe instructions does sorry bench have', paper: 'SORRY-Bench', phrase: '450' },
  { question: 'which paper proposes TactAR for tactile feedback?', paper: 'Reactive Diffusion Policy', phrase: 'TactAR' },
  { question: 'what does RDP stand for?', paper: 'Reactive Diffusion Policy', phrase: 'Reactive Diffusion Policy' },
  { question: 'which paper uses signal temporal logic with diffusion models for driving?', paper: 'Diverse Controllable Diffusion Policy', phrase: 'Signal Temporal Logic' },
  { question: 'what are the four key components in the o1 roadmap?', paper: 'Scaling of Search and Learning', phrase: 'policy initialization, reward design, search, and learning' },
  { question: 'what is KDRL?', paper: 'KDRL', phrase: 'unified post-training framework' },
  { question: 'which paper studies install-incentivizing apps on Google Play?', paper: 'Erasing Labor with Labor', phrase: 'install-incentivizing' },
  { question: 'how many reviews were collected in the Google Play dark patterns study?', paper: 'Erasing Labor with Labor', phrase: '319K reviews' },
  { question: 'what is the AI Economist?', paper: 'The AI Economist', phrase: 'two-level, deep RL framework' },
  { question: 'what does BESO stand for?', paper: 'Goal-Conditioned Imitation Learning', phrase: 'BEhavior generation with ScOre-based Diffusion Policies' },
  { question: 'how many denoising steps does BESO need?', paper: 'Goal-Conditioned Imitation Learning', phrase: '3 denoising steps' },
  { question: 'what does PROPS stand for?', paper: 'On-Policy Policy Gradient', phrase: 'Proximal Robust On-Policy Sampling' },
  { question: 'which paper proposes GLIDE for bimanual manipulation?', paper: 'Planning-Guided Diffusion Policy', phrase: 'GLIDE' },
  { question: 'which LLMs played repeated games?', paper: 'Playing repeated games', phrase: 'GPT-4' },
  { question: 'which model is used as the policy model in directional stimulus prompting?', paper: 'Guiding Large Language Models via Directional Stimulus', phrase: 'T5' },
  { question: 'what is behavioral self-awareness in LLMs?', paper: 'Tell me about yourself', phrase: 'articulate its behaviors' },
  { question: 'what does RAT train as a behavioral target for the adversary?', paper: 'RAT: Adversarial Attacks', phrase: 'intention policy' },
  { question: 'which paper does social navigation with counterfactual perturbation?', paper: 'SACSoN', phrase: 'counterfactual perturbation' },
  { question: 'what is Uni-O4?', paper: 'Uni-O4', phrase: 'on-policy objective' },
  { question: 'how does Behavior Retrieval use unlabeled data?', paper: 'Behavior Retrieval', phrase: 'query relevant behaviors' },
  { question: 'which paper re-weights datasets with low return trajectories', paper: 'Harnessing Mixed Offline Reinforcement Learning Datasets', phrase: 're-weighted' },
  { question: 'what is NeoRL-2?', paper: 'NeoRL-2', phrase: 'Near Real-World Offline RL Benchmark' },
  { question: 'wat does PRDC stnd for', paper: 'Policy Regularization with Dataset Constraint', phrase: 'Policy Regularization with Dataset Constraint' },
  { question: 'how many datsets in neorl2', paper: 'NeoRL-2', phrase: '7 datasets' },
  { question: 'what is policy guided diffusion?', paper: 'Policy-Guided Diffusion', phrase: 'policy-guided diffusion' },
  { question: 'how does A2PR pick actions?', paper: 'Adaptive Advantage-Guided', phrase: 'high-advantage actions' },
  { question: 'What is the main idea of Uni-O4?', paper: 'Uni-O4', phrase: 'on-policy objective' },
];

export const CORPUS_QUESTIONS: EvalQuestion[] = [
  { question: 'how many parameters does Kuwain have?', paper: '2504.15120', phrase: '1.5 billion parameters' },
  { question: 'what is HM-World?', paper: '2603.25716', phrase: 'hybrid memory' },
  { question: 'what does DiNA stand for?', paper: '2603.27538', phrase: 'Discrete Native Autoregressive' },
  { question: 'which paper proposes Code2World?', paper: '2602.09856', phrase: 'renderable code generation' },
  { question: 'what frame rate does Vidu S1 reach?', paper: '2607.03118', phrase: '42 FPS' },
  { question: 'what is a Lottie tokenizer used for in OmniLottie?', paper: '2603.02138', phrase: 'Lottie' },
  { question: 'how many parameters does InCoder-32B have?', paper: '2603.16790', phrase: '32B' },
  { question: 'what is ReCamMaster?', paper: '2503.11647', phrase: 'camera-controlled generative video re-rendering' },
  { question: 'what does MemPrivacy replace sensitive spans with?', paper: '2605.09530', phrase: 'placeholders' },
  { question: 'which architecture does ERNIE 5.0 use?', paper: '2602.04705', phrase: 'mixture-of-experts' },
  { question: 'what is OmniHuman built on?', paper: '2502.01061', phrase: 'Diffusion Transformer' },
  { question: 'what does the Mark My Words benchmark evaluate?', paper: '2312.00273', phrase: 'watermark' },
  // Written after sampling papers at random (seeded) from the corpus.
  { question: 'what architecture is FLAME based on?', paper: '2506.16600', phrase: 'Sparse Mixture-of-Experts' },
  { question: 'what is Socratic RL?', paper: '2506.13358', phrase: 'process-oriented framework' },
  { question: 'what does FramePrompt treat as frames?', paper: '2506.17301', phrase: 'reference images' },
  { question: 'what is MM-IFEngine?', paper: '2504.07957', phrase: 'image-instruction pairs' },
  { question: 'which paper proposes a proactive EMR assistant?', paper: '2604.13059', phrase: 'streaming speech recognition' },
  { question: 'what are drifting models?', paper: '2605.06140', phrase: 'single-step generation' },
  { question: 'what does WavAlign improve in spoken dialogue models?', paper: '2604.14932', phrase: 'expressiveness' },
];

/** Asked on both corpora: nothing listed answers them. */
export const UNCOVERED_QUESTIONS: EvalQuestion[] = [
  { question: 'what is the capital of France?', paper: null, kind: 'everyday' },
  { question: 'who won the 2018 football world cup?', paper: null, kind: 'everyday' },
  { question: 'best pizza dough recipe', paper: null, kind: 'everyday' },
  { question: 'how tall is mount everest?', paper: null, kind: 'everyday' },
  { question: 'what is the boiling point of water at sea level?', paper: null, kind: 'everyday' },
  { question: 'when does the next train to Berlin leave?', paper: null, kind: 'everyday' },
  { question: 'how do I renew my passport?', paper: null, kind: 'everyday' },
  { question: 'what does the Zorblax-9 paper propose?', paper: null, kind: 'near-miss' },
  { question: 'how many moons does Jupiter have?', paper: null, kind: 'everyday' },
];
