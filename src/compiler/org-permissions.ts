/**
 * Object and field permissions of an org's permission sets (a profile's own set included), and the scope's
 * audience: the users whose devices sync it, each with the permission sets they hold. The compiler warns
 * about what the audience cannot read or edit; the preview filters a user's records and fields with the
 * same rule (src/org/user-permissions.ts). Pure: the server and the CLI ask the org, this only decides.
 *
 * The rule, as on Salesforce: a user may do what any of their permission sets grants; Modify All Data
 * grants everything. An object or field that no permission set of the org mentions is open (Salesforce
 * keeps no FieldPermissions rows for fields without field-level security: Id, Name, required fields).
 */

export interface AccessFlags {
  readonly read: boolean;
  readonly edit: boolean;
}

export interface PermissionSetAccess {
  /** The permission set's API name (a profile's own set: its generated name). */
  readonly name: string;
  /** How messages name it: its API name, or `profile <Profile name>` for a profile's own set. */
  readonly label: string;
  /** Read on every object (field-level security still applies). */
  readonly viewAllData?: boolean;
  /** Everything, field-level security included (as the emulator's admin; on Salesforce near enough). */
  readonly modifyAllData?: boolean;
  /** By object API name; View All / Modify All Records count as read / edit. */
  readonly objects: Readonly<Record<string, AccessFlags>>;
  /** By `Object.Field`, as FieldPermissions names them. */
  readonly fields: Readonly<Record<string, AccessFlags>>;
}

export interface AudienceMember {
  /** A user's name, or a group of users ("users with the Field Technician profile"). */
  readonly name: string;
  /** API names of the permission sets they hold (keys of OrgPermissions.permissionSets). */
  readonly permissionSets: readonly string[];
}

export interface OrgPermissions {
  readonly permissionSets: readonly PermissionSetAccess[];
  readonly audience: readonly AudienceMember[];
  /** Objects that some permission set of the org mentions in ObjectPermissions. */
  readonly governedObjects: readonly string[];
  /** `Object.Field`s that some permission set of the org mentions in FieldPermissions. */
  readonly governedFields: readonly string[];
}

const OPEN: AccessFlags = { read: true, edit: true };

/** What one audience member may do, object by object and field by field. */
export class EffectiveAccess {
  readonly #sets: readonly PermissionSetAccess[];
  readonly #governedObjects: ReadonlySet<string>;
  readonly #governedFields: ReadonlySet<string>;
  readonly #unrestricted: boolean;
  readonly #readsAll: boolean;

  constructor(permissions: OrgPermissions, member: AudienceMember) {
    const byName = new Map(permissions.permissionSets.map((s) => [s.name, s] as const));
    this.#sets = member.permissionSets.flatMap((name) => {
      const set = byName.get(name);
      return set ? [set] : [];
    });
    this.#governedObjects = new Set(permissions.governedObjects.map((o) => o.toLowerCase()));
    this.#governedFields = new Set(permissions.governedFields.map((f) => f.toLowerCase()));
    this.#unrestricted = this.#sets.some((s) => s.modifyAllData === true);
    this.#readsAll = this.#sets.some((s) => s.viewAllData === true);
  }

  /** The member's permission sets, as people know them. */
  get permissionSetLabels(): string[] {
    return this.#sets.map((s) => s.label);
  }

  /** View All Data or Modify All Data: every record of every object they can read. */
  get readsEveryRecord(): boolean {
    return this.#unrestricted || this.#readsAll;
  }

  object(name: string): AccessFlags {
    if (this.#unrestricted || !this.#governedObjects.has(name.toLowerCase())) return OPEN;
    const granted = this.#union((set) => lookup(set.objects, name));
    return { read: granted.read || granted.edit || this.#readsAll, edit: granted.edit };
  }

  field(object: string, field: string): AccessFlags {
    const key = `${object}.${field}`;
    if (this.#unrestricted || !this.#governedFields.has(key.toLowerCase())) return OPEN;
    const granted = this.#union((set) => lookup(set.fields, key));
    // Edit implies read, as Salesforce stores it.
    return { read: granted.read || granted.edit, edit: granted.edit };
  }

  #union(of: (set: PermissionSetAccess) => AccessFlags | undefined): AccessFlags {
    let read = false;
    let edit = false;
    for (const set of this.#sets) {
      const flags = of(set);
      read ||= flags?.read ?? false;
      edit ||= flags?.edit ?? false;
    }
    return { read, edit };
  }
}

/** Case-insensitive, as API names are. */
function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  if (Object.hasOwn(record, key)) return record[key];
  const lower = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}
