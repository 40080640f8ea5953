/**
 * `syncscope device status | head -1`: once the reader has gone, writing to stdout fails with EPIPE, which
 * Node reports as an unhandled 'error' event (a stack trace, exit 1). A closed reader is not a failure of
 * the command: later output is dropped and the command finishes as it would have (a sync still completes
 * and stores its work rather than dying halfway).
 */

/** Makes writes to `stream` after its reader closed a silent no-op instead of a crash. */
export function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    // Anything else (disk full behind a redirect...) is a real failure: say so, without a stack.
    if (stream !== process.stderr) process.stderr.write(`error: cannot write the output: ${error.message}\n`);
    process.exitCode = 1;
  });
}
