import App from './app.component.ts';

export { App };
if (!customElements.get('ss-app')) customElements.define('ss-app', App);

declare global {
  interface HTMLElementTagNameMap {
    'ss-app': App;
  }
}
