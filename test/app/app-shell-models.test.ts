import { describe, expect, it } from 'vitest';
import { AppConfigError, parseAppConfig } from '../../src/app/app-config.ts';
import { authorizeUrl } from '../../src/app/auth/oauth-client.ts';
import { base64Url, codeChallenge } from '../../src/app/auth/pkce.ts';
import { objectLabel, objectLabelPlural } from '../../src/app/shell/object-labels.ts';
import { parseRoute, routeHash } from '../../src/app/shell/route.ts';
import { scheduleRows } from '../../src/app/settings/schedule-tab.ts';
import { syncIsDue } from '../../src/app/sync/sync-triggers.ts';
import type { SyncPlan } from '../../src/compiler/plan.ts';

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(base64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
  });

  it('asks the org for a code with the challenge, S256 and the app page as redirect', () => {
    const url = new URL(
      authorizeUrl({
        instanceUrl: 'https://acme.my.salesforce.com',
        clientId: '3MVG9.key',
        redirectUri: 'http://127.0.0.1:5400/',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        state: 'st4te',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '3MVG9.key',
      redirect_uri: 'http://127.0.0.1:5400/',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'st4te',
    });
  });
});

describe('app-config.json', () => {
  it('reads the org, the consumer key and the scope', () => {
    expect(
      parseAppConfig({
        instanceUrl: 'https://acme.my.salesforce.com/',
        clientId: '3MVG9.key',
        scopeName: 'Field technician',
      }),
    ).toEqual({
      instanceUrl: 'https://acme.my.salesforce.com',
      clientId: '3MVG9.key',
      scopeName: 'Field technician',
      apiVersion: '62.0',
    });
  });

  it('says which key is wrong', () => {
    expect(() => parseAppConfig([])).toThrow(new AppConfigError('app-config.json must hold a JSON object'));
    expect(() => parseAppConfig({ instanceUrl: 'https://a.example', scopeName: 'S' })).toThrow(
      new AppConfigError('app-config.json: "clientId" must be a non-empty string'),
    );
    expect(() =>
      parseAppConfig({ instanceUrl: 'https://a.example/services', clientId: 'k', scopeName: 'S' }),
    ).toThrow(
      new AppConfigError(
        'app-config.json: "instanceUrl" must be an org\'s origin like https://acme.my.salesforce.com, got "https://a.example/services"',
      ),
    );
  });
});

describe('routes', () => {
  it('round-trips every place through the hash', () => {
    const routes = [
      { place: 'home' },
      { place: 'list', object: 'WorkOrder' },
      { place: 'record', object: 'WorkOrder', id: '0WO000000000001AAA', edit: false },
      { place: 'record', object: 'WorkOrder', id: '0WO000000000001AAA', edit: true },
      { place: 'create', object: 'WorkOrderLineItem' },
      { place: 'settings' },
      { place: 'synchronise', tab: 'history' },
    ] as const;
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ place: 'record', object: 'WorkOrder', id: '0WO1', edit: true })).toBe(
      '#/records/WorkOrder/0WO1/edit',
    );
    expect(parseRoute('#/settings/synchronise/bogus')).toEqual({ place: 'synchronise', tab: 'pending' });
    expect(parseRoute('')).toEqual({ place: 'home' });
  });
});

describe('labels, schedule and when a sync is due', () => {
  it('names objects as people do', () => {
    expect(objectLabelPlural('WorkOrder')).toBe('Work Orders');
    expect(objectLabelPlural('WorkOrderLineItem')).toBe('Work Order Line Items');
    expect(objectLabelPlural('Product2')).toBe('Products');
    expect(objectLabelPlural('Inspection_Category__c')).toBe('Inspection Categories');
    expect(objectLabelPlural('Address')).toBe('Addresses');
    expect(objectLabel('Product2')).toBe('Product');
    expect(objectLabel('WorkOrder')).toBe('Work Order');
  });

  it('puts each object next due at its last download plus its interval', () => {
    const plan = {
      objects: [
        { name: 'WorkOrder', syncEveryMinutes: 30 },
        { name: 'Product2', syncEveryMinutes: 1440 },
      ],
    } as unknown as SyncPlan;
    expect(scheduleRows(plan, [{ object: 'WorkOrder', downloadedAt: 1_000_000, records: 12 }])).toEqual([
      {
        object: 'WorkOrder',
        everyMinutes: 30,
        lastAt: 1_000_000,
        nextAt: 1_000_000 + 30 * 60_000,
        records: 12,
      },
      { object: 'Product2', everyMinutes: 1440, lastAt: null, nextAt: null, records: 0 },
    ]);
  });

  it('syncs on reconnect or return only when due or when changes wait', () => {
    expect(syncIsDue(undefined, 0, 1000)).toBe(false);
    expect(syncIsDue(2000, 0, 1000)).toBe(false);
    expect(syncIsDue(1000, 0, 1000)).toBe(true);
    expect(syncIsDue(2000, 1, 1000)).toBe(true);
  });
});
