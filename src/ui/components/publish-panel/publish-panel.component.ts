import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { ApiClient } from '../../api-client.ts';
import type { AssignmentsResponse, PublishedVersion } from '../../../org/api-types.ts';
import { NoticeEvent } from '../../events/events.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import { errorState, pendingState } from '../../styles/task-states.ts';
import styles from './publish-panel.styles.ts';

/**
 * @summary Publish the scope and its plan to the org as a new version (with a note), list the published
 * versions of this scope name, and restore one (republished as the newest, and loaded into the editor).
 * A publish can assign the scope to targets (`default`, `profile:<Name>`, `permset:<Name>`,
 * `user:<username>`) or be a draft for test users; "Who gets what" lists the org's assignments and the
 * drafts under test, each with a Promote button (docs/config-tool.md, docs/rollout.md).
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 *
 * @event ss-notice - After a publish, restore or promote.
 */
export default class PublishPanel extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: false }) accessor api: ApiClient | undefined = undefined;

  @state() accessor note = '';
  /** Comma-separated assignment targets. */
  @state() accessor assignText = '';
  @state() accessor isDraft = false;
  /** Comma-separated usernames of the draft's test users. */
  @state() accessor testUsersText = '';
  @state() accessor busy = false;
  @state() accessor lastError: unknown = undefined;

  readonly #versions = new Task(this, {
    autoRun: false,
    task: async ([name]: [string]) => {
      if (!this.api) throw new Error('Not connected to a syncscope server.');
      return (await this.api.versions(name)).versions;
    },
  });

  readonly #assignments = new Task(this, {
    autoRun: false,
    task: async (): Promise<AssignmentsResponse> => {
      if (!this.api) throw new Error('Not connected to a syncscope server.');
      return this.api.assignments();
    },
  });

  constructor() {
    super();
    new StoreController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => this.refresh());
  }

  /** Reloads the version list of the current scope name. */
  refresh(): void {
    const name = this.store?.scope.name;
    if (this.api && typeof name === 'string' && name !== '') void this.#versions.run([name]);
    if (this.api) void this.#assignments.run([]);
  }

  private handleNoteInput(event: Event): void {
    this.note = (event.target as HTMLTextAreaElement).value;
  }

  private async handleSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || !this.store || this.note.trim() === '') return;
    this.busy = true;
    this.lastError = undefined;
    try {
      const assign = listOf(this.assignText);
      const { version } = await this.api.publish({
        scope: this.store.scope,
        note: this.note.trim(),
        ...(assign.length > 0 ? { assign } : {}),
        ...(this.isDraft ? { draft: { testUsers: listOf(this.testUsersText) } } : {}),
      });
      this.note = '';
      this.dispatchEvent(
        new NoticeEvent(
          version.draft
            ? `Published draft version ${version.versionNumber} of ${version.scopeName} for its test users.`
            : `Published version ${version.versionNumber} of ${version.scopeName}.`,
          'success',
        ),
      );
      this.refresh();
    } catch (error) {
      this.lastError = error;
    } finally {
      this.busy = false;
    }
  }

  private async handleRestoreClick(event: Event): Promise<void> {
    const versionId = (event.currentTarget as HTMLButtonElement).dataset['versionId'];
    if (!this.api || !this.store || !versionId) return;
    this.busy = true;
    this.lastError = undefined;
    try {
      const r = await this.api.restore({ versionId });
      this.store.setScope(r.scope, 'load');
      this.dispatchEvent(
        new NoticeEvent(
          `Restored version ${r.restoredFrom.versionNumber} as version ${r.version.versionNumber}; it is in the editor now.`,
          'success',
        ),
      );
      this.refresh();
    } catch (error) {
      this.lastError = error;
    } finally {
      this.busy = false;
    }
  }

  private async handlePromoteClick(event: Event): Promise<void> {
    const { scopeName, versionNumber } = (event.currentTarget as HTMLButtonElement).dataset;
    if (!this.api || !scopeName || !versionNumber) return;
    this.busy = true;
    this.lastError = undefined;
    try {
      const r = await this.api.promote({ scopeName, versionNumber: Number(versionNumber) });
      this.dispatchEvent(
        new NoticeEvent(
          `Promoted draft version ${r.promoted.versionNumber} of ${r.version.scopeName} as version ${r.version.versionNumber}.`,
          'success',
        ),
      );
      this.refresh();
    } catch (error) {
      this.lastError = error;
    } finally {
      this.busy = false;
    }
  }

  #assignmentsView(report: AssignmentsResponse) {
    if (report.assignments.length === 0 && report.drafts.length === 0)
      return html`<p class="weak">No scope is assigned yet: publish with “Assign to”.</p>`;
    return html`${
      report.assignments.length === 0
        ? nothing
        : html`<table class="table" aria-label="Who gets what">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Scope</th>
                <th scope="col">Version</th>
                <th scope="col">Users</th>
                <th scope="col">Assigned</th>
              </tr>
            </thead>
            <tbody>
              ${report.assignments.map(
                (a) =>
                  html`<tr data-target=${a.target}>
                    <th scope="row" class="mono">${a.target}</th>
                    <td>${a.scopeName}</td>
                    <td>${a.versionNumber === null ? 'none published' : `v${a.versionNumber}`}</td>
                    <td>${a.usersReached}</td>
                    <td>
                      ${new Date(a.assignedAt).toLocaleString()}${a.assignedBy ? ` · ${a.assignedBy}` : ''}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${
      report.drafts.length === 0
        ? nothing
        : html`<ul class="drafts" aria-label="Drafts under test">
            ${report.drafts.map(
              (d) =>
                html`<li data-draft=${d.versionId}>
                  <span
                    >Draft “${d.scopeName}” v${d.versionNumber} · test users:
                    ${d.testUsers.join(', ') || 'none'}</span
                  >
                  <button
                    type="button"
                    class="button small"
                    data-scope-name=${d.scopeName}
                    data-version-number=${d.versionNumber}
                    ?disabled=${this.busy}
                    aria-label=${`Promote draft v${d.versionNumber} of ${d.scopeName}`}
                    @click=${this.handlePromoteClick}
                  >
                    Promote
                  </button>
                </li>`,
            )}
          </ul>`
    }`;
  }

  #versionsTable(versions: readonly PublishedVersion[]) {
    if (versions.length === 0) return html`<p class="weak">No version of this scope is published yet.</p>`;
    return html`<table class="table" aria-label="Published versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Note</th>
          <th scope="col">Published</th>
          <th scope="col">Scope hash</th>
          <th scope="col"><span class="assistive-text">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${versions.map(
          (v, i) =>
            html`<tr data-version=${v.versionNumber}>
              <th scope="row">
                ${v.versionNumber}${i === 0 ? html` <span class="badge success">latest</span>` : nothing}
              </th>
              <td>${v.note}</td>
              <td>
                ${new Date(v.publishedAt).toLocaleString()}${v.publishedBy ? ` · ${v.publishedBy}` : ''}
              </td>
              <td class="mono">${v.scopeHash.slice(0, 12)}</td>
              <td>
                ${
                  i === 0
                    ? nothing
                    : html`<button
                        type="button"
                        class="button small"
                        data-version-id=${v.versionId}
                        ?disabled=${this.busy}
                        aria-label=${`Restore version ${v.versionNumber}`}
                        @click=${this.handleRestoreClick}
                      >
                        Restore
                      </button>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const errors = store.errorCount;
    return html`
      <form @submit=${this.handleSubmit}>
        <label class="label" for="note">What changed (shown in the version list)</label>
        <textarea
          id="note"
          class="textarea"
          rows="2"
          required
          .value=${this.note}
          @input=${this.handleNoteInput}
        ></textarea>
        <label class="label" for="assign">Assign to (optional)</label>
        <input
          id="assign"
          class="input"
          aria-describedby="assign-hint"
          .value=${this.assignText}
          @input=${(e: Event) => (this.assignText = (e.target as HTMLInputElement).value)}
        />
        <span id="assign-hint" class="weak"
          >Comma-separated: default, profile:&lt;Name&gt;, permset:&lt;Name&gt;, user:&lt;username&gt;. With a
          draft, assigned when it is promoted.</span
        >
        <label class="row">
          <input
            id="draft"
            type="checkbox"
            .checked=${this.isDraft}
            @change=${(e: Event) => (this.isDraft = (e.target as HTMLInputElement).checked)}
          />
          Draft for test users (only their devices get it until it is promoted)
        </label>
        ${
          this.isDraft
            ? html`<label class="label" for="test-users">Test users (comma-separated usernames)</label>
                <input
                  id="test-users"
                  class="input"
                  required
                  .value=${this.testUsersText}
                  @input=${(e: Event) => (this.testUsersText = (e.target as HTMLInputElement).value)}
                />`
            : nothing
        }
        <div class="row">
          <button
            type="submit"
            class="button brand"
            ?disabled=${
              this.busy ||
              errors > 0 ||
              this.note.trim() === '' ||
              (this.isDraft && listOf(this.testUsersText).length === 0) ||
              !this.api
            }
          >
            Publish “${store.scope.name}”
          </button>
          ${errors ? html`<span class="weak">Fix the ${errors} errors first.</span>` : nothing}
        </div>
      </form>
      ${this.lastError ? errorState(this.lastError) : nothing}
      <h3 class="section-title">Who gets what</h3>
      ${this.#assignments.render({
        initial: () => html`<p class="weak">Not loaded.</p>`,
        pending: () => pendingState('Loading assignments…'),
        complete: (r) => this.#assignmentsView(r),
        error: (e) => errorState(e),
      })}
      <h3 class="section-title">Versions</h3>
      ${this.#versions.render({
        initial: () => html`<p class="weak">Not loaded.</p>`,
        pending: () => pendingState('Loading versions…'),
        complete: (v) => this.#versionsTable(v),
        error: (e) => errorState(e),
      })}
    `;
  }
}

/** `a, b ,,c` -> ['a', 'b', 'c']. */
function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
