/**
 * The simulator's progress bar, from the runtime's progress events: the sync is one upload step then one
 * download step per plan object (in plan order), each step filled by its records done / expected.
 */
import type { SyncProgress } from '../../../runtime/index.ts';

export interface StepState {
  readonly label: string;
  /** 'upload' or the object name. */
  readonly key: string;
  readonly phase?: SyncProgress['phase'];
  readonly done: number;
  readonly total?: number;
  readonly state: 'waiting' | 'running' | 'done';
}

export class SyncProgressModel {
  steps: StepState[];
  current: SyncProgress | undefined;

  constructor(objects: readonly string[]) {
    this.steps = [
      { key: 'upload', label: 'Upload local changes', done: 0, state: 'waiting' },
      ...objects.map((o): StepState => ({ key: o, label: o, done: 0, state: 'waiting' })),
    ];
  }

  apply(event: SyncProgress): void {
    this.current = event;
    const key = event.phase === 'upload' ? 'upload' : (event.object ?? '');
    const index = this.steps.findIndex((s) => s.key === key);
    if (index < 0) return;
    this.steps = this.steps.map((s, i) => {
      if (i < index && s.state !== 'done') return { ...s, state: 'done' };
      if (i === index) {
        const finished = event.total !== undefined && event.done >= event.total;
        return {
          ...s,
          phase: event.phase,
          done: event.done,
          ...(event.total !== undefined ? { total: event.total } : {}),
          state: finished && event.phase !== 'download' ? 'done' : 'running',
        };
      }
      return s;
    });
  }

  finish(): void {
    this.steps = this.steps.map((s) => ({ ...s, state: 'done' }));
    this.current = undefined;
  }

  /** 0..1 across all steps. */
  get fraction(): number {
    const per = 1 / this.steps.length;
    return this.steps.reduce((sum, s) => {
      if (s.state === 'done') return sum + per;
      if (s.state === 'running') return sum + per * (s.total ? Math.min(1, s.done / s.total) : 0.5);
      return sum;
    }, 0);
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
    // A total below what is done (an estimate the runtime revised) is not shown.
    return `${verb}: ${c.done}${c.total !== undefined && c.total >= c.done ? ` of ${c.total}` : ''}`;
  }
}
