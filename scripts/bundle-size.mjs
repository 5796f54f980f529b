// How many bytes an import adds to an app: the import bundled and minified by esbuild for the
// browser, with the packages an app already has (rxjs) left out, then gzipped.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

/**
 * The minified bundle an app would ship for `entry`.
 * @param {string} entry - the module an app would write, e.g. `export { retryOnConflict } from 'rxjs-retry-on-conflict';`
 * @param {{ external?: string[] }} [options] - packages to leave out of the bundle; default rxjs
 * @returns {Promise<Uint8Array>}
 */
export async function bundleCode(entry, { external = ['rxjs', 'rxjs/*'] } = {}) {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external,
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]?.contents ?? new Uint8Array();
}

/**
 * @param {string} entry - the module an app would write, e.g. `export { retryOnConflict } from 'rxjs-retry-on-conflict';`
 * @param {{ external?: string[] }} [options] - packages to leave out of the bundle; default rxjs
 * @returns {Promise<{ rawBytes: number, gzipBytes: number }>}
 */
export async function bundleSize(entry, options) {
  const code = await bundleCode(entry, options);
  return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
