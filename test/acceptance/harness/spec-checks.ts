/**
 * The spec checks of Airbyte's Connector Acceptance Tests (TestSpec), each a function returning
 * the problems it finds, so a test names the check that failed and what it found.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isObject, schemaNodes, typesOf, type Schema } from './schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A draft-07 validator, as CAT's jsonschema picks it from the spec's $schema. */
export function draft07(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** The spec is a valid draft-07 schema and the config (without its "_" keys) validates against it. */
export function configProblems(connectionSpecification: Schema, config: Record<string, unknown>): string[] {
  const ajv = draft07();
  if (!ajv.validateSchema(connectionSpecification)) return [`the spec is not a valid JSON schema: ${ajv.errorsText(ajv.errors)}`];
  const validate = ajv.compile(connectionSpecification);
  const settings = Object.fromEntries(Object.entries(config).filter(([key]) => !key.startsWith('_')));
  return validate(settings) ? [] : [`the config does not match the spec: ${ajv.errorsText(validate.errors)}`];
}

export function enumProblems(spec: Schema): string[] {
  return schemaNodes(spec)
    .filter((n) => Array.isArray(n.schema.enum))
    .flatMap((n) => {
      const values = (n.schema.enum as unknown[]).map((v) => JSON.stringify(v));
      return new Set(values).size === values.length ? [] : [`${n.path}: enum repeats a value`];
    });
}

/** oneOf (and anyOf): an object parent; options with properties; one common property with a const in each. */
export function oneOfProblems(spec: Schema): string[] {
  const problems: string[] = [];
  for (const { schema, path } of schemaNodes(spec)) {
    for (const keyword of ['oneOf', 'anyOf']) {
      const options = schema[keyword];
      if (!Array.isArray(options)) continue;
      const where = `${path}/${keyword}`;
      if (!typesOf(schema).includes('object')) problems.push(`${where}: the parent is not type object`);
      const properties = options.map((o: unknown) => (isObject(o) && isObject(o.properties) ? o.properties : undefined));
      if (properties.some((p) => p === undefined)) {
        problems.push(`${where}: an option has no properties`);
        continue;
      }
      const common = Object.keys(properties[0]!).filter((name) => properties.every((p) => name in p!));
      if (common.length === 0) problems.push(`${where}: no property common to all options`);
      const discriminators = common.filter((name) => properties.every((p) => isObject(p![name]) && 'const' in (p![name] as Schema)));
      if (discriminators.length !== 1) {
        problems.push(`${where}: ${discriminators.length} common properties with a const in every option (must be exactly one)`);
        continue;
      }
      for (const p of properties) {
        const d = p![discriminators[0]!] as Schema;
        if ('default' in d && d.default !== d.const) problems.push(`${where}: the discriminator's default differs from its const`);
        if ('enum' in d && JSON.stringify(d.enum) !== JSON.stringify([d.const])) problems.push(`${where}: the discriminator has an enum other than [const]`);
      }
    }
  }
  return problems;
}

/** The names CAT requires to be secret (matched whole, any case). */
export const CAT_SECRET_NAMES = [
  'client_token', 'access_token', 'api_token', 'token', 'secret', 'client_secret', 'password', 'key', 'service_account_info',
  'service_account', 'tenant_id', 'certificate', 'jwt', 'credentials', 'app_id', 'appid', 'refresh_token',
];
/** Names that hold credentials in any connector, which CAT's whole-name list would miss. */
const CREDENTIAL_NAME = /(password|passphrase|secret|token|api_key|private_key)/i;

const canStoreSecret = (schema: Schema): boolean => {
  const types = typesOf(schema).filter((t) => t !== 'null');
  return types.length > 0 && types.every((t) => ['string', 'integer', 'number'].includes(t)) && !('const' in schema);
};

/** Secrets marked airbyte_secret, and nothing marked that cannot hold one. */
export function secretProblems(spec: Schema): string[] {
  const problems: string[] = [];
  for (const { schema, path, propertyName } of schemaNodes(spec)) {
    if (propertyName === undefined) continue;
    const secretByName = CAT_SECRET_NAMES.includes(propertyName.toLowerCase()) || CREDENTIAL_NAME.test(propertyName);
    if (secretByName && canStoreSecret(schema) && schema.airbyte_secret !== true) problems.push(`${path}: a secret not marked airbyte_secret`);
    if (schema.airbyte_secret === true && !canStoreSecret(schema)) problems.push(`${path}: airbyte_secret on a field that cannot hold a secret`);
  }
  return problems;
}

/** Types of properties are [T] or [T, "null"]. */
export function typeArrayProblems(spec: Schema): string[] {
  return schemaNodes(spec)
    .filter((n) => n.propertyName !== undefined && Array.isArray(n.schema.type))
    .filter(({ schema }) => {
      const type = schema.type as string[];
      return !(type.length === 1 || (type.length === 2 && type[1] === 'null' && type[0] !== 'null'));
    })
    .map((n) => `${n.path}: type ${JSON.stringify(n.schema.type)}`);
}

/** A nested object has properties or a oneOf. */
export function emptyObjectProblems(spec: Schema): string[] {
  return schemaNodes(spec)
    .filter((n) => n.path !== '' && typesOf(n.schema).includes('object'))
    .filter(({ schema }) => !(isObject(schema.properties) && Object.keys(schema.properties).length > 0) && !Array.isArray(schema.oneOf))
    .map((n) => `${n.path}: an object without properties or oneOf`);
}

/** Arrays have one items schema of type object, string, number or integer, or with an enum. */
export function arrayProblems(spec: Schema): string[] {
  return schemaNodes(spec)
    .filter((n) => typesOf(n.schema).includes('array'))
    .filter(({ schema }) => {
      const items = schema.items;
      if (!isObject(items)) return true;
      return !('enum' in items) && !typesOf(items).some((t) => ['object', 'string', 'number', 'integer'].includes(t));
    })
    .map((n) => `${n.path}: array items must be one schema of type object, string, number or integer, or an enum`);
}

export const FORBIDDEN_KEYWORDS = ['not', 'anyOf', 'patternProperties', 'prefixItems', 'allOf', 'if', 'then', 'else', 'dependentSchemas', 'dependentRequired', '$ref'];

export function forbiddenKeywordProblems(spec: Schema, keywords = FORBIDDEN_KEYWORDS): string[] {
  return schemaNodes(spec).flatMap((n) => keywords.filter((k) => k in n.schema).map((k) => `${n.path}: uses ${k}`));
}

/** No two properties of one object and one group share an `order`. */
export function orderProblems(spec: Schema): string[] {
  const problems: string[] = [];
  for (const { schema, path } of schemaNodes(spec)) {
    if (!isObject(schema.properties)) continue;
    const seen = new Map<string, string>();
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isObject(property) || property.order === undefined) continue;
      const key = `${String(property.group ?? '')}\u0000${String(property.order)}`;
      if (seen.has(key)) problems.push(`${path}/properties: ${seen.get(key)} and ${name} share order ${String(property.order)}`);
      seen.set(key, name);
    }
  }
  return problems;
}

/** `group` only on top-level properties, each a group the spec declares. */
export function groupProblems(spec: Schema): string[] {
  const declared = new Set((Array.isArray(spec.groups) ? spec.groups : []).map((g) => (isObject(g) ? g.id : undefined)));
  return schemaNodes(spec)
    .filter((n) => 'group' in n.schema)
    .flatMap((n) => {
      if (n.depth !== 1 || n.propertyName === undefined) return [`${n.path}: group on a nested field`];
      return declared.has(n.schema.group) ? [] : [`${n.path}: group ${String(n.schema.group)} is not declared in groups`];
    });
}

/** display_type only with a oneOf, and only dropdown or radio. */
export function displayTypeProblems(spec: Schema): string[] {
  return schemaNodes(spec)
    .filter((n) => 'display_type' in n.schema)
    .filter(({ schema }) => !Array.isArray(schema.oneOf) || !['dropdown', 'radio'].includes(String(schema.display_type)))
    .map((n) => `${n.path}: display_type ${String(n.schema.display_type)}`);
}

/** additionalProperties, where present, is true. */
export function additionalPropertiesProblems(schema: Schema): string[] {
  return schemaNodes(schema)
    .filter((n) => 'additionalProperties' in n.schema && n.schema.additionalProperties !== true)
    .map((n) => `${n.path}: additionalProperties is not true`);
}
