/**
 * A linear intent model: multinomial logistic regression over sparse features, trained at start
 * from the examples (a second or less for a thousand) — no network, no model file to download.
 * Its probabilities are the classifier's confidence. Training is deterministic (a seeded shuffle),
 * so the same data gives the same model on every machine. Classes are weighted by their size, so
 * an intent with many examples (procedure questions) does not swallow the small ones.
 */
import type { Features } from './features';

export interface TrainingItem<L extends string> {
  features: Features;
  label: L;
}

export interface ModelOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update: keeps single rare words from deciding alone. */
  l2: number;
  seed: number;
}

const DEFAULTS: ModelOptions = { epochs: 15, learningRate: 0.3, l2: 1e-4, seed: 20261205 };

export interface Scored<L extends string> {
  label: L;
  probability: number;
}

export class IntentModel<L extends string> {
  private constructor(
    private readonly labels: readonly L[],
    private readonly weights: Map<string, Float64Array>,
    private readonly bias: Float64Array,
  ) {}

  static train<L extends string>(items: ReadonlyArray<TrainingItem<L>>, options: Partial<ModelOptions> = {}): IntentModel<L> {
    const o = { ...DEFAULTS, ...options };
    const labels = [...new Set(items.map((i) => i.label))].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    const k = labels.length;
    const weights = new Map<string, Float64Array>();
    const bias = new Float64Array(k);
    // Adagrad: rare features learn as fast as common ones.
    const squares = new Map<string, Float64Array>();
    const biasSquares = new Float64Array(k).fill(1e-8);
    const counts = new Array<number>(k).fill(0);
    for (const item of items) counts[index.get(item.label)!]! += 1;
    const classWeight = counts.map((c) => items.length / (k * c));
    const order = items.map((_, i) => i);
    const random = mulberry32(o.seed);
    const probabilities = new Float64Array(k);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      shuffle(order, random);
      for (const n of order) {
        const item = items[n]!;
        const y = index.get(item.label)!;
        scoreInto(item.features, weights, bias, probabilities);
        softmaxInPlace(probabilities);
        const w = classWeight[y]!;
        for (let c = 0; c < k; c++) {
          const g = w * (probabilities[c]! - (c === y ? 1 : 0));
          biasSquares[c]! += g * g;
          bias[c]! -= (o.learningRate * g) / Math.sqrt(biasSquares[c]!);
        }
        for (const [feature, value] of item.features) {
          let row = weights.get(feature);
          let sq = squares.get(feature);
          if (!row || !sq) {
            row = new Float64Array(k);
            sq = new Float64Array(k).fill(1e-8);
            weights.set(feature, row);
            squares.set(feature, sq);
          }
          for (let c = 0; c < k; c++) {
            const g = w * (probabilities[c]! - (c === y ? 1 : 0)) * value + o.l2 * row[c]!;
            sq[c]! += g * g;
            row[c]! -= (o.learningRate * g) / Math.sqrt(sq[c]!);
          }
        }
      }
    }
    return new IntentModel(labels, weights, bias);
  }

  /**
   * The trained weights as bytes (a length-prefixed JSON header of labels and features, then the
   * biases and the weights as float64), so a process can load a model trained before instead of
   * training again (src/domain/understanding/model-cache.ts).
   */
  toBuffer(): Buffer {
    const features = [...this.weights.keys()];
    const header = Buffer.from(JSON.stringify({ labels: this.labels, features }), 'utf8');
    const k = this.labels.length;
    const numbers = new Float64Array(k + features.length * k);
    numbers.set(this.bias, 0);
    features.forEach((f, i) => numbers.set(this.weights.get(f)!, k + i * k));
    const size = Buffer.alloc(4);
    size.writeUInt32BE(header.length);
    return Buffer.concat([size, header, Buffer.from(numbers.buffer)]);
  }

  static fromBuffer<L extends string>(buffer: Buffer): IntentModel<L> {
    const size = buffer.readUInt32BE(0);
    const { labels, features } = JSON.parse(buffer.subarray(4, 4 + size).toString('utf8')) as { labels: L[]; features: string[] };
    const body = buffer.subarray(4 + size);
    const numbers = new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    const k = labels.length;
    if (numbers.length !== k + features.length * k) throw new Error('a cached intent model of the wrong size');
    const weights = new Map(features.map((f, i) => [f, numbers.slice(k + i * k, k + (i + 1) * k)]));
    return new IntentModel(labels, weights, numbers.slice(0, k));
  }

  /** Every label with its probability, most likely first. */
  predict(features: Features): Array<Scored<L>> {
    const scores = new Float64Array(this.labels.length);
    scoreInto(features, this.weights, this.bias, scores);
    softmaxInPlace(scores);
    return this.labels.map((label, i) => ({ label, probability: scores[i]! })).sort((a, b) => b.probability - a.probability);
  }
}

function scoreInto(features: Features, weights: Map<string, Float64Array>, bias: Float64Array, out: Float64Array): void {
  out.set(bias);
  for (const [feature, value] of features) {
    const row = weights.get(feature);
    if (!row) continue;
    for (let c = 0; c < out.length; c++) out[c]! += row[c]! * value;
  }
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = Math.exp(v[i]! - max);
    sum += v[i]!;
  }
  for (let i = 0; i < v.length; i++) v[i]! /= sum;
}

/** A small, fast, seeded generator: the same shuffle everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
