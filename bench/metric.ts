/**
 * What every benchmark module returns. A metric is Remnant's figure; where there is a fair
 * baseline (the same work done by the bare database or a bare route, measured in the same run on
 * the same machine), `baseline` holds it and `ratio` is `value / baseline.value`. On a shared,
 * noisy machine only such same-run ratios are trustworthy; absolute figures are context.
 */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  notes?: string;
}

export interface BenchOptions {
  /** Small sizes and few repeats: the whole `npm run bench -- --quick` stays under two minutes. */
  quick: boolean;
}

/** A benchmark module: `bench/<name>.ts`, registered in `bench/run.ts`. */
export type BenchFunction = (opts: BenchOptions) => Promise<Metric[]>;
