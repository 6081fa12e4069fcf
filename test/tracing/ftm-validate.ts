import { Model, defaultModel } from '@alephdata/followthemoney';
import type { FtmEntity } from '../../src/tracing/ftm.js';

const model = new Model(defaultModel);

/**
 * Checks entities against the FtM model as shipped by @alephdata/followthemoney: the schema exists
 * and is concrete, every property belongs to it, required properties are there, entity references
 * point at entities in the same export, and countries and dates have the model's formats.
 */
export function validateFtm(entities: FtmEntity[]): string[] {
  const problems: string[] = [];
  const ids = new Set(entities.map((e) => e.id));
  const countries = model.getType('country').values;
  for (const e of entities) {
    const schema = model.getSchema(e.schema);
    if (!schema) {
      problems.push(`${e.id}: unknown schema ${e.schema}`);
      continue;
    }
    if (schema.abstract) problems.push(`${e.id}: schema ${e.schema} is abstract`);
    const propsOf = schema.getProperties();
    for (const req of schema.required) if (!e.properties[req]?.length) problems.push(`${e.id}: required property ${req} missing`);
    for (const [name, values] of Object.entries(e.properties)) {
      const prop = propsOf.get(name);
      if (!prop) {
        problems.push(`${e.id}: ${e.schema} has no property ${name}`);
        continue;
      }
      for (const v of values) {
        if (typeof v !== 'string' || v === '') problems.push(`${e.id}.${name}: empty or non-string value`);
        if (prop.type.name === 'entity' && !ids.has(v)) problems.push(`${e.id}.${name}: refers to ${v}, not in the export`);
        if (prop.type.name === 'entity' && ids.has(v)) {
          const target = model.getSchema(entities.find((x) => x.id === v)!.schema);
          const range = prop.getRange();
          if (range && !target.isA(range)) problems.push(`${e.id}.${name}: ${target.name} is not a ${range.name}`);
        }
        if (prop.type.name === 'country' && !countries.has(v)) problems.push(`${e.id}.${name}: ${v} is not an FtM country code`);
        if (prop.type.name === 'date' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) problems.push(`${e.id}.${name}: ${v} is not an ISO date`);
      }
    }
  }
  return problems;
}
