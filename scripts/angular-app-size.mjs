// The bytes the library adds to the example Angular app's production build: builds the app twice,
// as it is and with the library replaced by do-nothing stubs of the same API
// (examples/angular-app/tsconfig.size-baseline.json), and compares the gzipped JavaScript.
// Run `npm run test:angular` first (it installs the app's dependencies and the packed library).
// Writes the figures into docs/performance.md (the `size:angular` block).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeMarkedBlocks } from './marked-blocks.mjs';

const app = 'examples/angular-app';
const env = { ...process.env, NG_CLI_ANALYTICS: 'false' };

function build(configuration, outputFolder) {
  execFileSync('npx', ['--no-install', 'ng', 'build', '--configuration', configuration], {
    cwd: app,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const folder = join(app, 'dist', outputFolder, 'browser');
  const scripts = readdirSync(folder).filter((name) => name.endsWith('.js'));
  const bytes = scripts.map((name) => readFileSync(join(folder, name)));
  return {
    rawBytes: bytes.reduce((sum, file) => sum + file.length, 0),
    gzipBytes: bytes.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0),
  };
}

const withLibrary = build('production', 'angular-app');
const withoutLibrary = build('production,size-baseline', 'size-baseline');
const row = (name, { rawBytes, gzipBytes }) =>
  `${name.padEnd(18)} ${String(rawBytes).padStart(8)} B ${String(gzipBytes).padStart(7)} B gzip`;
console.log(row('with the library', withLibrary));
console.log(row('without (stubs)', withoutLibrary));
console.log(
  row('added', {
    rawBytes: withLibrary.rawBytes - withoutLibrary.rawBytes,
    gzipBytes: withLibrary.gzipBytes - withoutLibrary.gzipBytes,
  }),
);

const version = (name) =>
  JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version.replace(
    /^(\d+\.\d+)\..*$/,
    '$1',
  );
const bytes = (n, bold = false) =>
  bold ? `**${n.toLocaleString('en-US')} B**` : `${n.toLocaleString('en-US')} B`;
const date = new Date().toISOString().slice(0, 10);
await writeMarkedBlocks('docs/performance.md', {
  'size:angular': [
    `Written by \`npm run size:angular\` on ${date} (Angular ${version('@angular/core')}, rxjs ${version('rxjs')}; the bytes depend on the code and the tools, not on the machine):`,
    '',
    '| build | minified | gzip |',
    '| --- | ---: | ---: |',
    `| with rxjs-retry-on-conflict | ${bytes(withLibrary.rawBytes)} | ${bytes(withLibrary.gzipBytes)} |`,
    `| without (stubs of the same API) | ${bytes(withoutLibrary.rawBytes)} | ${bytes(withoutLibrary.gzipBytes)} |`,
    `| **added by the package** | ${bytes(withLibrary.rawBytes - withoutLibrary.rawBytes, true)} | ${bytes(withLibrary.gzipBytes - withoutLibrary.gzipBytes, true)} |`,
  ].join('\n'),
});
console.log('wrote the figures into docs/performance.md');
