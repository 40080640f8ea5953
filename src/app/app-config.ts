/**
 * Where this copy of the app signs in: the org's instance URL, the connected app's consumer key and the
 * published scope to run. The build is host-agnostic static files; whoever serves them also serves
 * `app-config.json` beside index.html (`syncscope app` writes it from its flags).
 */

import { DEFAULT_API_VERSION } from '../compiler/query-limits.ts';

export interface AppConfig {
  /** e.g. https://acme.my.salesforce.com (no trailing slash). */
  readonly instanceUrl: string;
  /** The connected app's (or external client app's) consumer key. */
  readonly clientId: string;
  /** The published scope's name ("Field technician"). */
  readonly scopeName: string;
  /** REST API version the plan is fetched with, e.g. "62.0". */
  readonly apiVersion: string;
}

export class AppConfigError extends Error {
  override readonly name = 'AppConfigError';
}

/** Checks a parsed app-config.json; says which key is wrong and what it should hold. */
export function parseAppConfig(value: unknown): AppConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AppConfigError('app-config.json must hold a JSON object');
  const o = value as Record<string, unknown>;
  const text = (key: string): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '')
      throw new AppConfigError(`app-config.json: "${key}" must be a non-empty string`);
    return v.trim();
  };
  const instanceUrl = text('instanceUrl').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(instanceUrl))
    throw new AppConfigError(
      `app-config.json: "instanceUrl" must be an org's origin like https://acme.my.salesforce.com, got "${instanceUrl}"`,
    );
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : DEFAULT_API_VERSION;
  if (!/^\d{2,3}\.0$/.test(apiVersion))
    throw new AppConfigError(`app-config.json: "apiVersion" must look like 62.0, got "${apiVersion}"`);
  return { instanceUrl, clientId: text('clientId'), scopeName: text('scopeName'), apiVersion };
}

/** Fetches app-config.json next to the page (the service worker answers it from cache when offline). */
export async function loadAppConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl(new URL('app-config.json', document.baseURI));
  if (!response.ok) throw new AppConfigError(`app-config.json could not be loaded (HTTP ${response.status})`);
  return parseAppConfig(await response.json());
}
