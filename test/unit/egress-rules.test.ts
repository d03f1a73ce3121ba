import { describe, expect, it } from 'vitest';
import { applyHostRules, parseHostRules } from '../../crawler/egress/host-rules.js';

describe('host resolver rules', () => {
  it('maps by port, as the test internet does', () => {
    const rules = parseHostRules('MAP *:80 127.0.0.1:41234,MAP *:443 127.0.0.1:41235');
    expect(applyHostRules(rules, 'www.shop.test', 80)).toEqual({ host: '127.0.0.1', port: 41234 });
    expect(applyHostRules(rules, 'www.shop.test', 443)).toEqual({ host: '127.0.0.1', port: 41235 });
    expect(applyHostRules(rules, 'www.shop.test', 8080)).toBeUndefined();
  });

  it('uses the first rule that matches; EXCLUDE leaves the name to DNS', () => {
    const rules = parseHostRules('EXCLUDE rebind.test, MAP private.test 127.0.0.2:41234 ,MAP *:80 127.0.0.1:41234');
    expect(applyHostRules(rules, 'rebind.test', 80)).toBeUndefined();
    expect(applyHostRules(rules, 'private.test', 80)).toEqual({ host: '127.0.0.2', port: 41234 });
    expect(applyHostRules(rules, 'private.test', 443)).toEqual({ host: '127.0.0.2', port: 41234 });
    expect(applyHostRules(rules, 'other.test', 80)).toEqual({ host: '127.0.0.1', port: 41234 });
    expect(applyHostRules(rules, 'sub.rebind.test', 80)).toEqual({ host: '127.0.0.1', port: 41234 });
  });

  it('keeps the port when the replacement has none, and matches globs and case loosely', () => {
    const rules = parseHostRules('MAP *.Example.TEST origin.test, map www.x.test 10.0.0.1');
    expect(applyHostRules(rules, 'a.b.example.test', 8443)).toEqual({ host: 'origin.test', port: 8443 });
    expect(applyHostRules(rules, 'WWW.X.TEST', 80)).toEqual({ host: '10.0.0.1', port: 80 });
    expect(applyHostRules(rules, 'example.test', 80)).toBeUndefined();
    expect(applyHostRules(rules, 'wwwxxtest', 80)).toBeUndefined();
  });

  it('reads IPv6 in brackets, in patterns and replacements', () => {
    const rules = parseHostRules('MAP [::1]:80 [::2]:8080, MAP v6.test [2001:db8::1], MAP * [::3]:81');
    expect(applyHostRules(rules, '[::1]', 80)).toEqual({ host: '::2', port: 8080 });
    expect(applyHostRules(rules, '::1', 80)).toEqual({ host: '::2', port: 8080 });
    expect(applyHostRules(rules, 'v6.test', 443)).toEqual({ host: '2001:db8::1', port: 443 });
    expect(applyHostRules(rules, 'anything', 1)).toEqual({ host: '::3', port: 81 });
  });

  it('~NOTFOUND makes a name fail to resolve', () => {
    const rules = parseHostRules('EXCLUDE ok.test, MAP * ~NOTFOUND');
    expect(applyHostRules(rules, 'gone.test', 80)).toBe('not-found');
    expect(applyHostRules(rules, 'ok.test', 80)).toBeUndefined();
  });

  it('has no rules in an empty text', () => {
    expect(parseHostRules('')).toEqual([]);
    expect(applyHostRules([], 'a.test', 80)).toBeUndefined();
  });

  it('names the rule it cannot read', () => {
    for (const bad of [
      'MAP *',
      'MAP * a b',
      'EXCLUDE',
      'EXCLUDE a.test b.test',
      'REWRITE a b',
      'MAP ::1 a',
      'MAP a.test b:99999',
      'MAP a.test b:0',
      'MAP a.test [::1',
    ]) {
      expect(() => parseHostRules(`MAP *:80 127.0.0.1:1,${bad}`), bad).toThrow(`host resolver rule "${bad}" is not`);
    }
  });
});
