/**
 * Profiles and permission sets for rollout tests, as extra metadata of the embedded org (the org gets its
 * own with the sharing work; until then these give SOQL the same shape a real org has:
 * `User.Profile.Name`, `PermissionSetAssignment.PermissionSet.Name`, `PermissionSet.IsOwnedByProfile`).
 */

import type { Harness } from '../../runtime/helpers/e2e-org.ts';

export const securityMetadata = [
  { name: 'Profile', fields: [{ name: 'Description', type: 'string', length: 255 }] },
  { name: 'PermissionSet', fields: [{ name: 'IsOwnedByProfile', type: 'boolean' }] },
  {
    name: 'PermissionSetAssignment',
    fields: [
      { name: 'AssigneeId', type: 'reference', referenceTo: ['User'], relationshipName: 'Assignee' },
      {
        name: 'PermissionSetId',
        type: 'reference',
        referenceTo: ['PermissionSet'],
        relationshipName: 'PermissionSet',
      },
    ],
  },
  {
    name: 'User',
    fields: [{ name: 'ProfileId', type: 'reference', referenceTo: ['Profile'], relationshipName: 'Profile' }],
  },
];

/** Creates a user with a profile (created when new) and permission sets; returns the user's Id. */
export async function createUser(
  h: Harness,
  profiles: Map<string, string>,
  username: string,
  profileName: string,
  permissionSets: readonly string[] = [],
): Promise<string> {
  let profileId = profiles.get(profileName);
  if (!profileId) {
    profileId = await h.create('Profile', { Name: profileName });
    profiles.set(profileName, profileId);
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
    let setId = profiles.get(key);
    if (!setId) {
      setId = await h.create('PermissionSet', { Name: name, IsOwnedByProfile: false });
      profiles.set(key, setId);
    }
    // Name only because the embedded org gives every object it is told of a required Name.
    await h.create('PermissionSetAssignment', {
      Name: `${name} ${username}`,
      AssigneeId: userId,
      PermissionSetId: setId,
    });
  }
  return userId;
}
