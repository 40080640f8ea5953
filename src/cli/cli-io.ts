/**
 * What every command is given: where it writes and how it sets the exit code (`CliIo`), and the shape of
 * a command module's registration (`RegisterCommand`). Its own file so commands never import main.ts.
 */

import type { Command } from 'commander';

/** Every command module exports one of these. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Where commands write; tests pass their own to capture output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Set by a command to choose the exit code (0 when never set). */
  setExitCode(code: number): void;
}

/** The process's own: stdout, stderr and process.exitCode. */
export function defaultIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
