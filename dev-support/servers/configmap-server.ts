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
 * the way kube-apiserver does for optimistic concurrency:
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
  const stats: ConfigMapServerStats = { gets: 0, puts: 0, posts: 0, conflicts: 0 };

  async function answer(request: IncomingMessage): Promise<Reply> {
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

/** What the server answers to one request. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
}

function sendJson(response: ServerResponse, { status, body }: Reply): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
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
