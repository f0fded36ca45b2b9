/** Walking JSON schemas keyword by keyword: a property named "not" is not the keyword `not`. */
export type Schema = Record<string, unknown>;

export function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface SchemaNode {
  schema: Schema;
  /** JSON-pointer-like path of the node, e.g. /properties/credentials/oneOf/0. */
  path: string;
  /** Set when the node is the schema of a property: the property's name. */
  propertyName?: string;
  /** How many `properties` levels lie above the node (0 for the root and its keywords). */
  depth: number;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_ARRAYS = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
const SCHEMA_VALUES = ['not', 'if', 'then', 'else', 'additionalProperties', 'contains', 'propertyNames'];

/** Every schema node under (and including) the root, depth first. */
export function schemaNodes(root: Schema): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (schema: unknown, path: string, depth: number, propertyName?: string): void => {
    if (!isObject(schema)) return;
    nodes.push({ schema, path, depth, ...(propertyName === undefined ? {} : { propertyName }) });
    for (const key of SCHEMA_MAPS) {
      const map = schema[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) visit(sub, `${path}/${key}/${name}`, key === 'properties' ? depth + 1 : depth, key === 'properties' ? name : undefined);
    }
    for (const key of SCHEMA_ARRAYS) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => visit(sub, `${path}/${key}/${i}`, depth));
    }
    for (const key of SCHEMA_VALUES) visit(schema[key], `${path}/${key}`, depth);
    const items = schema.items;
    if (Array.isArray(items)) items.forEach((sub, i) => visit(sub, `${path}/items/${i}`, depth));
    else visit(items, `${path}/items`, depth);
  };
  visit(root, '', 0);
  return nodes;
}

/** The declared types of a schema node: `type` as a list (empty when absent). */
export function typesOf(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
}

/** The schema of a field path (["a", "b"] is properties/a/properties/b), or undefined. */
export function fieldSchema(root: Schema, path: string[]): Schema | undefined {
  let current: unknown = root;
  for (const part of path) {
    const properties = isObject(current) ? current.properties : undefined;
    current = isObject(properties) ? properties[part] : undefined;
  }
  return isObject(current) ? current : undefined;
}
