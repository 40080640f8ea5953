/**
 * Finishing a sign-in after the org's redirect: code -> tokens (PKCE), who the user is, the session
 * handed to the device, the scope's latest published plan installed. The first sync is the shell's
 * next step (with progress, as Axsy runs it at login).
 *
 * Signing in again after a revoked session keeps the device's data and pending changes; another user
 * cannot sign in over changes that are not theirs (they would upload under the wrong name).
 */

import { fetchLatestPublishedPlan } from '../../runtime/index.ts';
import type { AppConfig } from '../app-config.ts';
import type { DeviceClient, DeviceSession } from '../device/device-client.ts';
import { orgFetchTransport } from './org-fetch-transport.ts';
import { exchangeCode, fetchUserInfo } from './oauth-client.ts';
import type { Callback } from './pending-sign-in.ts';

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

export interface SignedIn {
  readonly session: DeviceSession;
  /** The published plan version installed here (null: the device installed it, or had it). */
  readonly planVersion: number | null;
}

export async function completeSignIn(
  callback: Extract<Callback, { kind: 'code' }>,
  device: DeviceClient,
  config: AppConfig,
  fetchImpl: typeof fetch = fetch,
): Promise<SignedIn> {
  const { pending } = callback;
  const tokens = await exchangeCode(
    {
      instanceUrl: pending.instanceUrl,
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      code: callback.code,
      codeVerifier: pending.verifier,
    },
    fetchImpl,
  );
  const user = await fetchUserInfo(tokens.instance_url, tokens.access_token, fetchImpl);
  const session: DeviceSession = {
    instanceUrl: tokens.instance_url,
    accessToken: tokens.access_token,
    ...(tokens.refresh_token !== undefined ? { refreshToken: tokens.refresh_token } : {}),
    clientId: pending.clientId,
    userId: user.user_id,
    username: user.preferred_username,
    ...(user.name !== undefined ? { displayName: user.name } : {}),
  };

  const previous = await device.session();
  if (previous && previous.userId !== session.userId) {
    const pendingChanges = (await device.pendingChanges()).length;
    if (pendingChanges > 0)
      throw new SignInError(
        `${pendingChanges} change(s) by ${previous.username} are waiting to upload on this device: sign in as ${previous.username}, or log out to discard them.`,
      );
    await device.wipe();
  }
  await device.setSession(session);
  await device.setParameters({ userId: session.userId });

  // The device installs the scope's latest published plan itself (createDevice({ scopeName })); when it
  // has none afterwards, ask the org here so the technician learns why (not published, offline, ...).
  if (await device.plan()) return { session, planVersion: null };
  const published = await fetchLatestPublishedPlan(
    {
      transport: orgFetchTransport(session.instanceUrl, session.accessToken, fetchImpl),
      apiVersion: config.apiVersion,
    },
    config.scopeName,
  );
  if (!published?.plan) {
    throw new SignInError(
      `The scope "${config.scopeName}" is not published in this org yet: ask your admin to publish it (syncscope publish).`,
    );
  }
  await device.installPlan(published.plan, {
    id: published.version.versionId,
    number: published.version.versionNumber,
  });
  return { session, planVersion: published.version.versionNumber };
}
