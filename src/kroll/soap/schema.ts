/**
 * The small vocabulary the contract (contract.ts) is written in: a WCF data contract is a named
 * set of members, each with its wire name, its type and whether it can be nil. The TypeScript
 * models of Kroll's data are derived from these descriptions (ModelOf, RequestOf), so the names
 * and types the client sends and reads cannot drift from the contract.
 */

/** Where a name comes from: seen in integrations that call the real service, or our design. */
export type Provenance = 'observed' | 'assumed';

export type ScalarType = 'string' | 'int' | 'decimal' | 'boolean' | 'dateTime';

/** The values of an `int` member: an xs:int, a .NET Int32 on Kroll's side. */
export const INT_RANGE = { min: -2_147_483_648, max: 2_147_483_647 } as const;

/** A string with a known set of values (sent and read as text). */
export interface EnumType<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}

/** `ArrayOfstring`: `<string>` items in the Serialization/Arrays namespace. */
export interface StringListType {
  readonly kind: 'strings';
}

/** A list of data contracts: one element per item, named after the item's contract. */
export interface ListType<C extends DataContract = DataContract> {
  readonly kind: 'list';
  readonly item: C;
}

export type MemberType = ScalarType | EnumType | StringListType | ListType;

export interface Member<T extends MemberType = MemberType, N extends boolean = boolean> {
  /** The element name on the wire (PascalCase, as WCF writes it). */
  readonly wire: string;
  readonly type: T;
  /** Can be `i:nil="true"` (a reference type or Nullable<T> in .NET). */
  readonly nullable: N;
  readonly provenance: Provenance;
  /** One of DealerAccountNumber, UserId, Password: filled in by the client, not by callers. */
  readonly credential?: true;
  /** Sent when a caller leaves a non-nullable request member out. */
  readonly defaultValue?: boolean | number | string;
  /** Observed even inside an assumed contract (credentials, AuthenticationFailed). */
  readonly pinned?: true;
}

export type Members = Readonly<Record<string, Member>>;

export interface DataContract<M extends Members = Members> {
  /** The contract's name: the element name of a list item, and the WSDL's complexType. */
  readonly name: string;
  readonly provenance: Provenance;
  /** Keyed by the TypeScript (camelCase) name of each member. */
  readonly members: M;
}

/** Builds a data contract; members inherit its provenance unless marked otherwise. */
export function contract<const M extends Members>(name: string, provenance: Provenance, members: M): DataContract<M> {
  const own = Object.fromEntries(
    Object.entries(members).map(([key, m]) => [key, provenance === 'assumed' && !m.pinned ? { ...m, provenance: 'assumed' } : m]),
  ) as unknown as M;
  return { name, provenance, members: own };
}

interface MemberOptions {
  /** This member is our design even in an observed contract. */
  assumed?: boolean;
  /** This member is observed even in an assumed contract. */
  pinned?: boolean;
}

const provenanceOf = (options: MemberOptions) => ({
  provenance: options.assumed ? ('assumed' as const) : ('observed' as const),
  ...(options.pinned ? { pinned: true as const } : {}),
});

/** A member that always has a value. */
export function member<const T extends MemberType>(wire: string, type: T, options: MemberOptions = {}): Member<T, false> {
  return { wire, type, nullable: false, ...provenanceOf(options) };
}

/** A request member that always has a value, sent as `value` when a caller leaves it out. */
export function defaulted<const T extends MemberType, const V extends boolean | number | string>(
  wire: string,
  type: T,
  value: V,
  options: MemberOptions = {},
): Member<T, false> & { readonly defaultValue: V } {
  return { wire, type, nullable: false, ...provenanceOf(options), defaultValue: value };
}

/** A member that can be nil. */
export function nillable<const T extends MemberType>(wire: string, type: T, options: MemberOptions = {}): Member<T, true> {
  return { wire, type, nullable: true, ...provenanceOf(options) };
}

export function credential(wire: string): Member<'string', false> & { credential: true } {
  return { wire, type: 'string', nullable: false, provenance: 'observed', pinned: true, credential: true };
}

export const enumOf = <const V extends string>(values: readonly V[]): EnumType<V> => ({ kind: 'enum', values });
export const strings: StringListType = { kind: 'strings' };
export const listOf = <C extends DataContract>(item: C): ListType<C> => ({ kind: 'list', item });

/** Members in the order WCF's DataContractSerializer writes and expects them: ordinal by wire name. */
export function orderedMembers(c: DataContract): [string, Member][] {
  return Object.entries(c.members).sort(([, a], [, b]) => (a.wire < b.wire ? -1 : a.wire > b.wire ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The TypeScript types that follow from a contract.

/** A value as the client returns it: dates as UTC ISO-8601 text, lists always arrays. */
type ResultValue<T> = T extends 'string'
  ? string
  : T extends 'int' | 'decimal'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'dateTime'
        ? string
        : T extends EnumType<infer V>
          ? V
          : T extends StringListType
            ? string[]
            : T extends ListType<infer C>
              ? ModelOf<C>[]
              : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A decoded result or list item. Lists are never null (nil reads as an empty list). */
export type ModelOf<C extends DataContract> = Simplify<{
  -readonly [K in keyof C['members']]: C['members'][K] extends Member<infer T, infer N>
    ? T extends StringListType | ListType
      ? ResultValue<T>
      : N extends true
        ? ResultValue<T> | null
        : ResultValue<T>
    : never;
}>;

/** A value as a caller passes it: dates as Date. */
type RequestValue<T> = T extends 'dateTime'
  ? Date
  : T extends ListType<infer C>
    ? RequestOf<C>[]
    : T extends StringListType
      ? readonly string[]
      : ResultValue<T>;

type CredentialKeys<M> = { [K in keyof M]: M[K] extends { credential: true } ? K : never }[keyof M];
type OptionalKeys<M> = {
  [K in keyof M]: M[K] extends { nullable: true } ? K : M[K] extends { defaultValue: unknown } ? K : never;
}[keyof M];

/** What a caller passes: no credentials; nillable members and those with a default optional. */
export type RequestOf<C extends DataContract> = Simplify<
  {
    [K in Exclude<keyof C['members'], CredentialKeys<C['members']> | OptionalKeys<C['members']>>]: C['members'][K] extends Member<infer T>
      ? RequestValue<T>
      : never;
  } & {
    [K in Exclude<OptionalKeys<C['members']>, CredentialKeys<C['members']>>]?: C['members'][K] extends Member<infer T>
      ? RequestValue<T> | null
      : never;
  }
>;
