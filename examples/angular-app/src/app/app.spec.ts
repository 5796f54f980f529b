import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRetryOnConflict, provideRetryOnConflictTesting } from 'rxjs-retry-on-conflict/angular';
import { App } from './app';
import { COUNTER_RETRY_POLICY } from './retry-policy';

describe('App', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRetryOnConflict(COUNTER_RETRY_POLICY),
        provideRetryOnConflictTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function click(section: string): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    element.querySelector<HTMLButtonElement>(`[data-test="${section}"] button`)!.click();
    return element;
  }

  it('shows the HttpErrorResponse 409 that arrives after the policy gives up', async () => {
    const element = await click('conflict-forever');

    for (let rev = 1; rev <= 20; rev++) {
      http.expectOne({ method: 'GET' }).flush({ _id: 'c', _rev: `${rev}-x`, count: 0 });
      http.expectOne({ method: 'PUT' }).flush({}, { status: 409, statusText: 'Conflict' });
    }
    await TestBed.inject(ApplicationRef).whenStable();

    expect(element.querySelector('[data-test="conflict-forever"] .result')?.textContent).toContain(
      'error: HttpErrorResponse 409',
    );
  });

  it('counts 20 landed increments when each client meets one conflict', async () => {
    const element = await click('race');

    // Every client reads revision 1; the first PUT lands, the other 19 conflict and read again.
    const firstReads = http.match({ method: 'GET', url: '/couch/counters/race' });
    expect(firstReads.length).toBe(20);
    for (const read of firstReads) read.flush({ _id: 'race', _rev: '1-x', count: 0 });
    const firstWrites = http.match({ method: 'PUT' });
    firstWrites[0]!.flush({ ok: true });
    for (const write of firstWrites.slice(1)) write.flush({}, { status: 409, statusText: 'Conflict' });
    const retriedReads = http.match({ method: 'GET', url: '/couch/counters/race' });
    expect(retriedReads.length).toBe(19);
    retriedReads.forEach((read, index) =>
      read.flush({ _id: 'race', _rev: `${index + 2}-x`, count: index + 1 }),
    );
    for (const write of http.match({ method: 'PUT' })) write.flush({ ok: true });
    http
      .expectOne({ method: 'GET', url: '/couch/counters/race' })
      .flush({ _id: 'race', _rev: '21-x', count: 20 });
    await TestBed.inject(ApplicationRef).whenStable();

    expect(element.querySelector('[data-test="race"] .result')?.textContent).toMatch(
      /landed 20\/20, gave up 0,\s+counter 20, retries 19,/,
    );
  });
});
