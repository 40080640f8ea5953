/**
 * The `syncscope` command. Each subcommand's definition (arguments, options, help) lives in its own file
 * under ./definitions and registers itself on the program; its work lives under ./commands and is
 * imported only when it runs, so `syncscope --help` loads no org, database or server code. This file only
 * wires the definitions together and turns failures into exit codes (cli-error.ts `cliErrorOf` decides
 * which).
 */

import { Command, CommanderError } from 'commander';
import { redact } from '../shared/redact.ts';
import { cliErrorOf } from './cli-error.ts';
import { defaultIo, type CliIo, type RegisterCommand } from './cli-io.ts';
import { registerApp } from './definitions/app.ts';
import { registerDeviceCommand } from './definitions/device.ts';
import { registerCompile } from './definitions/compile.ts';
import { registerValidate } from './definitions/validate.ts';
import { registerOrg } from './definitions/org.ts';
import { registerServe } from './definitions/serve.ts';
import { registerStart } from './definitions/start.ts';
import { registerPreview } from './definitions/preview.ts';
import { registerPublish } from './definitions/publish.ts';

const registrations: RegisterCommand[] = [];

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const trackingIo: CliIo = {
    out: io.out,
    err: io.err,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('syncscope')
    .description('Define, compile, preview and run offline Salesforce sync scopes.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of registrations) register(program, trackingIo);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const failure = cliErrorOf(error);
    if (failure) {
      io.err(`error: ${redact(failure.message)}`);
      return failure.exitCode;
    }
    // An unexpected failure: say what happened without a stack trace (set SYNCSCOPE_DEBUG=1 for one).
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: ${redact(message)}`);
    if (process.env.SYNCSCOPE_DEBUG) io.err(redact(String(error instanceof Error ? error.stack : error)));
    return 1;
  }
}

// Command definitions. Add one import and one push per definition file.
registrations.push();
registrations.push(registerDeviceCommand);
registrations.push(registerValidate, registerCompile);
registrations.push(registerOrg);
registrations.push(registerServe, registerStart, registerPreview, registerPublish);
registrations.push(registerApp);
