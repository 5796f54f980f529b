import { from, switchMap, throwError, type Observable } from 'rxjs';
import { fromFetch } from 'rxjs/fetch';
import type { CounterDocument } from '../../dev-support/servers/couch-server.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Creates a database (`PUT /db`), failing unless the server answers 201. */
export async function createDatabase(databaseUrl: string): Promise<void> {
  const response = await fetch(databaseUrl, { method: 'PUT' });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`PUT ${databaseUrl} answered ${response.status}`);
}

/** Creates a counter document with `count: 0`. */
export async function createCounter(documentUrl: string): Promise<void> {
  const response = await fetch(documentUrl, { method: 'PUT', headers: JSON_HEADERS, body: '{"count":0}' });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`PUT ${documentUrl} answered ${response.status}`);
}

/** The counter's current value, read without RxJS. */
export async function readCount(documentUrl: string): Promise<number> {
  const response = await fetch(documentUrl);
  const counter = (await response.json()) as CounterDocument;
  return counter.count;
}

/**
 * An HTTP call as a cold observable, the way fetch users write it with `fromFetch`: a 2xx response
 * emits its JSON body; any other response is read to the end and then thrown, the `Response` itself
 * being the error (so `isConflict` sees its `status`).
 */
export function fetchJson<T>(url: string, init: RequestInit = {}): Observable<T> {
  return fromFetch(url, { ...init, headers: JSON_HEADERS }).pipe(
    switchMap((response) =>
      response.ok
        ? from(response.json() as Promise<T>)
        : from(response.arrayBuffer()).pipe(switchMap(() => throwError(() => response))),
    ),
  );
}
