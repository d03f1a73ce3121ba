// A project's indicators as rules use them: each with its kind, and the hosts that are the
// project's own (its host and domain indicators). Pure; the projects themselves are kept in
// the store (store/queries/projects.ts).

/** What an indicator is: a host, a registrable domain, an IP, a tracker ID, a SHA-256, a favicon hash. */
export const INDICATOR_KINDS = ['host', 'domain', 'ip', 'tracker', 'sha256', 'favicon'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface ProjectIndicator {
  value: string;
  kind: IndicatorKind;
}

/** Each project's indicators, by project name. */
export type ProjectIndicators = ReadonlyMap<string, readonly ProjectIndicator[]>;

/** The values of the given kinds. */
export function valuesOf(indicators: readonly ProjectIndicator[], kinds: readonly IndicatorKind[]): string[] {
  return indicators.filter((i) => kinds.includes(i.kind)).map((i) => i.value);
}

/** The project's own names: its hosts and registrable domains. */
export const OWN_KINDS: readonly IndicatorKind[] = ['host', 'domain'];
