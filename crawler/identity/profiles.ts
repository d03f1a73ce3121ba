// Virtual-user profiles: the built-in ones (builtin-profiles.yaml beside this file) and an
// operator's own (--profiles FILE, YAML or JSON), in one format: a map from profile name to
// a profile (profile-schema.ts). A profile may say `extends: NAME` to start from another
// profile of the same file or a built-in one and change a few fields (objects are merged
// field by field, lists replaced). Every field is checked, against the schema and then for
// coherence (a phone is Android, the window fits the screen, ...); a wrong one is an error
// that names the file, the profile and the field. Plain data: no browser library here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PROFILE_SCHEMA, type Profile } from './profile-schema.js';

export type { Profile } from './profile-schema.js';

/** A profile with the name it was defined under. */
export type NamedProfile = Profile & { name: string };

/** What a profile name may be made of: it travels in seed lines, Kafka messages and events. */
const PROFILE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Pixels between window.outerHeight and innerHeight on a desktop: the toolbars full Chromium draws in headless mode. */
export const DESKTOP_TOOLBAR_HEIGHT = 87;

export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly profile: string | undefined,
    readonly field: string | undefined,
    message: string,
  ) {
    super(
      `${file}: ${profile === undefined ? '' : `profile "${profile}": `}${field === undefined ? '' : `${field}: `}${message}`,
    );
  }
}

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true });
const validateShape = ajv.compile(PROFILE_SCHEMA);

/** The profiles of a file's text (YAML, or JSON, which YAML reads too), each checked; `base` resolves `extends` outside the file. */
export function parseProfiles(
  text: string,
  file: string,
  base: ReadonlyMap<string, NamedProfile> = new Map(),
): NamedProfile[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    throw new ProfileError(file, undefined, undefined, `not YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isPlainObject(doc) || Object.keys(doc).length === 0)
    throw new ProfileError(file, undefined, undefined, 'expected a map from profile names to profiles');
  const raw = doc;
  const resolved = new Map<string, NamedProfile>();
  const resolving = new Set<string>();
  const resolve = (name: string): NamedProfile => {
    const done = resolved.get(name);
    if (done) return done;
    if (!PROFILE_NAME.test(name))
      throw new ProfileError(
        file,
        name.slice(0, 64),
        undefined,
        'a profile name is 1 to 64 lower-case letters, digits or . _ - (starting with a letter or digit)',
      );
    const fields = raw[name];
    if (!isPlainObject(fields)) throw new ProfileError(file, name, undefined, 'expected a map of fields');
    const { extends: parent, ...own } = fields;
    let merged: Record<string, unknown> = own;
    if (parent !== undefined) {
      if (typeof parent !== 'string') throw new ProfileError(file, name, 'extends', 'expected the name of a profile');
      // A profile named like a built-in one may extend that built-in one.
      const inFile = parent !== name && parent in raw;
      if (inFile && resolving.has(parent))
        throw new ProfileError(file, name, 'extends', `"${parent}" extends "${name}" in turn: a cycle`);
      resolving.add(name);
      const from = inFile ? resolve(parent) : base.get(parent);
      resolving.delete(name);
      if (!from)
        throw new ProfileError(
          file,
          name,
          'extends',
          `no profile "${parent.slice(0, 64)}" in this file or the built-in ones (${[...base.keys()].join(', ')})`,
        );
      const { name: _name, ...inherited } = from;
      merged = mergeFields(inherited, own);
    }
    const profile = checkProfile(merged, file, name);
    const named = { name, ...profile };
    resolved.set(name, named);
    return named;
  };
  return Object.keys(raw).map(resolve);
}

/** A profile's fields checked against the schema, then for coherence; the first problem is thrown. */
export function checkProfile(fields: Record<string, unknown>, file: string, name: string): Profile {
  if (!validateShape(fields)) {
    const e = validateShape.errors![0]!;
    throw new ProfileError(file, name, fieldOf(e), describe(e));
  }
  const p = fields as Profile;
  const wrong = incoherence(p);
  if (wrong) throw new ProfileError(file, name, wrong[0], wrong[1]);
  return p;
}

/** The first field that does not fit the rest, and why; undefined when the profile is one coherent browser. */
function incoherence(p: Profile): [field: string, why: string] | undefined {
  const android = p.os === 'android';
  if (p.automated && (p.os !== 'linux' || p.mobile))
    return [
      'automated',
      'an automated client is the engine as it is: a Linux desktop browser (os linux, mobile false)',
    ];
  if (p.automated && p.timezone !== 'UTC')
    return ['timezone', 'an automated client runs on UTC, as a data centre does'];
  if (p.mobile && !android)
    return ['mobile', `a phone runs Android (Chrome on iOS is WebKit, which Chromium cannot be); os is ${p.os}`];
  if (android && (p.architecture !== '' || p.bitness !== ''))
    return [p.architecture !== '' ? 'architecture' : 'bitness', 'Chrome on Android reports none: leave it empty ("")'];
  if (!android && p.architecture === '') return ['architecture', `Chrome on ${p.os} reports x86 or arm`];
  if (!android && p.bitness === '') return ['bitness', `Chrome on ${p.os} reports 64 or 32`];
  if (!android && p.model !== '') return ['model', 'only Chrome on Android reports a device model'];
  if (android && p.model === '') return ['model', 'Chrome on Android reports the device model (e.g. Pixel 7)'];
  if (p.mobile && p.touchPoints === 0) return ['touchPoints', 'a phone has a touch screen (5 is usual)'];
  if (android !== (p.network.type !== ''))
    return [
      'network.type',
      android
        ? 'Chrome on Android reports the connection type (wifi, cellular, ...)'
        : 'only Chrome on Android reports a connection type: leave it empty ("")',
    ];
  const s = p.screen;
  if (s.availWidth > s.width)
    return ['screen.availWidth', `must be at most screen.width (${s.width}), got ${s.availWidth}`];
  if (s.availHeight > s.height)
    return ['screen.availHeight', `must be at most screen.height (${s.height}), got ${s.availHeight}`];
  const [maxW, maxH] = p.mobile ? [s.width, s.height] : [s.availWidth, s.availHeight];
  if (p.window.width > maxW)
    return [
      'window.width',
      `must fit the ${p.mobile ? 'screen' : 'available screen'} (${maxW}), got ${p.window.width}`,
    ];
  if (p.window.height > maxH)
    return [
      'window.height',
      `must fit the ${p.mobile ? 'screen' : 'available screen'} (${maxH}), got ${p.window.height}`,
    ];
  if (!p.mobile && p.window.height < DESKTOP_TOOLBAR_HEIGHT + 200)
    return [
      'window.height',
      `a desktop window is at least ${DESKTOP_TOOLBAR_HEIGHT + 200} (its toolbars take ${DESKTOP_TOOLBAR_HEIGHT}), got ${p.window.height}`,
    ];
  for (const [i, tag] of p.languages.entries())
    if (!isLanguageTag(tag)) return [`languages[${i}]`, `not a BCP 47 language tag: "${tag}"`];
  if (new Set(p.languages).size !== p.languages.length) return ['languages', 'lists a language twice'];
  // As Chrome does: its own language stays in every list (full Chromium adds it where it is missing).
  const enUs = p.languages.indexOf('en-US');
  if (enUs < 0 || p.languages.indexOf('en') < enUs)
    return [
      'languages',
      `Chrome always lists en-US and then en (full Chromium adds them); got ${p.languages.join(', ')}`,
    ];
  if (!isLanguageTag(p.locale)) return ['locale', `not a BCP 47 language tag: "${p.locale}"`];
  if (!isTimeZone(p.timezone)) return ['timezone', `not an IANA time zone: "${p.timezone}"`];
  for (const [i, v] of p.voices.entries())
    if (!isLanguageTag(v.lang)) return [`voices[${i}].lang`, `not a BCP 47 language tag: "${v.lang}"`];
  if (p.voices.filter((v) => v.default).length > 1) return ['voices', 'more than one voice is the default'];
  return undefined;
}

/** The built-in profiles and an operator's own, by name. */
export class ProfileCatalog {
  private readonly byName: ReadonlyMap<string, NamedProfile>;

  constructor(profiles: readonly NamedProfile[]) {
    this.byName = new Map(profiles.map((p) => [p.name, p]));
  }

  /** The built-in profiles plus these (one of the same name replaces the built-in). */
  static with(own: readonly NamedProfile[] = []): ProfileCatalog {
    return new ProfileCatalog([...BUILTIN_PROFILES.filter((b) => !own.some((o) => o.name === b.name)), ...own]);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): NamedProfile {
    const p = this.byName.get(name);
    if (!p) throw new Error(`unknown profile "${name.slice(0, 64)}"; known profiles: ${this.names.join(', ')}`);
    return p;
  }
}

/** An operator's profile file (YAML or JSON), every profile checked; `extends` may name a built-in. */
export function loadProfileFile(file: string): NamedProfile[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(
      file,
      undefined,
      undefined,
      `cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseProfiles(text, file, new Map(BUILTIN_PROFILES.map((p) => [p.name, p])));
}

function builtinFile(): string {
  // From source (vitest) the file sits beside this module; from dist/ it stays in the source tree.
  const candidates = [
    fileURLToPath(new URL('./builtin-profiles.yaml', import.meta.url)),
    fileURLToPath(new URL('../../../crawler/identity/builtin-profiles.yaml', import.meta.url)),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found)
    throw new Error(
      `built-in profiles not found (looked for ${candidates.map((c) => path.relative(process.cwd(), c)).join(', ')})`,
    );
  return found;
}

const BUILTIN_FILE = builtinFile();
export const BUILTIN_PROFILES: readonly NamedProfile[] = parseProfiles(
  readFileSync(BUILTIN_FILE, 'utf8'),
  'builtin-profiles.yaml',
);
export const BUILTIN_PROFILE_NAMES: readonly string[] = BUILTIN_PROFILES.map((p) => p.name);

/** Base fields with `own` on top: objects merged field by field, anything else replaced. */
function mergeFields(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(own)) {
    const b = out[k];
    out[k] = isPlainObject(v) && isPlainObject(b) ? { ...b, ...v } : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false; // RangeError: not a well-formed tag
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false; // RangeError: no such time zone
  }
}

/** The field an Ajv error is about, as a dotted path (a missing or extra field names itself). */
function fieldOf(e: ErrorObject): string | undefined {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : p));
  const extra =
    e.keyword === 'required'
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty: string }).additionalProperty
        : undefined;
  if (extra) parts.push(extra);
  return parts.length ? parts.join('.').replace(/\.\[/g, '[') : undefined;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'required') return 'missing';
  if (e.keyword === 'additionalProperties') return 'not a profile field';
  const what =
    e.keyword === 'enum'
      ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
      : (e.message ?? 'invalid');
  return `${what}, got ${JSON.stringify(e.data)?.slice(0, 80)}`;
}
