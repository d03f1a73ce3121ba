// Chromium's --host-resolver-rules, the part the crawler uses: behind the egress proxy the
// browser resolves no names, so the proxy applies the same rules (the test internet maps
// every host to loopback with them). Comma-separated rules, the first that matches wins:
//   MAP <pattern> <replacement>   pattern: host glob with *, optionally :port
//   EXCLUDE <pattern>             replacement: host, host:port, [v6], [v6]:port or ~NOTFOUND
// An EXCLUDE match means: no mapping, resolve the name as usual.

export type HostRule =
  | { kind: 'map'; host: RegExp; port?: number; to: { host: string; port?: number } | 'not-found' }
  | { kind: 'exclude'; host: RegExp; port?: number };

const HOST_PORT = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/;

function hostPort(text: string): { host: string; port?: number } | undefined {
  const m = HOST_PORT.exec(text);
  if (!m) return undefined;
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host: (m[1] ?? m[2]!).toLowerCase(), port };
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function parseRule(text: string): HostRule | undefined {
  const [keyword, pattern, replacement, ...extra] = text.split(/\s+/);
  const match = pattern === undefined ? undefined : hostPort(pattern);
  if (!match || extra.length > 0) return undefined;
  const when = { host: glob(match.host), port: match.port };
  switch (keyword!.toUpperCase()) {
    case 'EXCLUDE':
      return replacement === undefined ? { kind: 'exclude', ...when } : undefined;
    case 'MAP': {
      if (replacement === '~NOTFOUND') return { kind: 'map', ...when, to: 'not-found' };
      const to = replacement === undefined ? undefined : hostPort(replacement);
      return to && { kind: 'map', ...when, to };
    }
    default:
      return undefined;
  }
}

/** The rules in `text`; throws naming the first rule it cannot read. */
export function parseHostRules(text: string): HostRule[] {
  return text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => {
      const rule = parseRule(r);
      if (!rule)
        throw new Error(
          `host resolver rule "${r}" is not MAP <host[:port]> <host[:port] or ~NOTFOUND> or EXCLUDE <host[:port]>`,
        );
      return rule;
    });
}

/** Rules as given (Chromium takes the text) and as read (the egress proxy applies them): the CLI reads --host-resolver-rules once, into these. */
export interface HostRules {
  readonly text: string;
  readonly rules: HostRule[];
}

/** Rules as given, or their text from a caller that did not read them (read once, by the egress). */
export type HostRulesInput = HostRules | string;

/** The rules in `text`, kept with it; throws as parseHostRules does. */
export function readHostRules(input: HostRulesInput): HostRules {
  return typeof input === 'string' ? { text: input, rules: parseHostRules(input) } : input;
}

/** Where the first matching rule sends host:port: a new host and port, 'not-found', or undefined (resolve as usual). */
export function applyHostRules(
  rules: readonly HostRule[],
  host: string,
  port: number,
): { host: string; port: number } | 'not-found' | undefined {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const rule = rules.find((r) => r.host.test(name) && (r.port === undefined || r.port === port));
  if (rule?.kind !== 'map') return undefined;
  return rule.to === 'not-found' ? 'not-found' : { host: rule.to.host, port: rule.to.port ?? port };
}
