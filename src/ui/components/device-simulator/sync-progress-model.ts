/**
 * The simulator's progress bar, from the runtime's progress events: one upload step then one step per plan
 * object, each showing the records it stored / expects so far. Objects download in dependency waves and
 * some are settled again at the end, so no step is ticked before the sync ended; the bar is the runtime's
 * OverallProgress (moves with the work, never back, full only on success). A failed sync never looks
 * finished: its steps read "stopped" and the bar stays where the sync stopped.
 */
import { OverallProgress, type SyncProgress } from '../../../runtime/index.ts';

export interface StepState {
  readonly label: string;
  /** 'upload' or the object name. */
  readonly key: string;
  readonly phase?: SyncProgress['phase'];
  readonly done: number;
  readonly total?: number;
  /** `stopped`: the sync failed after this step started; `skipped`: it failed before. */
  readonly state: 'waiting' | 'running' | 'done' | 'stopped' | 'skipped';
}

export class SyncProgressModel {
  steps: StepState[];
  current: SyncProgress | undefined;
  /** Set when the sync ended: whether it succeeded. */
  outcome: 'ok' | 'failed' | undefined;
  readonly #overall: OverallProgress;

  constructor(objects: readonly string[]) {
    this.steps = [
      { key: 'upload', label: 'Upload local changes', done: 0, state: 'waiting' },
      ...objects.map((o): StepState => ({ key: o, label: o, done: 0, state: 'waiting' })),
    ];
    this.#overall = new OverallProgress(objects);
  }

  apply(event: SyncProgress): void {
    this.current = event;
    this.#overall.apply(event);
    const key = event.phase === 'upload' ? 'upload' : (event.object ?? '');
    this.steps = this.steps.map((s) => {
      // The upload ran before any download.
      if (s.key === 'upload' && key !== 'upload' && s.state !== 'done') return { ...s, state: 'done' };
      if (s.key !== key) return s;
      return {
        ...s,
        phase: event.phase,
        done: event.done,
        ...(event.total !== undefined ? { total: event.total } : {}),
        state: 'running',
      };
    });
  }

  finish(ok = true): void {
    this.outcome = ok ? 'ok' : 'failed';
    this.#overall.finish(ok);
    this.steps = this.steps.map((s) => ({
      ...s,
      state: ok || s.state === 'done' ? 'done' : s.state === 'waiting' ? 'skipped' : 'stopped',
    }));
    this.current = undefined;
  }

  /** 0..1 across all steps: the runtime's overall progress. */
  get fraction(): number {
    return this.#overall.fraction;
  }

  /** One line for people: what is happening now. */
  get text(): string {
    const c = this.current;
    if (!c) return 'Starting…';
    const verb =
      c.phase === 'upload'
        ? 'Uploading changes'
        : c.phase === 'download'
          ? `Downloading ${c.object}`
          : `Reconciling ${c.object}`;
    return `${verb}: ${c.done}${c.total !== undefined && c.total >= c.done ? ` of ${c.total}` : ''}`;
  }
}
