// Keywords and regular expressions that rules look for in a page's text and title. A
// keyword matches in any case, as a plain substring; a pattern is a JavaScript regular
// expression, matched in any case too. What a term found is kept as the distinct matched
// texts, bounded, so that a monitor can tell a new match (a new wallet address) from one it
// saw before. Pure.

export type TermKind = 'keyword' | 'regex';

export interface Term {
  kind: TermKind;
  /** As written after the rule's colon. */
  text: string;
  pattern: RegExp;
}

/** Distinct matches kept per term, and the longest kept. */
const MAX_MATCHES = 20;
const MAX_MATCH_LENGTH = 200;

/** A term, or an Error whose message names it. */
export function parseTerm(kind: TermKind, text: string): Term {
  if (!text) throw new Error(`${kind}: needs a ${kind === 'keyword' ? 'word' : 'pattern'} after the colon`);
  if (kind === 'keyword')
    return { kind, text, pattern: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu') };
  try {
    return { kind, text, pattern: new RegExp(text, 'giu') };
  } catch (e) {
    throw new Error(`regex:${text} is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** What the term found in the text: the keyword as written, or a regex's distinct matches (none: []). */
export function termMatches(t: Term, text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(t.pattern)) {
    if (t.kind === 'keyword') return [t.text];
    if (m[0]) found.add(m[0].slice(0, MAX_MATCH_LENGTH));
    if (found.size >= MAX_MATCHES) break;
  }
  return [...found].sort();
}
