import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defer, throwError, VirtualTimeScheduler } from 'rxjs';
import { backoffDelays, onError, type GiveUpEvent, type RetryEvent } from '../../src/index.js';
import { randomNumbers, retryAfterBound, serverAsks, validBackoff } from '../support/arbitraries.js';
import { expectProperty } from '../support/expect-property.js';
import { randomSequence } from '../support/scripted-source.js';

describe('onError with retryAfter (properties)', () => {
  it("should never wait less than the backoff's wait or the server's ask, nor more than the larger of the backoff's wait and the bound", () => {
    expectProperty(
      fc.property(
        validBackoff,
        randomNumbers,
        serverAsks,
        retryAfterBound,
        (backoff, numbers, asks, bound) => {
          // The waits the backoff alone makes, with the same random numbers drawn in the same order.
          const backoffWaits = backoffDelays(backoff, randomSequence(numbers).random);
          const scheduler = new VirtualTimeScheduler();
          const events: RetryEvent[] = [];
          const giveUps: GiveUpEvent[] = [];
          let attempts = 0;
          const source = defer(() => throwError(() => ({ askMs: asks[attempts++ % asks.length] })));
          source
            .pipe(
              onError(backoff, () => true, {
                scheduler,
                random: randomSequence(numbers).random,
                retryAfter: (error) => (error as { askMs?: number }).askMs,
                maxRetryAfter: bound,
                onRetry: (event) => events.push(event),
                onGiveUp: (event) => giveUps.push(event),
              }),
            )
            .subscribe({ error: () => undefined });
          scheduler.flush();

          for (const [index, { delay, retryAfter }] of events.entries()) {
            const backoffWait = backoffWaits[index]!;
            const ask = asks[index % asks.length];
            assert.ok(delay >= backoffWait, `wait ${index + 1}: ${delay} < the backoff's ${backoffWait}`);
            if (ask !== undefined) assert.ok(delay >= ask, `wait ${index + 1}: ${delay} < the ask ${ask}`);
            assert.ok(
              ask === undefined || ask <= bound,
              `wait ${index + 1} waited an ask ${ask} over the bound ${bound}`,
            );
            assert.ok(
              delay <= Math.max(backoffWait, bound),
              `wait ${index + 1}: ${delay} > max(${backoffWait}, ${bound})`,
            );
            assert.equal(delay, Math.max(backoffWait, ask ?? 0));
            assert.equal(retryAfter, ask);
          }
          // Attempts still count against steps, and the run ends with one give-up: when the waits
          // ran out, or at once on the first ask over the bound.
          assert.ok(attempts <= backoff.steps, `${attempts} attempts > steps ${backoff.steps}`);
          assert.equal(giveUps.length, 1);
          const lastAsk = asks[(attempts - 1) % asks.length];
          if (events.length < backoffWaits.length) {
            assert.ok(
              lastAsk !== undefined && lastAsk > bound,
              `the run ended early without an ask over ${bound}`,
            );
            assert.deepEqual(giveUps[0], { attempts, error: { askMs: lastAsk }, retryAfter: lastAsk });
          } else {
            assert.equal(events.length, backoffWaits.length);
            assert.equal(giveUps[0]?.retryAfter, undefined);
          }
        },
      ),
    );
  });
});
