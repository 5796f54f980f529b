// Angular's JIT compiler must be loaded before any decorated class is injected.
import '@angular/compiler';
import {
  ApplicationModule,
  ErrorHandler,
  NgModule,
  platformCore,
  provideZonelessChangeDetection,
  ɵINJECTOR_SCOPE as INJECTOR_SCOPE,
} from '@angular/core';
import { getTestBed, TestComponentRenderer } from '@angular/core/testing';

/**
 * What `BrowserTestingModule` gives `TestBed` in a browser, minus the DOM: the application's core
 * services in a root-scoped, zoneless injector. Enough for `TestBed.inject` and services over
 * `HttpTestingController`; not for components, which need a renderer.
 */
@NgModule({
  imports: [ApplicationModule],
  providers: [
    { provide: INJECTOR_SCOPE, useValue: 'root' },
    { provide: ErrorHandler, useClass: ErrorHandler },
    { provide: TestComponentRenderer, useClass: TestComponentRenderer },
    provideZonelessChangeDetection(),
  ],
})
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an NgModule is a class that only carries its decorator
class NodeTestingModule {}

/** Sets up `TestBed` in Node, as `ng test` does in the browser. Undo with {@link resetTestBedInNode}. */
export function initTestBedInNode(): void {
  getTestBed().initTestEnvironment(NodeTestingModule, platformCore());
}

/** Destroys the testing module and the environment {@link initTestBedInNode} set up. */
export function resetTestBedInNode(): void {
  const testBed = getTestBed();
  testBed.resetTestingModule();
  testBed.resetTestEnvironment();
}
