/**
 * `syncscope device resolve|retry|undo <seq>`: what the app's outbox screen offers, from a terminal.
 * `<seq>` is the change's number as `device status` lists it (`#3 update Account 001...`).
 *
 *   device resolve <seq> --db device.sqlite (--mine | --theirs | --field Name=mine|theirs ...)
 *   device retry   <seq> --db device.sqlite
 *   device undo    <seq> --db device.sqlite
 */

import type { ConflictResolution } from '../../runtime/conflicts.ts';
import type { OutboxEntry } from '../../runtime/store/sync-store.ts';
import type { SyncEngine } from '../../runtime/sync-engine.ts';
import { LocalWriteError } from '../../runtime/sync-errors.ts';
import { CliError } from '../cli-error.ts';
import { offlineEngine } from '../device-store.ts';
import type { CliIo } from '../cli-io.ts';

export interface ResolveOptions {
  db: string;
  mine?: boolean;
  theirs?: boolean;
  field?: string[];
}

function parseSeq(text: string): number {
  const seq = Number(text.replace(/^#/, ''));
  if (!/^#?[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(seq))
    throw new CliError(`<seq> must be a change number like 3 (as \`device status\` lists it), got '${text}'`);
  return seq;
}

function describeChange(change: OutboxEntry): string {
  return `#${change.seq} ${change.op} ${change.object} ${change.recordId}`;
}

/** The change numbered `seq`, or a CliError listing the ones there are. */
function changeOf(engine: SyncEngine, seq: number, db: string): OutboxEntry {
  const changes = engine.pendingChanges();
  const change = changes.find((c) => c.seq === seq);
  if (change) return change;
  const known = changes.map((c) => `#${c.seq} (${c.status})`).join(', ') || 'none';
  throw new CliError(
    `no change #${seq} on this device (changes: ${known}); see \`syncscope device status --db ${db}\``,
  );
}

/** Runs `action` on the device database, turning a refused local write into a CliError. */
function withEngine(db: string, action: (engine: SyncEngine) => void): void {
  const { engine, store } = offlineEngine(db);
  try {
    action(engine);
  } catch (error) {
    if (error instanceof LocalWriteError) throw new CliError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

function resolutionOf(options: ResolveOptions): ConflictResolution {
  const given = [options.mine, options.theirs, options.field].filter((o) => o !== undefined).length;
  if (given !== 1) throw new CliError('say one of --mine, --theirs or --field Name=mine|theirs ...');
  if (options.mine) return 'mine';
  if (options.theirs) return 'theirs';
  const perField: Record<string, 'mine' | 'theirs'> = Object.create(null) as Record<string, never>;
  for (const pair of options.field ?? []) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)=(mine|theirs)$/.exec(pair);
    if (!match) throw new CliError(`--field wants Name=mine or Name=theirs, got '${pair}'`);
    perField[match[1]!] = match[2] as 'mine' | 'theirs';
  }
  return perField;
}

export function deviceResolve(seqText: string, options: ResolveOptions, io: CliIo): void {
  const seq = parseSeq(seqText);
  const resolution = resolutionOf(options);
  withEngine(options.db, (engine) => {
    const change = changeOf(engine, seq, options.db);
    if (change.status !== 'conflict')
      throw new CliError(
        `change ${describeChange(change)} is ${change.status}, not in conflict: only conflicts are resolved`,
      );
    engine.resolveConflict(seq, resolution);
    const after = engine.pendingChanges().find((c) => c.seq === seq);
    io.out(
      after
        ? `resolved ${describeChange(change)}: sending ${Object.keys(after.fields).join(', ') || 'the delete'} at the next sync`
        : `resolved ${describeChange(change)}: dropped your change, the server's version stays`,
    );
  });
}

export function deviceRetry(seqText: string, options: { db: string }, io: CliIo): void {
  const seq = parseSeq(seqText);
  withEngine(options.db, (engine) => {
    const change = changeOf(engine, seq, options.db);
    if (change.status !== 'failed')
      throw new CliError(
        `change ${describeChange(change)} is ${change.status}, not failed: only failed changes are retried` +
          (change.status === 'conflict' ? ' (resolve a conflict with `device resolve`)' : ''),
      );
    engine.retry(seq);
    io.out(`queued ${describeChange(change)} again for the next sync`);
  });
}

export function deviceUndo(seqText: string, options: { db: string }, io: CliIo): void {
  const seq = parseSeq(seqText);
  withEngine(options.db, (engine) => {
    const change = changeOf(engine, seq, options.db);
    engine.undo(seq);
    io.out(`undid ${describeChange(change)}`);
  });
}
