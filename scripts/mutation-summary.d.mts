/** What mutation-score.json holds. */
export interface MutationScore {
  readonly mutants: number;
  readonly killed: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Percent, two decimals: (killed + timed out) ÷ mutants. */
  readonly score: number;
  readonly durationSeconds?: number;
  readonly commit: string;
  readonly date: string;
  readonly machine: string;
}

/** Counts of a Stryker report's mutants by status, and the score as Stryker computes it. */
export function summarizeMutationReport(report: {
  files: Record<string, { mutants: { status: string }[] }>;
  performance?: { setup: number; initialRun: number; mutation: number };
}): Omit<MutationScore, 'commit' | 'date' | 'machine'>;

/** The `mutation:score` block of docs/testing.md for a mutation-score.json. */
export function renderMutationScore(score: MutationScore): string;
