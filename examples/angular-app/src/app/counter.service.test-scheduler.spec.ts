// Recipe 3: RxJS's TestScheduler. The policy's waits run on it, in virtual time: flush() ends the
// pending wait at once, and scheduler.now() says how long the retries waited in all.
import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestScheduler } from 'rxjs/testing';
import { backoffDelays } from 'rxjs-retry-on-conflict';
import { provideRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
import { CounterService } from './counter.service';
import { COUNTER_RETRY_POLICY } from './retry-policy';

const URL = '/couch/counters/hits';
const WAITS = backoffDelays(COUNTER_RETRY_POLICY.backoff!, () => 0);

describe('CounterService, tested with an RxJS TestScheduler', () => {
  let scheduler: TestScheduler;
  let counters: CounterService;
  let http: HttpTestingController;

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRetryOnConflict({ ...COUNTER_RETRY_POLICY, scheduler, random: () => 0 }),
      ],
    });
    counters = TestBed.inject(CounterService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  function answer(rev: number, status: number): void {
    http.expectOne({ method: 'GET', url: URL }).flush({ _id: 'hits', _rev: `${rev}-x`, count: rev });
    http.expectOne({ method: 'PUT', url: URL }).flush({}, { status, statusText: `${status}` });
  }

  it('reads again once virtual time reaches the first wait', () => {
    scheduler.run(({ flush }) => {
      const counts: number[] = [];
      counters.increment(URL).subscribe((count) => counts.push(count));
      answer(1, 409);
      http.expectNone(URL); // waiting

      flush();
      expect(scheduler.now()).toBe(5);
      answer(2, 200);

      expect(counts).toEqual([3]);
    });
  });

  it('gives up with the 409 HttpErrorResponse after 20 attempts and the waits of the backoff', () => {
    scheduler.run(({ flush }) => {
      let failure: unknown;
      counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

      for (let rev = 1; rev <= 20; rev++) {
        answer(rev, 409);
        flush();
      }

      expect(failure).toBeInstanceOf(HttpErrorResponse);
      expect((failure as HttpErrorResponse).status).toBe(409);
      expect(scheduler.now()).toBeCloseTo(
        WAITS.reduce((sum, wait) => sum + wait, 0),
        9,
      );
    });
  });

  it('passes a 500 through untried, at virtual time 0', () => {
    scheduler.run(({ flush }) => {
      let failure: unknown;
      counters.increment(URL).subscribe({ error: (error: unknown) => (failure = error) });

      answer(1, 500);
      flush();

      expect((failure as HttpErrorResponse).status).toBe(500);
      expect(scheduler.now()).toBe(0);
    });
  });
});
