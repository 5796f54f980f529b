// Recipe 1: provideRetryOnConflictTesting(). Retries happen at once, so a test answers the requests
// one after another with HttpTestingController, and never waits or advances a clock.
import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRetryOnConflict, provideRetryOnConflictTesting } from 'rxjs-retry-on-conflict/angular';
import { CounterService } from './counter.service';
import { COUNTER_RETRY_POLICY } from './retry-policy';

const URL = '/couch/counters/hits';

describe('CounterService, tested with provideRetryOnConflictTesting', () => {
  let counters: CounterService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRetryOnConflict(COUNTER_RETRY_POLICY), // the app's policy: 20 attempts
        provideRetryOnConflictTesting(), // ... taken without waiting
      ],
    });
    counters = TestBed.inject(CounterService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify()); // no request left unanswered, none sent after the last

  /** Answers the pending GET with revision `rev`, then the PUT with `status`. */
  function answer(rev: number, status: number): void {
    http.expectOne({ method: 'GET', url: URL }).flush({ _id: 'hits', _rev: `${rev}-x`, count: rev });
    const put = http.expectOne({ method: 'PUT', url: URL });
    expect(put.request.body).toEqual({ _id: 'hits', _rev: `${rev}-x`, count: rev + 1 });
    put.flush(status === 200 ? { ok: true } : { error: 'conflict' }, { status, statusText: `${status}` });
  }

  it('reads again as soon as a PUT gets 409, and emits the count once a PUT lands', () => {
    const counts: number[] = [];
    counters.increment(URL).subscribe((count) => counts.push(count));

    answer(1, 409); // the retried GET is already pending: expectOne finds it
    answer(2, 200);

    expect(counts).toEqual([3]);
  });

  it('gives up after 20 conflicts: the subscriber gets the last 409 as an HttpErrorResponse', () => {
    let failure: unknown;
    counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

    for (let rev = 1; rev <= 20; rev++) answer(rev, 409);

    expect(failure).toBeInstanceOf(HttpErrorResponse);
    expect((failure as HttpErrorResponse).status).toBe(409);
  });

  it('passes a 500 through untried: one GET, one PUT, then the error', () => {
    let failure: unknown;
    counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

    answer(1, 500);

    expect((failure as HttpErrorResponse).status).toBe(500);
  });
});
