/** Latency figures the benchmarks print: nearest-rank percentiles over raw samples (ms). */
export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { count: sorted.length, mean: sorted.length ? sum / sorted.length : NaN, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}
