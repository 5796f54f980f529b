import { ApiException, CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { concatMap, defer, lastValueFrom, merge, range, toArray, type Observable } from 'rxjs';
import { DefaultRetry, isConflict, retryOnConflict, type Backoff, type RetryEvent } from '../../src/index.js';
import { startConfigMapServer, type ConfigMapServer } from '../../dev-support/servers/configmap-server.js';
import { closeAndExpectStopped } from '../support/loopback.js';
import { RACE_SPEC_TIMEOUT_MS, suiteTimeout } from '../support/time-limits.js';

const NAMESPACE = 'default';

/** A real CoreV1Api client for the test server (plain HTTP, which the client allows only so). */
function coreV1ApiFor(serverUrl: string): CoreV1Api {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    { name: 'test', server: serverUrl, skipTLSVerify: true },
    { name: 'test' },
  );
  return kubeConfig.makeApiClient(CoreV1Api);
}

async function createConfigMap(core: CoreV1Api, name: string, count: number): Promise<V1ConfigMap> {
  return core.createNamespacedConfigMap({
    namespace: NAMESPACE,
    body: { metadata: { name }, data: { count: String(count) } },
  });
}

async function readCount(core: CoreV1Api, name: string): Promise<number> {
  const configMap = await core.readNamespacedConfigMap({ name, namespace: NAMESPACE });
  return Number(configMap.data?.['count']);
}

/**
 * client-go's `RetryOnConflict` doc example, line by line, for a ConfigMap:
 *
 *     err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
 *         cm, err := c.ConfigMaps("default").Get(ctx, name, metav1.GetOptions{})
 *         if err != nil { return err }
 *         cm.Data["count"] = strconv.Itoa(count + 1)
 *         _, err = c.ConfigMaps("default").Update(ctx, cm, metav1.UpdateOptions{})
 *         return err
 *     })
 *
 * `beforeUpdate` lets a test write in between the read and the update, as a rival client would.
 */
function incrementCount(
  core: CoreV1Api,
  name: string,
  backoff: Backoff = DefaultRetry,
  onRetry?: (event: RetryEvent) => void,
  beforeUpdate: () => Promise<void> = async () => {},
): Observable<V1ConfigMap> {
  return defer(async () => {
    // Fetch the resource here; you need to refetch it on every try, since if you got a conflict on
    // the last update attempt then you need to get the current version before making your own changes.
    const configMap = await core.readNamespacedConfigMap({ name, namespace: NAMESPACE });

    // Make whatever updates to the resource are needed.
    const count = Number(configMap.data?.['count'] ?? 0);
    configMap.data = { ...configMap.data, count: String(count + 1) };

    await beforeUpdate();
    // Try to update. The ApiException must reach retryOnConflict as it is, not wrapped, so that
    // isConflict can identify it.
    return core.replaceNamespacedConfigMap({ name, namespace: NAMESPACE, body: configMap });
  }).pipe(retryOnConflict(backoff, onRetry ? { onRetry } : {}));
}

describe('retryOnConflict with @kubernetes/client-node against a Kubernetes-style ConfigMap API', () => {
  suiteTimeout(RACE_SPEC_TIMEOUT_MS);

  let server: ConfigMapServer;
  let core: CoreV1Api;

  beforeAll(async () => {
    server = await startConfigMapServer();
    core = coreV1ApiFor(server.url);
  });

  afterAll(async () => {
    await closeAndExpectStopped(server);
  });

  it('should re-read and succeed when a rival update makes the first replace stale', async () => {
    await createConfigMap(core, 'rival-once', 0);
    const rival = coreV1ApiFor(server.url);
    let rivalWrites = 0;
    const retries: RetryEvent[] = [];
    const before = { ...server.stats };

    const updated = await lastValueFrom(
      incrementCount(
        core,
        'rival-once',
        DefaultRetry,
        (event) => retries.push(event),
        async () => {
          if (rivalWrites++ > 0) return;
          const current = await rival.readNamespacedConfigMap({ name: 'rival-once', namespace: NAMESPACE });
          current.data = { count: '10' };
          await rival.replaceNamespacedConfigMap({
            name: 'rival-once',
            namespace: NAMESPACE,
            body: current,
          });
        },
      ),
    );

    expect(updated.data).toEqual({ count: '11' }); // built on the rival's write, not on the stale 0
    expect(retries.length).toBe(1);
    const [conflict] = retries;
    expect(conflict?.error).toBeInstanceOf(ApiException);
    expect((conflict?.error as ApiException<unknown>).code).toBe(409);
    expect(server.stats.conflicts - before.conflicts).toBe(1);
    expect(server.stats.gets - before.gets).toBe(3); // ours twice, the rival's once
  });

  it('should lose no update when 10 clients increment 5 times each at once', async () => {
    await createConfigMap(core, 'race', 0);
    const before = { ...server.stats };
    const backoff: Backoff = { duration: 25, factor: 1.2, jitter: 1, steps: 40 };

    await lastValueFrom(
      merge(
        ...Array.from({ length: 10 }, () => {
          const client = coreV1ApiFor(server.url);
          return range(5).pipe(concatMap(() => incrementCount(client, 'race', backoff)));
        }),
      ).pipe(toArray()),
    );
    const gets = server.stats.gets - before.gets;
    const puts = server.stats.puts - before.puts;
    const conflicts = server.stats.conflicts - before.conflicts;

    expect(await readCount(core, 'race')).toBe(50);
    expect(conflicts).withContext('the clients must actually have raced').toBeGreaterThan(0);
    expect(puts).toBe(50 + conflicts);
    expect(gets).withContext('every attempt read the ConfigMap anew').toBe(puts);
  });

  it('should give up after DefaultRetry.steps attempts with the last ApiException itself', async () => {
    await createConfigMap(core, 'always-stale', 0);
    const rival = coreV1ApiFor(server.url);
    const before = { ...server.stats };

    const rivalWritesEveryTime = async (): Promise<void> => {
      const current = await rival.readNamespacedConfigMap({ name: 'always-stale', namespace: NAMESPACE });
      await rival.replaceNamespacedConfigMap({ name: 'always-stale', namespace: NAMESPACE, body: current });
    };
    const error = await lastValueFrom(
      incrementCount(core, 'always-stale', DefaultRetry, undefined, rivalWritesEveryTime),
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(409);
    expect(JSON.parse((error as ApiException<string>).body)).toEqual(
      jasmine.objectContaining({ kind: 'Status', reason: 'Conflict', code: 409 }),
    );
    expect(server.stats.conflicts - before.conflicts).toBe(DefaultRetry.steps);
    expect(server.stats.puts - before.puts).toBe(2 * DefaultRetry.steps); // ours and the rival's
  });

  it('should not retry a 409 AlreadyExists from a create: the name stays taken', async () => {
    await createConfigMap(core, 'taken', 0);
    const before = { ...server.stats };

    const error = await lastValueFrom(
      defer(() => createConfigMap(core, 'taken', 1)).pipe(retryOnConflict()),
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(409);
    expect(isConflict(error)).toBeFalse();
    expect(server.stats.posts - before.posts).toBe(1);
  });
});
