import { switchMap } from 'rxjs';
import { isConflict } from '../../../src/index.js';
import { EventScheduler } from '../../../src/cli/simulate/event-scheduler.js';
import { CONFLICT, ModelledStore, type NetworkModel } from '../../../src/cli/simulate/modelled-store.js';

describe('ModelledStore', () => {
  const fixed = (readServiceMs: number, writeServiceMs: number): NetworkModel => ({
    delayMeanMs: 2,
    delaySdMs: 0,
    readServiceMs,
    writeServiceMs,
  });

  it('should answer a read with the revision after a round trip, and accept a write of the current revision', () => {
    const scheduler = new EventScheduler();
    const store = new ModelledStore(scheduler, fixed(0, 0), Math.random);
    const seen: string[] = [];
    store
      .read()
      .pipe(
        switchMap((revision) => (seen.push(`read ${revision}@${scheduler.now()}`), store.write(revision))),
      )
      .subscribe((revision) => seen.push(`wrote ${revision}@${scheduler.now()}`));
    scheduler.flush();

    expect(seen).toEqual(['read 0@4', 'wrote 1@8']);
    expect(store.revision).toBe(1);
    expect(store.counts).toEqual({ reads: 1, writes: 1, conflicts: 0 });
  });

  it('should refuse a write of a stale revision with a conflict that isConflict accepts', () => {
    const scheduler = new EventScheduler();
    const store = new ModelledStore(scheduler, fixed(0, 0), Math.random);
    store.revision = 3;
    let error: unknown;
    store.write(2).subscribe({ error: (thrown: unknown) => (error = thrown) });
    scheduler.flush();

    expect(error).toBe(CONFLICT);
    expect(isConflict(error)).toBeTrue();
    expect(store.revision).toBe(3);
    expect(store.counts).toEqual({ reads: 0, writes: 1, conflicts: 1 });
  });

  it('should serve one request at a time, in arrival order, each taking its server time', () => {
    const scheduler = new EventScheduler();
    const store = new ModelledStore(scheduler, fixed(1, 3), Math.random);
    const answers: string[] = [];
    // All three arrive at 2 ms: the write is served 2..5, the reads 5..6 and 6..7, then 2 ms back.
    store.write(0).subscribe((revision) => answers.push(`write ${revision}@${scheduler.now()}`));
    store.read().subscribe((revision) => answers.push(`read ${revision}@${scheduler.now()}`));
    store.read().subscribe((revision) => answers.push(`read ${revision}@${scheduler.now()}`));
    scheduler.flush();

    expect(answers).toEqual(['write 1@7', 'read 1@8', 'read 1@9']);
  });

  it('should serve a request whose sender left, as a server does', () => {
    const scheduler = new EventScheduler();
    const store = new ModelledStore(scheduler, fixed(0, 0), Math.random);
    const subscription = store.write(0).subscribe();
    subscription.unsubscribe();
    scheduler.flush();

    expect(store.revision).toBe(1);
  });
});
