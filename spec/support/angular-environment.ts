// Angular's JIT compiler must be loaded before any decorated class is defined or injected.
import '@angular/compiler';
import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  createEnvironmentInjector,
  provideZonelessChangeDetection,
  ɵINJECTOR_SCOPE as INJECTOR_SCOPE,
  type EnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';

/**
 * An Angular environment as an application has it, minus the DOM: zoneless, with `HttpClient` on
 * the fetch backend sending real requests. The root scope makes `providedIn: 'root'` services
 * resolve here, as they do in the injector `bootstrapApplication` creates. Destroy it after use.
 */
export function createHttpEnvironment(
  providers: Array<Provider | EnvironmentProviders> = [],
): EnvironmentInjector {
  return createEnvironmentInjector(
    [
      { provide: INJECTOR_SCOPE, useValue: 'root' },
      provideZonelessChangeDetection(),
      provideHttpClient(withFetch()),
      ...providers,
    ],
    null as unknown as EnvironmentInjector, // no parent: the null injector ends the lookup
  );
}
