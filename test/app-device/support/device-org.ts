/**
 * Embedded orgs for the device's browser tests (started in the test runner's Node process): a technician
 * scope of a chosen size (bench/lib/technician-org.ts), whose instance URL the page's device reaches
 * directly over CORS (the demo org allows http://localhost:* and http://127.0.0.1:*), as the field app
 * reaches a real org. Test controls (faults, request log) go through the runner, as the page has no
 * admin rights.
 */

import { startTechnicianOrg, type TechnicianOrg } from '../../../bench/lib/technician-org.ts';

const orgs = new Map<string, TechnicianOrg>();

export async function startDeviceOrg(records: number): Promise<{
  id: string;
  instanceUrl: string;
  accessToken: string;
  userId: string;
  plan: unknown;
  scopeCounts: Readonly<Record<string, number>>;
}> {
  const org = await startTechnicianOrg(records);
  const id = String(orgs.size + 1);
  orgs.set(id, org);
  return {
    id,
    instanceUrl: org.org.url,
    accessToken: org.token,
    userId: org.userId,
    plan: org.plan,
    scopeCounts: org.scopeCounts,
  };
}

export function controlDeviceOrg(id: string, path: string, body: unknown, method: 'GET' | 'POST' | 'DELETE') {
  const org = orgs.get(id);
  if (!org) throw new Error(`no device test org ${id}`);
  return org.control(path, body, method);
}

/** Counts of what the org holds: a SOQL COUNT() per query, asked as the admin. */
export async function queryDeviceOrg(id: string, soql: string): Promise<unknown> {
  const org = orgs.get(id);
  if (!org) throw new Error(`no device test org ${id}`);
  return org.admin.query(soql);
}

export async function closeDeviceOrgs(): Promise<void> {
  for (const org of orgs.values()) await org.close();
  orgs.clear();
}
