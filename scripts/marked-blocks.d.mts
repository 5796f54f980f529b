/** The text of block `name` in `page` (a markdown text), or undefined when it has none. */
export function markedBlock(page: string, name: string): string | undefined;

/** A block as its content reads, whatever the column widths: cells trimmed, rules reduced to `---`. */
export function normalizeBlock(text: string): string;

/** Whether `file`'s block `name` says what `markdown` says. */
export function blockMatches(file: string, name: string, markdown: string): boolean;

/** Writes each `blocks[name]` into `file` between its markers, then formats the page as CI checks it. */
export function writeMarkedBlocks(file: string, blocks: Readonly<Record<string, string>>): Promise<void>;
