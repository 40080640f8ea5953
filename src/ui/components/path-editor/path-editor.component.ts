import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  addObject,
  escapeSegment,
  objectsOf,
  pathPointer,
  pathsAreArray,
  pathsOf,
  setPaths,
} from '../../state/scope-edits.ts';
import type { PathKind, RelationshipPath } from '../../state/scope-edits.ts';
import type { ScopeStore } from '../../state/scope-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import { ariaInvalid, diagnosticHelp } from '../../styles/diagnostic-help.ts';
import { controls, tokens } from '../../styles/shared.styles.ts';
import styles from './path-editor.styles.ts';
import { suggestPaths } from './path-suggestions.ts';

const KIND_TEXT: Record<PathKind, { title: string; help: string; object: string; field: string }> = {
  childOf: {
    title: 'Child of',
    help: 'Records whose reference field points at an in-scope record of the parent object.',
    object: 'Parent object',
    field: 'Reference field on this object',
  },
  referencedBy: {
    title: 'Referenced by',
    help: 'Records that in-scope records of another object point at through their reference field.',
    object: 'Referencing object',
    field: 'Reference field on that object',
  },
};

/**
 * @summary An object's relationship paths (`childOf`, `referencedBy`): each path editable, removable, and
 * new ones offered from the describe's reference fields and child relationships.
 *
 * No slots and no CSS parts: it renders from its properties and is styled through the shared `--ss-*`
 * tokens (styles/shared.styles.ts).
 */
export default class PathEditor extends LitElement {
  static override styles = [tokens, controls, styles];

  @property({ attribute: false }) accessor store: ScopeStore | undefined = undefined;
  @property({ attribute: 'object-name' }) accessor objectName = '';

  /** The suggestion chosen in each kind's "add" picker, as `object.field`. */
  @state() accessor chosen: Partial<Record<PathKind, string>> = {};

  constructor() {
    super();
    new StoreController(this);
  }

  #object(): unknown {
    return objectsOf(this.store?.scope)[this.objectName];
  }

  #write(kind: PathKind, paths: readonly RelationshipPath[]): void {
    this.store?.edit((s) => setPaths(s, this.objectName, kind, paths));
  }

  private handlePartInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const kind = input.dataset['kind'] as PathKind;
    const index = Number(input.dataset['index']);
    const part = input.dataset['part'] as 'object' | 'field';
    const paths = pathsOf(this.#object(), kind);
    const current = paths[index];
    if (!current) return;
    paths[index] = { ...current, [part]: input.value.trim() };
    this.#write(kind, paths);
  }

  private handleRemoveClick(event: Event): void {
    const button = event.currentTarget as HTMLButtonElement;
    const kind = button.dataset['kind'] as PathKind;
    const index = Number(button.dataset['index']);
    this.#write(
      kind,
      pathsOf(this.#object(), kind).filter((_, i) => i !== index),
    );
  }

  private handleChoiceChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.chosen = { ...this.chosen, [select.dataset['kind'] as PathKind]: select.value };
  }

  private handleAddClick(event: Event): void {
    const kind = (event.currentTarget as HTMLButtonElement).dataset['kind'] as PathKind;
    const choice = this.chosen[kind];
    if (!choice) return;
    const dot = choice.lastIndexOf('.');
    const path = { object: choice.slice(0, dot), field: choice.slice(dot + 1) };
    const paths = [...pathsOf(this.#object(), kind), path];
    this.store?.edit((s) => {
      // A path to an object that is not in the scope yet brings the object in, with no fields chosen.
      const withObject = path.object in objectsOf(s) ? s : addObject(s, path.object);
      return setPaths(withObject, this.objectName, kind, paths);
    });
    this.chosen = { ...this.chosen, [kind]: '' };
  }

  #renderKind(kind: PathKind) {
    const store = this.store!;
    const object = this.#object();
    const paths = pathsOf(object, kind);
    const text = KIND_TEXT[kind];
    const kindPointer = `/objects/${escapeSegment(this.objectName)}/${kind}`;
    const inScope = new Set(Object.keys(objectsOf(store.scope)));
    const suggestions = suggestPaths(this.objectName, kind, store.metadata, inScope, paths);
    const kindDiagnostics =
      pathsAreArray(object, kind) || paths.length === 0 ? store.diagnosticsAt(kindPointer) : [];
    const chosen = this.chosen[kind] ?? '';
    return html`<section class="kind" aria-labelledby=${`${kind}-title`}>
      <h4 class="kind-title" id=${`${kind}-title`}>${text.title}</h4>
      <p class="kind-help">${text.help}</p>
      ${paths.map((p, i) => {
        const row = pathPointer(this.objectName, object, kind, i);
        const rowDiagnostics = store.diagnosticsAt(row);
        const objectDiagnostics = store.diagnosticsAt(`${row}/object`);
        const fieldDiagnostics = store.diagnosticsAt(`${row}/field`);
        const id = `${kind}-${i}`;
        return html`<fieldset
          data-pointer=${row}
          tabindex="-1"
          aria-describedby=${rowDiagnostics.length ? `${id}-help` : nothing}
        >
          <legend>${text.title} path ${i + 1}</legend>
          <div class="row">
            <div>
              <label class="label" for=${`${id}-object`}>${text.object}</label>
              <input
                id=${`${id}-object`}
                class="input mono"
                data-kind=${kind}
                data-index=${i}
                data-part="object"
                data-pointer=${`${row}/object`}
                aria-invalid=${ariaInvalid(objectDiagnostics)}
                aria-describedby=${objectDiagnostics.length ? `${id}-object-help` : nothing}
                .value=${live(p.object)}
                @change=${this.handlePartInput}
              />
            </div>
            <div>
              <label class="label" for=${`${id}-field`}>${text.field}</label>
              <input
                id=${`${id}-field`}
                class="input mono"
                data-kind=${kind}
                data-index=${i}
                data-part="field"
                data-pointer=${`${row}/field`}
                aria-invalid=${ariaInvalid(fieldDiagnostics)}
                aria-describedby=${fieldDiagnostics.length ? `${id}-field-help` : nothing}
                .value=${live(p.field)}
                @change=${this.handlePartInput}
              />
            </div>
            <button
              type="button"
              class="button destructive"
              data-kind=${kind}
              data-index=${i}
              aria-label=${`Remove ${text.title.toLowerCase()} path ${p.object}.${p.field}`}
              @click=${this.handleRemoveClick}
            >
              Remove
            </button>
          </div>
          ${diagnosticHelp(`${id}-object-help`, objectDiagnostics)}
          ${diagnosticHelp(`${id}-field-help`, fieldDiagnostics)}
          ${diagnosticHelp(`${id}-help`, rowDiagnostics)}
        </fieldset>`;
      })}
      <div class="add">
        <div>
          <label class="label" for=${`${kind}-add`}>Add a ${text.title.toLowerCase()} path</label>
          <select
            id=${`${kind}-add`}
            class="select"
            data-kind=${kind}
            data-pointer=${pathsAreArray(object, kind) || paths.length === 0 ? kindPointer : nothing}
            aria-invalid=${ariaInvalid(kindDiagnostics)}
            aria-describedby=${kindDiagnostics.length ? `${kind}-add-help` : nothing}
            .value=${live(chosen)}
            @change=${this.handleChoiceChange}
          >
            <option value="">
              ${suggestions.length ? 'Choose a relationship…' : store.metadata ? 'No relationship left to add' : 'Connect an org to see relationships'}
            </option>
            ${suggestions.map(
              (s) =>
                html`<option
                  value=${`${s.object}.${s.field}`}
                  ?selected=${chosen === `${s.object}.${s.field}`}
                >
                  ${s.label}${s.inScope ? '' : ` (adds ${s.object})`}
                </option>`,
            )}
          </select>
        </div>
        <button
          type="button"
          class="button"
          data-kind=${kind}
          ?disabled=${!chosen}
          @click=${this.handleAddClick}
        >
          Add path
        </button>
      </div>
      ${diagnosticHelp(`${kind}-add-help`, kindDiagnostics)}
    </section>`;
  }

  override render() {
    if (!this.store) return nothing;
    return html`${this.#renderKind('childOf')} ${this.#renderKind('referencedBy')}`;
  }
}
