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
/** The first demo account (an account with contacts, assets and work orders of the first technician). */
export const DEMO_FIRST_ACCOUNT_ID = makeId('001', 1);
/** The default number of records of `--seed demo` without `--records`. */
export const DEMO_DEFAULT_RECORDS = 5000;
