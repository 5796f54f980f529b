import { config, type ObservableNotification } from 'rxjs';

/**
 * Watches what RxJS reports outside the subscriber while each spec of the calling `describe` runs:
 * errors nobody handled, and notifications sent to a subscriber that had already closed (a source
 * or operator that keeps talking after the end). RxJS reports both on a timer, so after each spec
 * this waits a macrotask, then expects that nothing was reported, then removes its hooks.
 */
export function expectNoRxjsReports(): void {
  const unhandledErrors: unknown[] = [];
  const stoppedNotifications: ObservableNotification<unknown>[] = [];
  beforeEach(() => {
    unhandledErrors.length = 0;
    stoppedNotifications.length = 0;
    config.onUnhandledError = (error: unknown) => unhandledErrors.push(error);
    config.onStoppedNotification = (notification) => stoppedNotifications.push(notification);
  });
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    config.onUnhandledError = null;
    config.onStoppedNotification = null;
    expect(unhandledErrors).withContext('errors RxJS reported as unhandled').toEqual([]);
    expect(stoppedNotifications).withContext('notifications to a closed subscriber').toEqual([]);
  });
}
