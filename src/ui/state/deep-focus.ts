/**
 * Finding a control by its `data-pointer` across shadow roots, for "jump to" from the diagnostics list.
 */

/** The first element under `root` (shadow roots included) whose `data-pointer` is `pointer`. */
export function findByPointer(
  root: Element | ShadowRoot | Document,
  pointer: string,
): HTMLElement | undefined {
  const selector = `[data-pointer="${CSS.escape(pointer)}"]`;
  const direct = root.querySelector<HTMLElement>(selector);
  if (direct) return direct;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = findByPointer(el.shadowRoot, pointer);
      if (found) return found;
    }
  }
  return undefined;
}

/** Waits until every Lit element under `root` has finished updating (nested ones render after parents). */
export async function settle(root: Element | ShadowRoot): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const pending: Promise<unknown>[] = [];
    const visit = (node: Element | ShadowRoot): void => {
      for (const el of node.querySelectorAll('*')) {
        const update = (el as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
        if (update) pending.push(update);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(root);
    if (pending.length === 0) return;
    const results = await Promise.all(pending);
    if (results.every((r) => r === true)) return;
  }
}
