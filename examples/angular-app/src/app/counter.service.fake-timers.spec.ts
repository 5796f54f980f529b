// Recipe 2: Vitest's fake timers, with the default scheduler. RxJS's asyncScheduler waits with
// setInterval, which vi.useFakeTimers() replaces, so vi.advanceTimersByTime() ends a wait. The
// policy's jitter is pinned (random: () => 0) so that the waits are known to the nanosecond.
import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { backoffDelays } from 'rxjs-retry-on-conflict';
import { provideRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
import { CounterService } from './counter.service';
import { COUNTER_RETRY_POLICY } from './retry-policy';

const URL = '/couch/counters/hits';
/** The waits the policy's backoff makes with `random` at 0: 5 ms, 6 ms, 7.2 ms, ... (19 of them). */
const WAITS = backoffDelays(COUNTER_RETRY_POLICY.backoff!, () => 0);

describe('CounterService, tested with vi.useFakeTimers()', () => {
  let counters: CounterService;
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRetryOnConflict({ ...COUNTER_RETRY_POLICY, random: () => 0 }),
      ],
    });
    counters = TestBed.inject(CounterService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  function answer(rev: number, status: number): void {
    http.expectOne({ method: 'GET', url: URL }).flush({ _id: 'hits', _rev: `${rev}-x`, count: rev });
    http.expectOne({ method: 'PUT', url: URL }).flush({}, { status, statusText: `${status}` });
  }

  it('waits the first backoff step after a 409, then reads again', () => {
    const counts: number[] = [];
    counters.increment(URL).subscribe((count) => counts.push(count));
    answer(1, 409);

    vi.advanceTimersByTime(4.9);
    http.expectNone(URL); // still waiting: 5 ms
    vi.advanceTimersByTime(0.1);
    answer(2, 200);

    expect(WAITS[0]).toBe(5);
    expect(counts).toEqual([3]);
  });

  it('gives up after 20 attempts and the 19 waits between them, with the 409 HttpErrorResponse', () => {
    let failure: unknown;
    counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

    answer(1, 409);
    for (const [index, wait] of WAITS.entries()) {
      // Whole milliseconds: a wait never ends early by the scheduler's clock, Date.now(), which
      // counts whole milliseconds, so a 7.2 ms wait ends when that clock has moved on 8.
      vi.advanceTimersByTime(Math.ceil(wait));
      answer(index + 2, 409);
    }

    expect(WAITS.length).toBe(19);
    expect(failure).toBeInstanceOf(HttpErrorResponse);
    expect((failure as HttpErrorResponse).status).toBe(409);
    expect(vi.getTimerCount()).toBe(0); // nothing left scheduled
  });

  it('passes a 500 through untried, with no timer started', () => {
    let failure: unknown;
    counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

    answer(1, 500);

    expect((failure as HttpErrorResponse).status).toBe(500);
    expect(vi.getTimerCount()).toBe(0);
  });
});
