#!/usr/bin/env node
// The `syncscope` command. Sources are TypeScript, loaded through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head -1`) must not turn into an EPIPE stack trace.
const { ignoreClosedReader } = await import('../src/cli/broken-pipe.ts');
ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
