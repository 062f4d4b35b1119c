// Loads the OASIS STIX 2.1 JSON schemas (copied with their licence into tests/fixtures) into Ajv, for validating exports.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_ROOT = path.join(__dirname, '..', 'fixtures', 'stix2-json-schemas', 'schemas');

/** Every OASIS schema registered under its $id, so relative $refs resolve (see the schemas' NOTES.md). */
export function loadValidators(): (relativePath: string) => ValidateFunction {
  // unicodeRegExp off: the OASIS patterns use escapes such as "\-" that Unicode-mode regular expressions reject.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // Only the domain-name observable uses this format; ajv-formats has no checker for it.
  ajv.addFormat('idn-hostname', true);
  const ids = new Map<string, string>();
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json')) {
        const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { $id: string };
        ajv.addSchema(schema);
        ids.set(path.relative(SCHEMA_ROOT, file).split(path.sep).join('/'), schema.$id);
      }
    }
  };
  walk(SCHEMA_ROOT);
  return (relativePath) => {
    const id = ids.get(relativePath);
    const validate = id === undefined ? undefined : ajv.getSchema(id);
    if (validate === undefined) throw new Error(`no OASIS schema ${relativePath}`);
    return validate;
  };
}

/** The schema file for a STIX object's type. */
export const schemaFor = (object: { type: string }) =>
  object.type === 'relationship' ? 'sros/relationship.json' : `sdos/${object.type}.json`;
