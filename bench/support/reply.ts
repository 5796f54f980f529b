/** Prints a child's result, as the last line of its output, for `runChild` to read. */
export function reply(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
