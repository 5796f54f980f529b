#!/usr/bin/env node
// The `rxjs-retry-on-conflict` command, as the package's `bin` names it: the built command in
// dist/esm/cli/. This file is in the repository, not built, because npm checks that a `bin` file
// exists when it reads package.json, before `prepack` has built dist/: a `bin` pointing into dist/
// would be dropped from the published manifest.
import '../dist/esm/cli/main.js';
