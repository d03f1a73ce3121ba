// Option objects with their defaults in one place: a caller's partial options override the
// defaults key by key, and a key the caller left undefined (a flag not given) keeps its default.

/** `defaults` with every key of `partial` that is not undefined. */
export function withDefaults<T extends object>(defaults: T, partial: Partial<T> = {}): T {
  return { ...defaults, ...definedOnly(partial) };
}

/** The keys of `o` whose values are not undefined. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
