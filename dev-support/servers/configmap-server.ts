import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, stopServer } from './loopback-server.js';

/**
 * What a {@link ConfigMapServer} has been asked so far.
 *
 * @example
 * ```ts
 * const before = { ...api.stats };
 * // ... run the writers ...
 * const conflicts = api.stats.conflicts - before.conflicts;
 * ```
 */
export interface ConfigMapServerStats {
  /** GET requests received. */
  gets: number;
  /** PUT requests received (replace). */
  puts: number;
  /** POST requests received (create). */
  posts: number;
  /** Responses sent with status 409: stale `resourceVersion` on PUT, or a name taken on POST. */
  conflicts: number;
  /** Responses sent with status 429, as {@link ConfigMapServer.refuseNext} asked. */
  tooManyRequests: number;
}

/**
 * How {@link ConfigMapServer.refuseNext} answers the requests it refuses.
 *
 * @example
 * ```ts
 * api.refuseNext({ requests: 2, retryAfterSeconds: 1, body: 'status' });
 * ```
 */
export interface RefusalOptions {
  /** How many of the next requests are answered 429, whatever they ask. */
  readonly requests: number;
  /** The seconds the answer asks the client to wait. Default: 1. */
  readonly retryAfterSeconds?: number;
  /**
   * `'text'` (default): as the API server's priority and fairness filter answers, plain text with
   * the `Retry-After` and `X-Kubernetes-PF-*` headers. `'status'`: as `errors.NewTooManyRequests`
   * reaches a client, a `Status` of reason `TooManyRequests` whose `details.retryAfterSeconds` holds
   * the wait, with the same `Retry-After` header the API server copies from it.
   */
  readonly body?: 'text' | 'status';
  /** Whether the answer carries a `Retry-After` header. Default: `true`. */
  readonly retryAfterHeader?: boolean;
}

/**
 * A running Kubernetes-style ConfigMap API server; see {@link startConfigMapServer}.
 *
 * @example
 * ```ts
 * const api = await startConfigMapServer();
 * try {
 *   // ... requests to api.url ...
 * } finally {
 *   await api.close();
 * }
 * ```
 */
export interface ConfigMapServer {
  /** Where it listens, e.g. `http://127.0.0.1:6443`, without a trailing slash. */
  readonly url: string;
  /** Live request counts. */
  readonly stats: ConfigMapServerStats;
  /**
   * Answers the next `requests` requests 429 Too Many Requests, asking the client to come back in
   * `retryAfterSeconds`, as an overloaded API server does; then serves again. Calling it again
   * replaces what is left of the previous call.
   */
  refuseNext(options: RefusalOptions): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Options for {@link startConfigMapServer}.
 *
 * @example
 * ```ts
 * const api = await startConfigMapServer({ port: 0 });
 * ```
 */
export interface ConfigMapServerOptions {
  /** TCP port on 127.0.0.1. Default: 0, a free port chosen by the system. */
  readonly port?: number;
}

interface StoredConfigMap {
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  readonly document: Record<string, unknown>;
}

const CONFIGMAP_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps(?:\/([^/]+))?$/;

/**
 * Starts an HTTP server on 127.0.0.1 that speaks the Kubernetes API for one resource, ConfigMaps,
 * the way kube-apiserver does for optimistic concurrency and, when asked to refuse requests
 * ({@link ConfigMapServer.refuseNext}), for an overloaded server: 429 with `Retry-After`.
 * - `POST /api/v1/namespaces/{ns}/configmaps` creates (201), or answers 409 `AlreadyExists`;
 * - `GET  /api/v1/namespaces/{ns}/configmaps/{name}` returns it with `metadata.resourceVersion`;
 * - `PUT  /api/v1/namespaces/{ns}/configmaps/{name}` replaces it when the body's
 *   `metadata.resourceVersion` is the current one (200, with a new version), and otherwise answers
 *   409 with a `Status` of reason `Conflict`, word for word as the real API server does.
 *
 * Enough for the real `@kubernetes/client-node` `CoreV1Api` to run a read-modify-write against it.
 * No authentication, no watch, no other resources.
 *
 * @example
 * ```ts
 * const api = await startConfigMapServer();
 * const kubeConfig = new KubeConfig();
 * kubeConfig.loadFromClusterAndUser({ name: 'test', server: api.url }, { name: 'test' });
 * const core = kubeConfig.makeApiClient(CoreV1Api);
 * // ... core.readNamespacedConfigMap({ name, namespace }) ...
 * await api.close();
 * ```
 */
export async function startConfigMapServer(options: ConfigMapServerOptions = {}): Promise<ConfigMapServer> {
  const { port = 0 } = options;
  const configMaps = new Map<string, StoredConfigMap>();
  // One counter for the whole store, as etcd's revision: versions are opaque and never reused.
  let revision = 0;
  const stats: ConfigMapServerStats = { gets: 0, puts: 0, posts: 0, conflicts: 0, tooManyRequests: 0 };
  let refusal: Required<RefusalOptions> = {
    requests: 0,
    retryAfterSeconds: 1,
    body: 'text',
    retryAfterHeader: true,
  };
  let refusalsLeft = 0;

  async function answer(request: IncomingMessage): Promise<Reply> {
    if (refusalsLeft > 0) {
      refusalsLeft--;
      stats.tooManyRequests++;
      request.resume();
      return tooManyRequests(refusal);
    }
    const match = CONFIGMAP_PATH.exec(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!match) return statusReply(404, 'NotFound', 'the server could not find the requested resource');
    const namespace = decodeURIComponent(match[1] ?? '');
    const nameInPath = match[2] === undefined ? undefined : decodeURIComponent(match[2]);

    if (request.method === 'GET' && nameInPath !== undefined) {
      stats.gets++;
      const stored = configMaps.get(key(namespace, nameInPath));
      if (!stored) return notFound(nameInPath);
      return { status: 200, body: stored.document };
    }

    if (request.method === 'POST' && nameInPath === undefined) {
      stats.posts++;
      const body = await readJsonObject(request);
      const name = metadataOf(body)['name'];
      if (typeof name !== 'string' || name === '') {
        return statusReply(422, 'Invalid', 'ConfigMap "" is invalid: metadata.name: Required value');
      }
      if (configMaps.has(key(namespace, name))) {
        stats.conflicts++;
        return statusReply(409, 'AlreadyExists', `configmaps "${name}" already exists`, name);
      }
      return { status: 201, body: store(namespace, name, body) };
    }

    if (request.method === 'PUT' && nameInPath !== undefined) {
      stats.puts++;
      const body = await readJsonObject(request);
      const stored = configMaps.get(key(namespace, nameInPath));
      if (!stored) return notFound(nameInPath);
      const resourceVersion = metadataOf(body)['resourceVersion'];
      // As kube-apiserver: an update that names no version is unconditional; a stale one is refused.
      if (
        resourceVersion !== undefined &&
        resourceVersion !== '' &&
        resourceVersion !== stored.resourceVersion
      ) {
        stats.conflicts++;
        return statusReply(
          409,
          'Conflict',
          `Operation cannot be fulfilled on configmaps "${nameInPath}": the object has been modified; ` +
            'please apply your changes to the latest version and try again',
          nameInPath,
        );
      }
      return { status: 200, body: store(namespace, nameInPath, body) };
    }

    return statusReply(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }

  function store(namespace: string, name: string, body: Record<string, unknown>): Record<string, unknown> {
    const resourceVersion = String(++revision);
    const previous = configMaps.get(key(namespace, name));
    const metadata = {
      ...metadataOf(body),
      name,
      namespace,
      resourceVersion,
      uid: metadataOf(previous?.document ?? {})['uid'] ?? `uid-${resourceVersion}`,
    };
    const document = { ...body, apiVersion: 'v1', kind: 'ConfigMap', metadata };
    configMaps.set(key(namespace, name), { namespace, name, resourceVersion, document });
    return document;
  }

  const server = createServer((request, response) => {
    answer(request)
      .catch((error: unknown) => statusReply(400, 'BadRequest', String(error)))
      .then((reply) => sendJson(response, reply))
      .catch(() => response.destroy());
  });

  const url = await listenOnLoopback(server, port);

  let closing: Promise<void> | undefined;
  return {
    url,
    stats,
    refuseNext: ({ requests, retryAfterSeconds = 1, body = 'text', retryAfterHeader = true }) => {
      refusal = { requests, retryAfterSeconds, body, retryAfterHeader };
      refusalsLeft = requests;
    },
    close: () => (closing ??= stopServer(server)),
  };
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function metadataOf(document: Record<string, unknown>): Record<string, unknown> {
  const metadata = document['metadata'];
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
}

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** What the server answers to one request: a `body` other than a string is sent as JSON. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function sendJson(response: ServerResponse, { status, body, headers = {} }: Reply): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The flow schema and priority level that kube-apiserver names in a refusal: fixed here. */
const FLOW_SCHEMA_UID = 'configmap-server-flow-schema';
const PRIORITY_LEVEL_UID = 'configmap-server-priority-level';

/**
 * A 429 as kube-apiserver sends it: from the priority and fairness filter (`tooManyRequests`, plain
 * text), or as a `Status` from `errors.NewTooManyRequests`, whose `retryAfterSeconds` the API server
 * also sets as `Retry-After`.
 */
function tooManyRequests({ retryAfterSeconds, body, retryAfterHeader }: Required<RefusalOptions>): Reply {
  const headers: Record<string, string> = retryAfterHeader
    ? { 'retry-after': String(retryAfterSeconds) }
    : {};
  if (body === 'text') {
    return {
      status: 429,
      body: 'Too many requests, please try again later.\n',
      headers: {
        ...headers,
        'x-kubernetes-pf-flowschema-uid': FLOW_SCHEMA_UID,
        'x-kubernetes-pf-prioritylevel-uid': PRIORITY_LEVEL_UID,
      },
    };
  }
  const status = statusReply(429, 'TooManyRequests', 'Too many requests, please try again later.');
  return { ...status, body: { ...(status.body as object), details: { retryAfterSeconds } }, headers };
}

function notFound(name: string): Reply {
  return statusReply(404, 'NotFound', `configmaps "${name}" not found`, name);
}

/** A `metav1.Status` failure, shaped as kube-apiserver sends it. */
function statusReply(code: number, reason: string, message: string, name?: string): Reply {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(name === undefined ? {} : { details: { name, kind: 'configmaps' } }),
      code,
    },
  };
}
