import { HttpErrorResponse } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { catchError, forkJoin, map, of, switchMap, type MonoTypeOperatorFunction } from 'rxjs';
import { retryOnConflict } from 'rxjs-retry-on-conflict';
import { CounterService } from './counter.service';
import { conflictRetries, countRetry } from './retry-policy';

/** How many clients increment the counter at once. */
export const CLIENTS = 20;

/** What one run of concurrent increments did. */
export interface RaceResult {
  readonly landed: number;
  readonly gaveUp: number;
  readonly count: number;
  readonly retries: number;
  readonly milliseconds: number;
}

/** How a single increment ended: the new count, or the error that reached the subscriber. */
export type Outcome = { readonly count: number } | { readonly error: string };

const describeError = (error: unknown): string =>
  error instanceof HttpErrorResponse ? `HttpErrorResponse ${error.status}` : String(error);

@Component({
  selector: 'app-root',
  template: `
    <main [attr.data-finished-runs]="finishedRuns()">
      <h1>One counter, {{ clients }} clients at once</h1>
      <p>
        Each click sends {{ clients }} increments together: GET the document, add one, PUT it back with its
        <code>_rev</code>; on 409, all of it again.
      </p>

      <section data-test="race">
        <button type="button" (click)="race('app')" [disabled]="busy()">
          {{ clients }} increments, the app's policy
        </button>
        @if (appRace(); as result) {
          <p class="result">
            landed {{ result.landed }}/{{ clients }}, gave up {{ result.gaveUp }}, counter {{ result.count }},
            retries {{ result.retries }}, {{ result.milliseconds }} ms
          </p>
        }
      </section>

      <section data-test="race-default">
        <button type="button" (click)="race('default')" [disabled]="busy()">
          {{ clients }} increments, DefaultRetry
        </button>
        @if (defaultRace(); as result) {
          <p class="result">
            landed {{ result.landed }}/{{ clients }}, gave up {{ result.gaveUp }}, counter {{ result.count }},
            retries {{ result.retries }}, {{ result.milliseconds }} ms
          </p>
        }
      </section>

      <section data-test="conflict-forever">
        <button type="button" (click)="once('conflict-forever')" [disabled]="busy()">
          A counter that always answers 409
        </button>
        @if (conflictForever(); as outcome) {
          <p class="result">{{ describe(outcome) }}</p>
        }
      </section>

      <section data-test="server-error">
        <button type="button" (click)="once('server-error')" [disabled]="busy()">
          A counter that answers 500
        </button>
        @if (serverError(); as outcome) {
          <p class="result">{{ describe(outcome) }}</p>
        }
      </section>
    </main>
  `,
  styles: `
    main {
      font-family: system-ui, sans-serif;
      max-width: 46rem;
      margin: 2rem auto;
    }
    section {
      border-top: 1px solid #ccc;
      padding: 0.5rem 0;
    }
    button {
      font-size: 1rem;
      padding: 0.3rem 0.8rem;
    }
    .result {
      font-family: ui-monospace, monospace;
    }
  `,
})
export class App {
  private readonly counters = inject(CounterService);
  protected readonly clients = CLIENTS;
  protected readonly busy = signal(false);
  /** Runs that have ended, shown on the page so that a browser test can wait for the next one. */
  readonly finishedRuns = signal(0);
  readonly appRace = signal<RaceResult | undefined>(undefined);
  readonly defaultRace = signal<RaceResult | undefined>(undefined);
  readonly conflictForever = signal<Outcome | undefined>(undefined);
  readonly serverError = signal<Outcome | undefined>(undefined);

  /** {@link CLIENTS} increments of one counter at once, then its value read back. */
  race(policy: 'app' | 'default'): void {
    const url = policy === 'app' ? '/couch/counters/race' : '/couch/counters/race-default';
    // The comparison run uses the library's default, client-go's DefaultRetry: 5 attempts ~10 ms apart.
    const retry: MonoTypeOperatorFunction<number> | undefined =
      policy === 'app' ? undefined : retryOnConflict(undefined, { onRetry: countRetry });
    const result = policy === 'app' ? this.appRace : this.defaultRace;
    const started = performance.now();
    this.busy.set(true);
    conflictRetries.set(0);
    const increments = Array.from({ length: CLIENTS }, () =>
      this.counters.increment(url, retry).pipe(
        map(() => true),
        catchError(() => of(false)),
      ),
    );
    forkJoin(increments)
      .pipe(switchMap((landed) => this.counters.read(url).pipe(map((count) => ({ landed, count })))))
      .subscribe(({ landed, count }) => {
        const landedCount = landed.filter(Boolean).length;
        result.set({
          landed: landedCount,
          gaveUp: CLIENTS - landedCount,
          count,
          retries: conflictRetries(),
          milliseconds: Math.round(performance.now() - started),
        });
        this.finish();
      });
  }

  /** One increment of a test counter that always fails, to show what reaches the subscriber. */
  once(which: 'conflict-forever' | 'server-error'): void {
    const outcome = which === 'conflict-forever' ? this.conflictForever : this.serverError;
    this.busy.set(true);
    this.counters.increment(`/test/${which}`).subscribe({
      next: (count) => outcome.set({ count }),
      error: (error: unknown) => {
        outcome.set({ error: describeError(error) });
        this.finish();
      },
      complete: () => this.finish(),
    });
  }

  private finish(): void {
    this.busy.set(false);
    this.finishedRuns.update((runs) => runs + 1);
  }

  protected describe(outcome: Outcome): string {
    return 'error' in outcome ? `error: ${outcome.error}` : `count: ${outcome.count}`;
  }
}
