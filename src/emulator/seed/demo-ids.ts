/**
 * Ids the embedded org always gives the same records, so tests, docs and `npm start` can name them.
 * Every org has the admin user (the default token's user); `--seed demo` adds the technicians, the
 * first of whom owns a large share of the demo work orders (the example scope's `:userId`).
 */

import { makeId } from '../ids.ts';

/** The org's Id (`00D...`), as in the default access token `00D...!...`. */
export const ORG_ID = makeId('00D', 1);
/** The admin user: the default token's user, owner of records created through the API. */
export const ADMIN_USER_ID = makeId('005', 1);
export const ADMIN_USERNAME = 'admin@syncscope.example';
/** The first demo technician, Tess Fielding (`tess.fielding@syncscope.example`). */
export const DEMO_TECHNICIAN_ID = makeId('005', 2);
export const DEMO_TECHNICIAN_USERNAME = 'tess.fielding@syncscope.example';
/** The number of technicians in a default-size demo org (more for big `--records`). */
export const DEMO_TECHNICIAN_COUNT = 6;
/** The demo technicians' Ids (the first is DEMO_TECHNICIAN_ID), for a default-size demo org. */
export const DEMO_TECHNICIAN_IDS: readonly string[] = Array.from({ length: DEMO_TECHNICIAN_COUNT }, (_, i) =>
  makeId('005', 2 + i),
);
/** The second demo technician, Omar Iyer (seeded username pattern `first.last<n>@syncscope.example`). */
export const DEMO_SECOND_TECHNICIAN_ID = makeId('005', 3);
export const DEMO_SECOND_TECHNICIAN_USERNAME = 'omar.iyer1@syncscope.example';
/** The dispatcher, Diane Moreau: the user after the technicians (this Id in a default-size demo org). */
export const DEMO_DISPATCHER_ID = makeId('005', 2 + DEMO_TECHNICIAN_COUNT);
export const DEMO_DISPATCHER_USERNAME = 'diane.moreau@syncscope.example';
/**
 * The password of the users an org is created with (the admin, and with `--seed demo` the technicians
 * and the dispatcher): what the login page and the username-password flow accept. Public on purpose.
 */
export const DEMO_PASSWORD = 'syncscope-demo-1';
/** The demo connected app's consumer key (the OAuth `client_id`), the same in every embedded org. */
export const DEMO_CLIENT_ID = '3MVG9SyncScope.FieldApp.Demo.PublicClient.PKCE';
/** Its consumer secret (only the username-password flow may send it; the PKCE flows need none). */
export const DEMO_CLIENT_SECRET = 'syncscope-demo-consumer-secret';
/** The demo connected app's configured callback URLs (loopback URLs on any port are accepted too). */
export const DEMO_CALLBACK_URLS: readonly string[] = [
  'https://fieldapp.syncscope.example/',
  'syncscope://oauth/callback',
];

/** `demo sign-in: <username> / <password>`: what `syncscope org start` and `syncscope app` print. */
export function demoSignInLine(username: string = DEMO_TECHNICIAN_USERNAME): string {
  return `demo sign-in: ${username} / ${DEMO_PASSWORD}`;
}

/** `client id: <consumer key>`: the demo connected app, as `syncscope org start` prints it. */
export function clientIdLine(clientId: string = DEMO_CLIENT_ID): string {
  return `client id: ${clientId}`;
}

/** The first demo account (an account with contacts, assets and work orders of the first technician). */
export const DEMO_FIRST_ACCOUNT_ID = makeId('001', 1);
/** The default number of records of `--seed demo` without `--records`. */
export const DEMO_DEFAULT_RECORDS = 5000;
