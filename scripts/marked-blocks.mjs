// Blocks of a page that a command writes: the text between `<!-- NAME -->` and `<!-- /NAME -->`.
// The command that measures a figure puts it there; a spec or a `--check` run compares the page
// with what the command's saved output renders, cell by cell (Prettier realigns tables).
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

const pattern = (name) => new RegExp(`(<!-- ${name} -->)[\\s\\S]*?(<!-- /${name} -->)`);

/** The text of block `name` in `page` (a markdown text), or undefined when it has none. */
export function markedBlock(page, name) {
  const match = pattern(name).exec(page);
  return match === null ? undefined : match[0].slice(match[1].length, -match[2].length).trim();
}

/** A block as its content reads, whatever the column widths: cells trimmed, rules reduced to `---`. */
export function normalizeBlock(text) {
  return text
    .trim()
    .split('\n')
    .map((line) =>
      line.trim().startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^:?-+:?$/, '---'))
            .join('|')
        : line.trim().replace(/\s+/g, ' '),
    )
    .filter((line) => line !== '')
    .join('\n');
}

/** Whether `file`'s block `name` says what `markdown` says. */
export function blockMatches(file, name, markdown) {
  const block = markedBlock(readFileSync(file, 'utf8'), name);
  return block !== undefined && normalizeBlock(block) === normalizeBlock(markdown);
}

/** Writes each `blocks[name]` into `file` between its markers, then formats the page as CI checks it. */
export async function writeMarkedBlocks(file, blocks) {
  let page = readFileSync(file, 'utf8');
  for (const [name, markdown] of Object.entries(blocks)) {
    if (!pattern(name).test(page)) throw new Error(`${file} has no <!-- ${name} --> block`);
    page = page.replace(pattern(name), (_, open, close) => `${open}\n\n${markdown.trim()}\n\n${close}`);
  }
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(page, { ...options, filepath: file }));
}
