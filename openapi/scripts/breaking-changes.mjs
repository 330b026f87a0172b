// The changes between two OpenAPI 3.1 documents that break existing clients. Additive changes (a new path,
// parameter or response field; a new optional request body field; a parameter or request body field that
// became optional or nullable) are not breaking.

import { deref, typesOf as walkTypes } from './spec-walk.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A schema's JSON types, sorted so two lists compare as text. */
const typesOf = (document, schema) => walkTypes(document, schema).sort();
const resolve = (document, node) => deref(document, node) ?? {};

/** The object properties a schema describes (through $ref, allOf, anyOf and oneOf), with their requiredness. */
function propertiesOf(document, schema) {
  const s = resolve(document, schema);
  const properties = new Map();
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    properties.set(name, { schema: property, required: (s.required ?? []).includes(name) });
  }
  for (const part of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    for (const [name, property] of propertiesOf(document, part))
      if (!properties.has(name)) properties.set(name, property);
  }
  return properties;
}

function itemsOf(document, schema) {
  const s = resolve(document, schema);
  return (
    s.items ?? [...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((b) => resolve(document, b).items).find(Boolean)
  );
}

const list = (types) => types.join(' | ') || 'any';

/** Walks a response schema in both documents, reporting what a client reading it would trip over. */
function compareResponse(oldDoc, newDoc, oldSchema, newSchema, where, out, depth = 0) {
  if (depth > 20 || !oldSchema || !newSchema) return;
  const oldTypes = typesOf(oldDoc, oldSchema);
  const newTypes = typesOf(newDoc, newSchema);
  if (oldTypes.length && newTypes.length) {
    const oldNonNull = oldTypes.filter((t) => t !== 'null');
    const newNonNull = newTypes.filter((t) => t !== 'null');
    if (list(oldNonNull) !== list(newNonNull))
      out.push(`${where} changed type: ${list(oldTypes)} → ${list(newTypes)}`);
    else if (oldTypes.includes('null') && !newTypes.includes('null'))
      out.push(`${where} is no longer nullable`);
    else if (!oldTypes.includes('null') && newTypes.includes('null')) out.push(`${where} became nullable`);
  }
  const oldProperties = propertiesOf(oldDoc, oldSchema);
  const newProperties = propertiesOf(newDoc, newSchema);
  for (const [name, old] of oldProperties) {
    const next = newProperties.get(name);
    const at = `${where}.${name}`;
    if (!next) {
      out.push(`${at} was removed`);
      continue;
    }
    if (old.required && !next.required) out.push(`${at} is no longer required`);
    compareResponse(oldDoc, newDoc, old.schema, next.schema, at, out, depth + 1);
  }
  const oldItems = itemsOf(oldDoc, oldSchema);
  const newItems = itemsOf(newDoc, newSchema);
  if (oldItems && newItems) compareResponse(oldDoc, newDoc, oldItems, newItems, `${where}[]`, out, depth + 1);
}

/** Walks a request body schema in both documents, reporting what a request that was valid may now fail on. */
function compareRequest(oldDoc, newDoc, oldSchema, newSchema, where, out, depth = 0) {
  if (depth > 20 || !oldSchema || !newSchema) return;
  const oldTypes = typesOf(oldDoc, oldSchema);
  const newTypes = typesOf(newDoc, newSchema);
  const lost = oldTypes.filter((t) => t !== 'null' && newTypes.length && !newTypes.includes(t));
  if (lost.length) out.push(`${where} changed type: ${list(oldTypes)} → ${list(newTypes)}`);
  else if (oldTypes.includes('null') && newTypes.length && !newTypes.includes('null'))
    out.push(`${where} is no longer nullable`);
  const oldProperties = propertiesOf(oldDoc, oldSchema);
  for (const [name, next] of propertiesOf(newDoc, newSchema)) {
    const old = oldProperties.get(name);
    const at = `${where}.${name}`;
    if (!old) {
      if (next.required) out.push(`${at} is a new required field`);
      continue;
    }
    if (!old.required && next.required) out.push(`${at} became required`);
    compareRequest(oldDoc, newDoc, old.schema, next.schema, at, out, depth + 1);
  }
  const oldItems = itemsOf(oldDoc, oldSchema);
  const newItems = itemsOf(newDoc, newSchema);
  if (oldItems && newItems) compareRequest(oldDoc, newDoc, oldItems, newItems, `${where}[]`, out, depth + 1);
}

function parametersOf(document, pathItem, operation) {
  const byKey = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((x) =>
    resolve(document, x),
  )) {
    byKey.set(`${p.in} ${p.name}`, p);
  }
  return byKey;
}

const major = (version) => Number.parseInt(String(version ?? '0').split('.')[0] ?? '0', 10) || 0;

/** Lists the breaking changes from `oldDoc` to `newDoc`, and whether info.version's major bump acknowledges them. */
export function breakingChanges(oldDoc, newDoc) {
  const breaking = [];
  for (const [path, oldItem] of Object.entries(oldDoc.paths ?? {})) {
    const newItem = newDoc.paths?.[path];
    if (!newItem) {
      breaking.push(`path ${path} was removed`);
      continue;
    }
    for (const method of METHODS) {
      const oldOp = oldItem[method];
      if (!oldOp) continue;
      const newOp = newItem[method];
      const op = `${method.toUpperCase()} ${path}`;
      if (!newOp) {
        breaking.push(`${op} was removed`);
        continue;
      }
      const oldParams = parametersOf(oldDoc, oldItem, oldOp);
      const newParams = parametersOf(newDoc, newItem, newOp);
      for (const [key, old] of oldParams) {
        const next = newParams.get(key);
        const name = `${op} ${old.in} parameter ${old.name}`;
        if (!next) {
          breaking.push(`${name} was removed`);
          continue;
        }
        if (!old.required && next.required) breaking.push(`${name} became required`);
        const oldTypes = typesOf(oldDoc, old.schema);
        const newTypes = typesOf(newDoc, next.schema);
        const lost = oldTypes.filter((t) => t !== 'null' && newTypes.length && !newTypes.includes(t));
        if (lost.length) breaking.push(`${name} changed type: ${list(oldTypes)} → ${list(newTypes)}`);
        else if (oldTypes.includes('null') && newTypes.length && !newTypes.includes('null')) {
          breaking.push(`${name} is no longer nullable`);
        }
      }
      for (const [key, next] of newParams) {
        if (!oldParams.has(key) && next.required)
          breaking.push(`${op} has a new required ${next.in} parameter ${next.name}`);
      }
      const oldBody = oldOp.requestBody && resolve(oldDoc, oldOp.requestBody);
      const newBody = newOp.requestBody && resolve(newDoc, newOp.requestBody);
      if (newBody?.required && !oldBody?.required)
        breaking.push(
          oldBody ? `${op} request body became required` : `${op} has a new required request body`,
        );
      for (const [type, oldMedia] of Object.entries(oldBody?.content ?? {})) {
        const newMedia = newBody?.content?.[type];
        const where = `${op} request ${type} body`;
        if (!newMedia) breaking.push(`${where} is no longer accepted`);
        else compareRequest(oldDoc, newDoc, oldMedia.schema, newMedia.schema, where, breaking);
      }
      for (const [status, oldResponse] of Object.entries(oldOp.responses ?? {})) {
        const newResponse = newOp.responses?.[status];
        if (!newResponse) {
          breaking.push(`${op} response ${status} was removed`);
          continue;
        }
        for (const [type, oldMedia] of Object.entries(resolve(oldDoc, oldResponse).content ?? {})) {
          const newMedia = resolve(newDoc, newResponse).content?.[type];
          const where = `${op} ${status} ${type} body`;
          if (!newMedia) breaking.push(`${where} was removed`);
          else compareResponse(oldDoc, newDoc, oldMedia.schema, newMedia.schema, where, breaking);
        }
      }
    }
  }
  const oldVersion = oldDoc.info?.version;
  const newVersion = newDoc.info?.version;
  return { breaking, acknowledged: major(newVersion) > major(oldVersion), oldVersion, newVersion };
}
