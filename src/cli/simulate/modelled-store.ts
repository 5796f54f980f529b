import { Observable, type SchedulerLike } from 'rxjs';
import { absoluteNormal } from './seeded-random.js';

/**
 * How long a request takes: the network each way, and the server's own time per request. Every
 * time is in milliseconds.
 *
 * @example
 * ```ts
 * // The AWS Architecture Blog's model: |Normal(10 ms, 2 ms)| each way, no server time.
 * const aws: NetworkModel = { delayMeanMs: 10, delaySdMs: 2, readServiceMs: 0, writeServiceMs: 0 };
 * ```
 */
export interface NetworkModel {
  /** Mean one-way network delay; each request and each answer draws |Normal(mean, sd)|. */
  readonly delayMeanMs: number;
  /** Standard deviation of the one-way delay; 0 makes every delay the mean. */
  readonly delaySdMs: number;
  /**
   * Server time per read. The server serves one request at a time in the order they arrive (one
   * document, one lock), so under load requests queue; 0 serves each the moment it arrives.
   */
  readonly readServiceMs: number;
  /** Server time per write, likewise. */
  readonly writeServiceMs: number;
}

/**
 * The answer to a write whose revision is stale: it carries `status: 409`, so `isConflict` accepts
 * it as it accepts an HTTP client's 409. One frozen object: a simulation makes millions.
 *
 * @example
 * ```ts
 * import { isConflict } from 'rxjs-retry-on-conflict';
 *
 * isConflict(CONFLICT); // true
 * ```
 */
export const CONFLICT = Object.freeze({ status: 409, statusText: 'Conflict' });

/**
 * One document with a revision, behind a modelled network, on a virtual clock: optimistic
 * concurrency as CouchDB, etcd or a Kubernetes API server do it. A read answers the current
 * revision; a write carrying that revision is accepted and moves it on, one carrying an older
 * revision fails with {@link CONFLICT}. A request is served when it reaches the server, whether or
 * not its sender is still waiting, as a real server does.
 *
 * @example
 * ```ts
 * import { switchMap, VirtualTimeScheduler } from 'rxjs';
 *
 * const scheduler = new VirtualTimeScheduler();
 * // 1 ms each way, no spread (so `random` is never called), no server time.
 * const network = { delayMeanMs: 1, delaySdMs: 0, readServiceMs: 0, writeServiceMs: 0 };
 * const store = new ModelledStore(scheduler, network, Math.random);
 * let revision = -1;
 * store.read().pipe(switchMap((read) => store.write(read))).subscribe((next) => (revision = next));
 * scheduler.flush();
 * revision; // 1
 * scheduler.now(); // 4
 * ```
 */
export class ModelledStore {
  /** The document's revision: 0, then one more per accepted write. */
  revision = 0;
  /** Requests served, by kind, and writes refused. */
  readonly counts = { reads: 0, writes: 0, conflicts: 0 };
  private serverFreeAtMs = 0;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly network: NetworkModel,
    private readonly random: () => number,
  ) {}

  /** Reads the document: emits its revision as the server saw it, then completes. */
  read(): Observable<number> {
    return this.request(this.network.readServiceMs, () => {
      this.counts.reads++;
      return this.revision;
    });
  }

  /** Writes the document if `revision` is current: emits the new revision, or fails with {@link CONFLICT}. */
  write(revision: number): Observable<number> {
    return this.request(this.network.writeServiceMs, () => {
      this.counts.writes++;
      if (revision !== this.revision) {
        this.counts.conflicts++;
        return CONFLICT;
      }
      return ++this.revision;
    });
  }

  /** One round trip: out over the network, queued and served, back over the network. */
  private request(serviceMs: number, serve: () => number | typeof CONFLICT): Observable<number> {
    return new Observable<number>((subscriber) => {
      const scheduler = this.scheduler;
      const answer = (result: number | typeof CONFLICT): void => {
        scheduler.schedule(() => {
          if (typeof result !== 'number') return subscriber.error(result);
          subscriber.next(result);
          subscriber.complete();
        }, this.delay());
      };
      scheduler.schedule(() => {
        if (serviceMs === 0) return answer(serve());
        const doneMs = Math.max(scheduler.now(), this.serverFreeAtMs) + serviceMs;
        this.serverFreeAtMs = doneMs;
        scheduler.schedule(() => answer(serve()), doneMs - scheduler.now());
      }, this.delay());
    });
  }

  private delay(): number {
    return absoluteNormal(this.random, this.network.delayMeanMs, this.network.delaySdMs);
  }
}
