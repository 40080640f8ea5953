/**
 * Users for rollout tests, with a profile and permission sets of the embedded org's own (docs/embedded-org.md,
 * "Users, sharing and field access": profiles System Administrator, Dispatcher, Field Technician, Standard
 * User; permission sets Field_Technician, Dispatch_All_Work_Orders), assigned through the REST API as an
 * admin assigns them on Salesforce.
 */

import type { Harness } from '../../runtime/helpers/e2e-org.ts';

async function idByName(h: Harness, object: 'Profile' | 'PermissionSet', name: string): Promise<string> {
  const escaped = name.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const result = await h.conn.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE Name = '${escaped}'`);
  const id = result.records[0]?.Id;
  if (!id) throw new Error(`the embedded org has no ${object} named "${name}"`);
  return id;
}

/** Creates a user with one of the org's profiles and permission sets; returns the user's Id. */
export async function createUser(
  h: Harness,
  ids: Map<string, string>,
  username: string,
  profileName: string,
  permissionSets: readonly string[] = [],
): Promise<string> {
  const profileKey = `profile:${profileName}`;
  let profileId = ids.get(profileKey);
  if (!profileId) {
    profileId = await idByName(h, 'Profile', profileName);
    ids.set(profileKey, profileId);
  }
  const last = username.split('@')[0]!;
  const userId = await h.create('User', {
    Username: username,
    LastName: last,
    Email: username,
    Alias: last.slice(0, 8),
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    ProfileId: profileId,
  });
  for (const name of permissionSets) {
    const key = `permset:${name}`;
    let setId = ids.get(key);
    if (!setId) {
      setId = await idByName(h, 'PermissionSet', name);
      ids.set(key, setId);
    }
    await h.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: setId });
  }
  return userId;
}
