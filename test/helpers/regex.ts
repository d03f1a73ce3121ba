// Checks on the catalogs' patterns that the tests of each catalog share.

/** Whether a pattern has an unbounded quantifier: *, + or {n,} outside escapes and character classes. */
export function unbounded(src: string): boolean {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      i++;
      out += 'E';
    } else if (c === '[') {
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      out += 'C';
    } else out += c;
  }
  return /[*+]|\{\d+,\}/.test(out);
}
