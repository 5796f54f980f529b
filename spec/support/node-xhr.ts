import { createRequire } from 'node:module';

/**
 * A real XMLHttpRequest for Node (the xhr2 package), so that RxJS's `ajax` sends real requests and
 * fails with its own `AjaxError`. Pass it as `ajax({ url, createXHR: createNodeXhr })`.
 */
export function createNodeXhr(): XMLHttpRequest {
  return new NodeXMLHttpRequest();
}

const NodeXMLHttpRequest = createRequire(import.meta.url)('xhr2') as new () => XMLHttpRequest;
