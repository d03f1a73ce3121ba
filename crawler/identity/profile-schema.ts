// What a virtual-user profile says, as a JSON Schema, and the type derived from it: one
// person's browser, field by field. The browser's own name and version are not fields: a
// profile is always Chrome, at the version of the engine that runs it (identity.ts derives
// the user agent, client hints and navigator.platform from `os`), so that no profile can
// claim what Chromium cannot honestly be. The file format (profiles.ts) is a map from
// profile name to one of these, where `extends` takes a base profile's fields.
import type { FromSchema } from 'json-schema-to-ts';

export const OS_NAMES = ['windows', 'macos', 'linux', 'android'] as const;
export type OsName = (typeof OS_NAMES)[number];

const int = (minimum: number, maximum: number, description: string) =>
  ({ type: 'integer', minimum, maximum, description }) as const;
const text = (maxLength: number, description: string) =>
  ({ type: 'string', minLength: 1, maxLength, description }) as const;
const object = <const P extends Record<string, object>>(properties: P, description: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties) as (keyof P & string)[],
    properties,
    description,
  }) as const;

const VOICE = object(
  {
    name: text(200, 'SpeechSynthesisVoice.name (also its voiceURI).'),
    lang: text(35, 'BCP 47 language tag of the voice.'),
    localService: {
      type: 'boolean',
      description: 'true for a voice of the operating system, false for a network voice.',
    },
    default: { type: 'boolean', description: 'The system default voice (at most one).' },
  },
  'One speech-synthesis voice.',
);

export const PROFILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'description',
    'os',
    'osVersion',
    'architecture',
    'bitness',
    'mobile',
    'model',
    'screen',
    'window',
    'devicePixelRatio',
    'touchPoints',
    'hardwareConcurrency',
    'deviceMemory',
    'webgl',
    'languages',
    'locale',
    'timezone',
    'voices',
    'network',
  ],
  properties: {
    description: text(300, 'What this virtual user is, for people.'),
    automated: {
      type: 'boolean',
      description:
        'A scanner, not a person: the engine as it is (the automation flag on, its own headless user agent and client hints, no identity in the page), no referrer, UTC; the other fields are what that engine says (os linux). Comparison crawls set one against a victim.',
    },
    os: {
      type: 'string',
      enum: OS_NAMES,
      description:
        'Operating system: sets the user agent, navigator.platform, client-hint platform, plugins and window.chrome.',
    },
    osVersion: {
      type: 'string',
      pattern: '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$',
      description:
        'Sec-CH-UA-Platform-Version, three numbers (Windows 10 is 10.0.0, Windows 11 13.0.0 and later, Android 14 is 14.0.0).',
    },
    architecture: {
      type: 'string',
      enum: ['x86', 'arm', ''],
      description: 'Sec-CH-UA-Arch: x86 or arm; empty on Android.',
    },
    bitness: { type: 'string', enum: ['64', '32', ''], description: 'Sec-CH-UA-Bitness; empty on Android.' },
    mobile: {
      type: 'boolean',
      description: 'A phone (Sec-CH-UA-Mobile ?1, "Mobile" in the user agent, mobile viewport).',
    },
    model: {
      type: 'string',
      maxLength: 100,
      description: 'Sec-CH-UA-Model: the device model on Android (e.g. Pixel 7), empty elsewhere.',
    },
    screen: object(
      {
        width: int(320, 8192, 'screen.width in CSS pixels.'),
        height: int(320, 8192, 'screen.height in CSS pixels.'),
        availWidth: int(1, 8192, 'screen.availWidth: the width without the taskbar or dock.'),
        availHeight: int(1, 8192, 'screen.availHeight: the height without the taskbar or dock.'),
        colorDepth: { type: 'integer', enum: [24, 30, 32], description: 'screen.colorDepth.' },
      },
      'The screen.',
    ),
    window: object(
      {
        width: int(200, 8192, 'window.outerWidth: the browser window (on a phone, the visible viewport).'),
        height: int(200, 8192, "window.outerHeight; on a desktop the page gets this minus the browser's toolbars."),
      },
      'The browser window.',
    ),
    devicePixelRatio: { type: 'number', exclusiveMinimum: 0, maximum: 5, description: 'window.devicePixelRatio.' },
    touchPoints: int(
      0,
      10,
      'navigator.maxTouchPoints (0: mouse, fine pointer, hover; more: touch screen, coarse pointer).',
    ),
    hardwareConcurrency: int(1, 256, 'navigator.hardwareConcurrency.'),
    deviceMemory: {
      type: 'number',
      enum: [0.25, 0.5, 1, 2, 4, 8, 16, 32],
      description: 'navigator.deviceMemory in GiB, as Chrome rounds it.',
    },
    webgl: object(
      {
        vendor: text(200, 'UNMASKED_VENDOR_WEBGL, e.g. Google Inc. (Intel).'),
        renderer: text(300, 'UNMASKED_RENDERER_WEBGL, e.g. ANGLE (Intel, Intel(R) UHD Graphics 630 ... D3D11).'),
      },
      'The graphics card as WebGL names it.',
    ),
    languages: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: text(35, 'A BCP 47 language tag.'),
      description:
        'navigator.languages, most preferred first; Accept-Language is made from it with q-weights, as Chrome makes it.',
    },
    locale: text(35, "The browser's own language: Intl's default locale (BCP 47)."),
    timezone: text(64, 'IANA time zone, e.g. Europe/Berlin.'),
    geolocation: object(
      {
        latitude: { type: 'number', minimum: -90, maximum: 90, description: 'Degrees.' },
        longitude: { type: 'number', minimum: -180, maximum: 180, description: 'Degrees.' },
      },
      'Where the device says it is, once the page is allowed to ask (a first visit is not: the permission is "prompt").',
    ),
    voices: { type: 'array', maxItems: 200, items: VOICE, description: 'speechSynthesis.getVoices(), in order.' },
    network: object(
      {
        effectiveType: {
          type: 'string',
          enum: ['slow-2g', '2g', '3g', '4g'],
          description: 'navigator.connection.effectiveType.',
        },
        rtt: {
          type: 'integer',
          minimum: 0,
          maximum: 3000,
          multipleOf: 25,
          description: 'navigator.connection.rtt in ms (Chrome rounds it to 25 ms), used where the engine reports 0.',
        },
        type: {
          type: 'string',
          enum: ['wifi', 'cellular', 'ethernet', 'none', 'unknown', ''],
          description: 'navigator.connection.type, which only Chrome on Android has; empty elsewhere.',
        },
      },
      'The network connection as navigator.connection reports it.',
    ),
  },
} as const;

export type Profile = FromSchema<typeof PROFILE_SCHEMA>;
export type Voice = Profile['voices'][number];
