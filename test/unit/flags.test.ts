// Flags that take several values take them repeated or as one comma list, as a user types
// them; a value that may hold commas itself (a regex, a URL, a rule's own option list) is
// kept whole.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../cli/flags.js';
import { command as crawl } from '../../cli/commands/crawl.js';
import { command as monitor } from '../../cli/commands/monitor.js';
import { command as submit } from '../../cli/commands/submit.js';

/** A command's parsed values by flag name (the commands' value types are their own). */
const values = (c: { name: string; groups: readonly { title: string; flags: object }[] }, argv: string[]) =>
  parseCommand(c as Parameters<typeof parseCommand>[0], argv).values as Record<string, unknown>;

describe('list flags', () => {
  it('take a comma list as they take repetition', () => {
    expect(
      values(monitor, ['add', 'm', '--alert', 'new-child-host,gone-tracker', '--alert', 'status-change']).alert,
    ).toEqual(['new-child-host', 'gone-tracker', 'status-change']);
    expect(values(crawl, ['--allow-net', '10.0.0.0/8, 192.168.0.0/16', '--deny-net', '10.9.0.0/16'])).toMatchObject({
      'allow-net': ['10.0.0.0/8', '192.168.0.0/16'],
      'deny-net': ['10.9.0.0/16'],
    });
    expect(values(submit, ['--tag', 'case:17,brand/acme,', 'x']).tag).toEqual(['case:17', 'brand/acme']);
  });

  it("keep a rule's own comma list with its rule", () => {
    expect(
      values(monitor, [
        'add',
        'm',
        '--alert',
        'new-child-host:script.src,iframe.src,gone-tracker,regex:a{1,3}b,keyword:x',
      ]).alert,
    ).toEqual(['new-child-host:script.src,iframe.src', 'gone-tracker', 'regex:a{1,3}b', 'keyword:x']);
  });

  it('keep regular expressions and URLs whole', () => {
    expect(values(crawl, ['--include', '/p/\\d{1,3},x']).include).toEqual(['/p/\\d{1,3},x']);
    expect(values(monitor, ['add', 'm', '--url', 'https://a.example/?q=1,2']).url).toEqual([
      'https://a.example/?q=1,2',
    ]);
  });
});
