// What the STIX export and import share: the namespace of this project's STIX ids, the undated timestamp and text checks.
import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace for this project's UUIDv5 ids: the same record always gets the same STIX id. */
export const STIX_NAMESPACE = '226575b3-36b4-4897-b30a-e16929954c2d';

/**
 * The placeholder the export builds objects with no date of their own with; toStixBundle replaces it with the export
 * time before the bundle leaves, so no bundle carries it. Bundles from older versions of this project do, and the
 * import still reads it as "no date".
 */
export const UNDATED_TIMESTAMP = '1970-01-01T00:00:00.000Z';

/** The STIX id of type `type` named by `name`, a UUIDv5 in STIX_NAMESPACE. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(name, STIX_NAMESPACE)}`;
}

/** The value when it is a string with something besides white space in it. */
export const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
