import { describe, expect, it } from 'vitest';
import { refusalReason } from '../../src/server/request-guard.ts';
import { checkOrgRequest } from '../../src/server/org-proxy.ts';

describe('request guard', () => {
  const port = 5317;
  it('lets the page (same origin) and non-browser clients through', () => {
    expect(
      refusalReason({ host: '127.0.0.1:5317', origin: undefined, secFetchSite: undefined }, port),
    ).toBeNull();
    expect(
      refusalReason(
        { host: '127.0.0.1:5317', origin: 'http://127.0.0.1:5317', secFetchSite: 'same-origin' },
        port,
      ),
    ).toBeNull();
    expect(
      refusalReason({ host: 'localhost:5317', origin: undefined, secFetchSite: 'none' }, port),
    ).toBeNull();
  });

  it('refuses other origins, other sites, and foreign Host names (DNS rebinding)', () => {
    expect(
      refusalReason({ host: '127.0.0.1:5317', origin: 'http://evil.example', secFetchSite: undefined }, port),
    ).toBe("cross-origin request from 'http://evil.example' refused");
    expect(
      refusalReason(
        { host: '127.0.0.1:5317', origin: 'http://127.0.0.1:8080', secFetchSite: undefined },
        port,
      ),
    ).toBe("cross-origin request from 'http://127.0.0.1:8080' refused");
    expect(refusalReason({ host: '127.0.0.1:5317', origin: 'null', secFetchSite: undefined }, port)).toBe(
      "cross-origin request from 'null' refused",
    );
    expect(
      refusalReason({ host: '127.0.0.1:5317', origin: undefined, secFetchSite: 'same-site' }, port),
    ).toBe('cross-site request (Sec-Fetch-Site: same-site) refused');
    expect(
      refusalReason({ host: 'evil.example:5317', origin: undefined, secFetchSite: undefined }, port),
    ).toBe("Host 'evil.example:5317' is not this server (use http://127.0.0.1:5317)");
  });
});

describe('org proxy request check', () => {
  const instance = 'http://127.0.0.1:4000';
  it('allows REST paths under /services/data', () => {
    const { method, url } = checkOrgRequest(
      { method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Account' },
      instance,
    );
    expect(method).toBe('GET');
    expect(url.href).toBe('http://127.0.0.1:4000/services/data/v62.0/query?q=SELECT+Id+FROM+Account');
  });

  it('refuses other paths, other hosts and ways out of /services/data', () => {
    const refused = (url: string) => () => checkOrgRequest({ method: 'GET', url }, instance);
    expect(refused('/__emulator/clock')).toThrow('only paths under /services/data/');
    expect(refused('http://evil.example/services/data/v62.0/')).toThrow('only paths under /services/data/');
    expect(refused('/services/data/../../__emulator/faults')).toThrow('path not allowed');
    expect(refused('/services/data/%2e%2e/__emulator/faults')).toThrow('path not allowed');
    expect(refused('//evil.example/services/data/v62.0/')).toThrow('only paths under /services/data/');
    expect(() => checkOrgRequest({ method: 'TRACE', url: '/services/data/v62.0/' }, instance)).toThrow(
      'method must be one of',
    );
  });
});
