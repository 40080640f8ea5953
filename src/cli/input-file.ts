/**
 * Reading a file the user named (a scope, a plan, a describe). Only regular files of a sane size:
 * `/dev/zero`, a FIFO or a terminal would make `readFileSync` wait or grow forever.
 */

import { readFileSync, statSync } from 'node:fs';
import { CliError } from './cli-error.ts';

/** The largest input read (a scope or plan is kilobytes; a large org's describe a few megabytes). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The text of `file`, or a CliError saying why it cannot be read (`what` names it: "scope", "plan"...). */
export function readInputText(file: string, what: string, maxBytes = MAX_INPUT_BYTES): string {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new CliError(`cannot read ${what} ${file}: it is a directory`);
    if (!stat.isFile())
      throw new CliError(`cannot read ${what} ${file}: not a regular file (a device, pipe or socket)`);
    if (stat.size > maxBytes)
      throw new CliError(
        `cannot read ${what} ${file}: it is ${stat.size} bytes, more than the ${maxBytes} a ${what} may have`,
      );
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CliError(`cannot read ${what} ${file}: ${reason}`);
  }
}
