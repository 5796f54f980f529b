import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';
import { provideRetryOnConflict } from 'rxjs-retry-on-conflict/angular';
import { COUNTER_RETRY_POLICY } from './retry-policy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch()),
    provideRetryOnConflict(COUNTER_RETRY_POLICY),
  ],
};
