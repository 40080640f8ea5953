/**
 * `GET|POST /services/oauth2/userinfo` and the identity URL `GET /id/{org}/{user}`: what @salesforce/core,
 * jsforce and the field app read about the session's user (each session answers for its own user).
 * The token, revoke and authorize endpoints are in oauth-token.ts and oauth-authorize.ts.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LATEST_VERSION } from './api-router.ts';
import type { EmbeddedOrg } from '../org.ts';
import { restDatetime } from '../store/field-codec.ts';
import { sendApiResponse } from './reply.ts';
import { instanceUrl } from './oauth-token.ts';

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
}
