/**
 * The floor the commands are measured against: `floor read DIR` reads every record file;
 * `floor parse DIR` also splits each with gray-matter (its own js-yaml) and checks it with Ajv
 * against our schema for its kind. Nothing else: no positions, no rules, no output.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import matter from 'gray-matter';
import { KIND_NAMES, RECORD_FOLDERS, RECORD_KINDS, recordKindOf } from '../scripts/core/records/kinds.js';
import { SCHEMAS } from '../scripts/core/records/schemas.js';

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
const [mode, root] = process.argv.slice(2);
if ((mode !== 'read' && mode !== 'parse') || !root) throw new Error('usage: floor read|parse DIR');

const paths: string[] = [];
for (const folder of RECORD_FOLDERS) {
  for (const name of await readdir(join(root, folder)).catch(() => [])) if (name.endsWith('.md')) paths.push(join(root, folder, name));
}
const texts: string[] = [];
for (let start = 0; start < paths.length; start += 64) texts.push(...(await Promise.all(paths.slice(start, start + 64).map((path) => readFile(path, 'utf8')))));

if (mode === 'parse') {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  ajv.addSchema(SCHEMAS.common);
  const validators = new Map(KIND_NAMES.map((kind) => [kind, ajv.compile(SCHEMAS[RECORD_KINDS[kind].schemaName])]));
  let invalid = 0;
  texts.forEach((text, index) => {
    const kind = recordKindOf(relative(root, paths[index]!));
    const validate = kind && validators.get(kind);
    if (!validate) return void invalid++;
    // js-yaml 3 reads timestamps as Dates; JSON gives them back as strings for the schema.
    if (!validate(JSON.parse(JSON.stringify(matter(text, {}).data)))) invalid++;
  });
  process.stdout.write(`${texts.length} files, ${invalid} invalid\n`);
}
