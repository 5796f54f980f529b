import type { Observer, SchedulerLike } from 'rxjs';

/** A notification a subscriber received, as in marble diagrams: next, error or complete. */
export interface Received {
  readonly kind: 'N' | 'E' | 'C';
  readonly value: unknown;
  readonly at: number;
}

/** Everything that reached a subscriber, with the (virtual) time of its arrival. */
export class Recorder implements Observer<unknown> {
  readonly notifications: Received[] = [];

  constructor(private readonly scheduler: SchedulerLike) {}

  next = (value: unknown): void =>
    void this.notifications.push({ kind: 'N', value, at: this.scheduler.now() });
  error = (error: unknown): void =>
    void this.notifications.push({ kind: 'E', value: error, at: this.scheduler.now() });
  complete = (): void =>
    void this.notifications.push({ kind: 'C', value: undefined, at: this.scheduler.now() });

  get deliveredError(): unknown {
    return this.notifications.find((notification) => notification.kind === 'E')?.value;
  }

  get ended(): boolean {
    return this.notifications.some((notification) => notification.kind !== 'N');
  }
}
