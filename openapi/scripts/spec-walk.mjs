// Reading an OpenAPI document: following local `$ref`s and collecting the JSON types a schema allows. Shared
// by the breaking-change gate and the client's generator, so both read the spec the same way.

/** Follows local `$ref`s (`#/components/...`) to what they name; undefined when one names nothing. */
export function deref(document, node) {
  let current = node;
  const seen = new Set();
  while (
    current &&
    typeof current.$ref === 'string' &&
    current.$ref.startsWith('#/') &&
    !seen.has(current.$ref)
  ) {
    seen.add(current.$ref);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((at, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  }
  return current;
}

/** The JSON types a schema allows, anyOf/oneOf branches included, in the order written, e.g. `['integer', 'null']`. */
export function typesOf(document, schema) {
  const resolved = deref(document, schema) ?? {};
  const own = [resolved.type ?? []].flat();
  const branches = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].flatMap((s) =>
    typesOf(document, s),
  );
  return [...new Set([...own, ...branches])];
}
