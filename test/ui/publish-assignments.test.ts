import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/ui/components/publish-panel/publish-panel.ts';
import type { PublishPanel } from '../../src/ui/components/publish-panel/publish-panel.ts';
import { ApiClient } from '../../src/ui/api-client.ts';
import type { PublishRequest, PublishResponse } from '../../src/org/api-types.ts';
import type { SyncScope } from '../../src/compiler/scope.ts';
import { EXAMPLE_SCOPE, makeStore, shadow } from './fixtures.ts';

// A real config server over the embedded demo org answers /api (see web-test-runner.config.js). The client
// only records the publish requests it sends on to that server.
class RecordingApi extends ApiClient {
  readonly published: PublishRequest[] = [];
  override publish(request: PublishRequest): Promise<PublishResponse> {
    this.published.push(request);
    return super.publish(request);
  }
}

function text(el: Node | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function type(el: PublishPanel, selector: string, value: string): Promise<void> {
  shadow<HTMLElement>(el, selector).focus();
  await sendKeys({ type: value });
  await el.updateComplete;
}

describe('ss-publish-panel assignments and drafts (against the embedded org)', function () {
  this.timeout(60000);

  it('publishes with targets, lists who gets what, publishes a draft for a test user and promotes it', async () => {
    const tag = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const scope: SyncScope = { ...EXAMPLE_SCOPE, name: `Assign ${tag}` };
    const user = `user:tess.${tag}@example.com`;
    const profile = `profile:Tech ${tag}`;
    const api = new RecordingApi();
    const el = await fixture<PublishPanel>(
      html`<ss-publish-panel .store=${makeStore(scope)} .api=${api}></ss-publish-panel>`,
    );
    await waitUntil(() => !el.shadowRoot!.querySelector('[data-state="pending"]'), 'pending', {
      timeout: 15000,
    });

    await type(el, '#note', 'Technicians');
    await type(el, '#assign', ` ${profile} , ${user},`);
    shadow<HTMLButtonElement>(el, 'button[type="submit"]').click();
    const row = (target: string) => el.shadowRoot!.querySelector(`tr[data-target="${target}"]`);
    await waitUntil(() => row(user) && row(profile), 'assignments not listed', { timeout: 15000 });
    expect(api.published.map(({ note, assign, draft }) => ({ note, assign, draft }))).to.deep.equal([
      { note: 'Technicians', assign: [profile, user], draft: undefined },
    ]);
    expect(api.published[0]!.scope.name).to.equal(scope.name);
    // Users: no active user of the embedded org has these made-up names or profile.
    expect([...row(user)!.children].slice(0, 4).map((c) => text(c))).to.deep.equal([
      user,
      scope.name,
      'v1',
      '0',
    ]);
    expect([...row(profile)!.children].slice(0, 4).map((c) => text(c))).to.deep.equal([
      profile,
      scope.name,
      'v1',
      '0',
    ]);

    await type(el, '#note', 'Try it');
    shadow<HTMLInputElement>(el, '#draft').click();
    await el.updateComplete;
    const submit = shadow<HTMLButtonElement>(el, 'button[type="submit"]');
    expect(submit.disabled).to.equal(true); // a draft needs a test user
    await type(el, '#test-users', `omar.${tag}@example.com`);
    expect(submit.disabled).to.equal(false);
    submit.click();
    const promote = () =>
      el.shadowRoot!.querySelector<HTMLButtonElement>(
        `button[aria-label="Promote draft v2 of ${scope.name}"]`,
      );
    await waitUntil(promote, 'draft not listed', { timeout: 15000 });
    expect(api.published[1]).to.deep.include({
      note: 'Try it',
      assign: [profile, user],
      draft: { testUsers: [`omar.${tag}@example.com`] },
    });
    expect(text(promote()!.closest('li')!.querySelector('span'))).to.equal(
      `Draft “${scope.name}” v2 · test users: omar.${tag}@example.com`,
    );
    await expect(el).to.be.accessible();

    promote()!.click();
    await waitUntil(() => !promote() && text(row(user)?.children[2]) === 'v3', 'not promoted', {
      timeout: 15000,
    });
    expect(text(row(profile)?.children[2])).to.equal('v3');
  });

  it('shows the server’s message for a bad target', async () => {
    const api = new RecordingApi();
    const el = await fixture<PublishPanel>(
      html`<ss-publish-panel
        .store=${makeStore({ ...EXAMPLE_SCOPE, name: `Bad ${Date.now()}` })}
        .api=${api}
      ></ss-publish-panel>`,
    );
    await type(el, '#note', 'Oops');
    await type(el, '#assign', 'team:Field');
    shadow<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await waitUntil(() => text(el.shadowRoot!).includes('is not an assignment target'), 'no error shown', {
      timeout: 15000,
    });
    expect(text(el.shadowRoot!)).to.include(
      '`assign[0]`: "team:Field" is not an assignment target: write default, profile:<Profile name>, permset:<Permission set name> or user:<username>',
    );
  });
});
