/** Bytes an import adds to an app: bundled and minified by esbuild for the browser, gzipped. */
export function bundleSize(
  entry: string,
  options?: { external?: string[] },
): Promise<{ rawBytes: number; gzipBytes: number }>;
