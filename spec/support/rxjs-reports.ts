import { config, type ObservableNotification } from 'rxjs';

/**
 * What RxJS reports outside the subscriber while a spec runs: errors nobody handled, and
 * notifications sent to a subscriber that had already closed (an operator that keeps talking after
 * the end). Installs RxJS's global hooks before each spec of the calling `describe` and removes them
 * after it.
 */
export function watchRxjsReports(): {
  readonly unhandledErrors: unknown[];
  readonly stoppedNotifications: ObservableNotification<unknown>[];
} {
  const reports = {
    unhandledErrors: [] as unknown[],
    stoppedNotifications: [] as ObservableNotification<unknown>[],
  };
  beforeEach(() => {
    reports.unhandledErrors.length = 0;
    reports.stoppedNotifications.length = 0;
    config.onUnhandledError = (error: unknown) => reports.unhandledErrors.push(error);
    config.onStoppedNotification = (notification) => reports.stoppedNotifications.push(notification);
  });
  afterEach(() => {
    config.onUnhandledError = null;
    config.onStoppedNotification = null;
  });
  return reports;
}
