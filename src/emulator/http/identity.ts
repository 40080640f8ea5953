/**
 * OAuth-side endpoints: `GET /services/oauth2/userinfo` and the identity URL `GET /id/{org}/{user}`
 * (what @salesforce/core and jsforce read about the session's user), and `POST /services/oauth2/token`
 * with `grant_type=refresh_token` (how a client gets a new access token after INVALID_SESSION_ID).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LATEST_VERSION } from './api-router.ts';
import type { EmbeddedOrg } from '../org.ts';
import { restDatetime } from '../store/field-codec.ts';
import { sendApiResponse } from './reply.ts';

function instanceUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
}

export function userInfo(org: EmbeddedOrg, userId: string, base: string): Record<string, unknown> {
  const user = org.store.row('User', userId) ?? {};
  const rest = `${base}/services/data/v{version}/`;
  return {
    sub: `${base}/id/${org.orgId}/${userId}`,
    user_id: userId,
    organization_id: org.orgId,
    preferred_username: user.Username,
    nickname: user.CommunityNickname ?? null,
    name: user.Name,
    email: user.Email,
    email_verified: true,
    given_name: user.FirstName ?? null,
    family_name: user.LastName,
    zoneinfo: user.TimeZoneSidKey,
    photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
    profile: `${base}/${userId}`,
    picture: `${base}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: false,
    urls: {
      enterprise: `${base}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
      metadata: `${base}/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`,
      partner: `${base}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
      rest,
      sobjects: `${rest}sobjects/`,
      search: `${rest}search/`,
      query: `${rest}query/`,
      recent: `${rest}recent/`,
      tooling_soap: `${base}/services/Soap/T/{version}/${org.orgId.slice(0, 15)}`,
      tooling_rest: `${rest}tooling/`,
      profile: `${base}/${userId}`,
      feeds: `${rest}chatter/feeds`,
      groups: `${rest}chatter/groups`,
      users: `${rest}chatter/users`,
      feed_items: `${rest}chatter/feed-items`,
      feed_elements: `${rest}chatter/feed-elements`,
      custom_domain: base,
    },
    active: user.IsActive === 1,
    user_type: 'STANDARD',
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset: 3_600_000,
    updated_at: typeof user.LastModifiedDate === 'string' ? restDatetime(user.LastModifiedDate) : null,
    is_app_installed: true,
    latest_api_version: `${LATEST_VERSION}.0`,
  };
}

export function registerIdentity(
  app: FastifyInstance,
  org: EmbeddedOrg,
  sessionUser: (org: EmbeddedOrg, request: FastifyRequest) => string,
): void {
  const info = async (request: FastifyRequest, reply: FastifyReply) => {
    const userId = sessionUser(org, request);
    return sendApiResponse(reply, { status: 200, body: userInfo(org, userId, instanceUrl(request)) });
  };
  app.get('/services/oauth2/userinfo', info);
  app.post('/services/oauth2/userinfo', info);
  // The identity URL answers in its own shape (what jsforce's identity() reads).
  app.get('/id/:orgId/:userId', async (request, reply) => {
    const userId = sessionUser(org, request);
    const { orgId, userId: asked } = request.params as { orgId: string; userId: string };
    if (orgId !== org.orgId || asked !== userId)
      return sendApiResponse(reply, {
        status: 403,
        body: [{ message: 'Bad_Id', errorCode: 'BAD_ID', fields: [] }],
      });
    const base = instanceUrl(request);
    const about = userInfo(org, userId, base);
    return sendApiResponse(reply, {
      status: 200,
      body: {
        id: about.sub,
        asserted_user: true,
        user_id: userId,
        organization_id: org.orgId,
        username: about.preferred_username,
        nick_name: about.nickname,
        display_name: about.name,
        email: about.email,
        first_name: about.given_name,
        last_name: about.family_name,
        timezone: about.zoneinfo,
        active: about.active,
        user_type: about.user_type,
        language: about.language,
        locale: about.locale,
        utcOffset: about.utcOffset,
        last_modified_date: about.updated_at,
        is_app_installed: true,
        urls: about.urls,
      },
    });
  });

  app.post('/services/oauth2/token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (body.grant_type !== 'refresh_token' || body.refresh_token !== org.refreshToken) {
      reply.code(400).header('content-type', 'application/json;charset=UTF-8');
      return reply.send(
        JSON.stringify({ error: 'invalid_grant', error_description: 'expired access/refresh token' }),
      );
    }
    const base = instanceUrl(request);
    const token = org.createSession(org.adminUserId);
    return sendApiResponse(reply, {
      status: 200,
      body: {
        access_token: token,
        instance_url: base,
        id: `${base}/id/${org.orgId}/${org.adminUserId}`,
        token_type: 'Bearer',
        issued_at: String(org.clock.nowMs()),
        signature: Buffer.from(token.slice(-16)).toString('base64'),
        scope: 'api refresh_token',
      },
    });
  });
}
