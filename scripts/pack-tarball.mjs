// Packs the package (as `npm publish` would) into a folder and returns the tarball's path.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs `npm pack` on `packageDir` (default: this package, whose build must be in dist/) into
 * `folder`, without lifecycle scripts: what is packed is what is there.
 */
export function packTarball(folder, packageDir = '.') {
  if (packageDir === '.' && !existsSync('dist/esm/index.js')) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const args = ['pack', packageDir, '--pack-destination', folder, '--json', '--silent', '--ignore-scripts'];
  const output = execFileSync('npm', args, { encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output);
  return join(folder, filename);
}
