/**
 * One fraction for a whole sync, for a progress bar, from the progress events (progress.ts): the upload
 * and each plan object are equal steps, each filled by its records stored / expected so far. Objects
 * download in waves of dependencies and some are settled again at the end (counts, records fetched by
 * Id), so event order says nothing about which step is finished: the fraction comes from the work known
 * so far only. It never goes back (a step that learns of more work does not pull the bar back) and
 * reaches 1 only when the sync ended (`finish`); until then it stays below `RUNNING_CAP`.
 *
 * ```ts
 * const overall = new OverallProgress(plan.objects.map((o) => o.name));
 * engine.on('progress', (event) => bar.value = overall.apply(event));
 * await engine.syncNow(); bar.value = overall.finish();
 * ```
 */

import type { SyncProgress } from './progress.ts';

/** The highest fraction shown while a sync still runs. */
export const RUNNING_CAP = 0.99;

interface StepWork {
  done: number;
  total: number | undefined;
}

export class OverallProgress {
  readonly #steps = new Map<string, StepWork | null>();
  #fraction = 0;
  #finished = false;

  constructor(objects: readonly string[]) {
    this.#steps.set(UPLOAD, null);
    for (const object of objects) this.#steps.set(object, null);
  }

  /** 0..1, never lower than before. */
  get fraction(): number {
    return this.#fraction;
  }

  apply(event: SyncProgress): number {
    if (this.#finished) return this.#fraction;
    const key = event.phase === 'upload' ? UPLOAD : (event.object ?? '');
    if (!this.#steps.has(key)) return this.#fraction;
    this.#steps.set(key, { done: event.done, total: event.total });
    // The upload runs before any download: a download event means it ended (or had nothing to do).
    if (key !== UPLOAD) {
      const upload = this.#steps.get(UPLOAD);
      this.#steps.set(UPLOAD, { done: upload?.total ?? 0, total: upload?.total ?? 0 });
    }
    let sum = 0;
    for (const work of this.#steps.values()) sum += stepFraction(work);
    const known = Math.min(RUNNING_CAP, sum / this.#steps.size);
    this.#fraction = Math.max(this.#fraction, known);
    return this.#fraction;
  }

  /** The sync ended: 1 when it succeeded; a failed sync keeps what it reached. */
  finish(ok = true): number {
    this.#finished = true;
    if (ok) this.#fraction = 1;
    return this.#fraction;
  }
}

const UPLOAD = '\u0000upload';

/** A step not started yet is 0; one whose records are all in (or that has none) is 1. */
function stepFraction(work: StepWork | null): number {
  if (!work) return 0;
  if (work.total === undefined) return 0;
  if (work.total <= 0) return 1;
  return Math.min(1, work.done / work.total);
}
