import PlanView from './plan-view.component.ts';

export { PlanView };
if (!customElements.get('ss-plan-view')) customElements.define('ss-plan-view', PlanView);

declare global {
  interface HTMLElementTagNameMap {
    'ss-plan-view': PlanView;
  }
}
