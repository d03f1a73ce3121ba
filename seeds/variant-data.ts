// The facts the domain-variant fuzzers work from: keyboard neighbours, look-alike glyphs
// (per registry, since a registry only registers the IDN characters it allows), the Latin
// to Cyrillic look-alikes. The figures are dnstwist's (20250130), so that the variants are
// the ones dnstwist users know; seeds/variants.ts holds the rules that use them.

/** For each key, the keys around it; dnstwist tries every layout for every character. */
export const KEYBOARDS: readonly Readonly<Record<string, string>>[] = [
  { // qwerty
    1: '2q', 2: '3wq1', 3: '4ew2', 4: '5re3', 5: '6tr4', 6: '7yt5', 7: '8uy6', 8: '9iu7', 9: '0oi8', 0: 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsz', s: 'edxzaw', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'ikmnhu', k: 'olmji', l: 'kop',
    z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  { // qwertz
    1: '2q', 2: '3wq1', 3: '4ew2', 4: '5re3', 5: '6tr4', 6: '7zt5', 7: '8uz6', 8: '9iu7', 9: '0oi8', 0: 'po9',
    q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6zgfr5', z: '7uhgt6', u: '8ijhz7', i: '9okju8', o: '0plki9', p: 'lo0',
    a: 'qwsy', s: 'edxyaw', d: 'rfcxse', f: 'tgvcdr', g: 'zhbvft', h: 'ujnbgz', j: 'ikmnhu', k: 'olmji', l: 'kop',
    y: 'asx', x: 'ysdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
  },
  { // azerty
    1: '2a', 2: '3za1', 3: '4ez2', 4: '5re3', 5: '6tr4', 6: '7yt5', 7: '8uy6', 8: '9iu7', 9: '0oi8', 0: 'po9',
    a: '2zq1', z: '3esqa2', e: '4rdsz3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0m',
    q: 'zswa', s: 'edxwqz', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'iknhu', k: 'olji', l: 'kopm', m: 'lp',
    w: 'sxq', x: 'wsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhj',
  },
];

export const VOWELS = 'aeiou';

/** What a DNS label may hold: a flipped bit that lands elsewhere cannot be registered. */
export const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** What `addition` appends. */
export const ADDED_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Look-alikes in ASCII, for every registry; a key or value may be two characters (rn/m). */
export const ASCII_GLYPHS: Readonly<Record<string, readonly string[]>> = {
  0: ['o'], 1: ['l', 'i'], 3: ['8'], 6: ['9'], 8: ['3'], 9: ['6'],
  b: ['d', 'lb'], c: ['e'], d: ['b', 'cl', 'dl'], e: ['c'], g: ['q'], h: ['lh'], i: ['1', 'l'], k: ['lc'], l: ['1', 'i'],
  m: ['n', 'nn', 'rn'], n: ['m', 'r'], o: ['0'], q: ['g'], u: ['v'], v: ['u'], w: ['vv'], rn: ['m'], cl: ['d'],
};

/** Unicode look-alikes, each character of a value one glyph: a key's glyphs under suffixes whose registry says nothing narrower. */
export const UNICODE_GLYPHS: Readonly<Record<string, string>> = {
  2: 'ƻ', 3: 'ʒ', 5: 'ƽ',
  a: 'ạăȧɑåąâǎáəäãāà', b: 'ḃḅƅʙḇɓ', c: 'čᴄċçćĉƈ', d: 'ďḍḋɖḏɗḓḑđ', e: 'êẹęèḛěɇėĕéëēȩ', f: 'ḟƒ', g: 'ǧġǵğɡǥĝģɢ',
  h: 'ȟḫḩḣɦḥḧħẖⱨĥ', i: 'ɩǐíɪỉȋɨïīĩịîıĭįì', j: 'ǰĵʝɉ', k: 'ĸǩⱪḵķᴋḳ', l: 'ĺłɫļľ', m: 'ᴍṁḿṃɱ', n: 'ņǹńňṅṉṇꞑñŋ',
  o: 'öóȯỏôᴏōòŏơőõọø', p: 'ṗƿƥṕ', q: 'ʠ', r: 'ʀȓɍɾřṛɽȑṙŗŕɼṟ', s: 'ṡșŝꜱʂšśṣş', t: 'ťƫţṭṫțŧ', u: 'ᴜųŭūűǔȕưùůʉúȗüûũụ',
  v: 'ᶌṿᴠⱴⱱṽ', w: 'ᴡẇẅẃẘẉⱳŵẁ', x: 'ẋẍ', y: 'ŷÿʏẏɏƴȳýỿỵ', z: 'žƶẓẕⱬᴢżźʐ', ae: 'æ', oe: 'œ',
};

/**
 * The IDN characters a registry accepts, by the exact public suffix (dnstwist looks up the
 * whole suffix: co.uk and uk are listed, org.uk is not and gets UNICODE_GLYPHS). An empty
 * table: that registry takes no IDN, only ASCII look-alikes are tried.
 */
export const REGISTRY_GLYPHS: readonly { suffixes: readonly string[]; glyphs: Readonly<Record<string, string>> }[] = [
  { suffixes: ['ad', 'cz', 'sk', 'uk', 'co.uk', 'nl', 'edu', 'us'], glyphs: {} },
  { suffixes: ['jp', 'co.jp', 'ad.jp', 'ne.jp'], glyphs: {} },
  { suffixes: ['cn', 'com.cn', 'tw', 'com.tw', 'net.tw'], glyphs: {} },
  { suffixes: ['info'], glyphs: { a: 'áäåą', c: 'ćč', e: 'éėę', i: 'íį', l: 'ł', n: 'ñń', o: 'óöøő', s: 'śš', u: 'úüūűų', z: 'źżž', ae: 'æ' } },
  { suffixes: ['br', 'com.br'], glyphs: { a: 'àáâã', c: 'ç', e: 'éê', i: 'í', o: 'óôõ', u: 'úü', y: 'ýÿ' } },
  { suffixes: ['dk'], glyphs: { a: 'äå', e: 'é', o: 'öø', u: 'ü', ae: 'æ' } },
  {
    suffixes: ['eu', 'de', 'pl'],
    glyphs: {
      a: 'áàăâåäãąā', c: 'ćĉčċç', d: 'ďđ', e: 'éèĕêěëėęē', g: 'ğĝġģ', h: 'ĥħ', i: 'íìĭîïĩįī', j: 'ĵ', k: 'ķĸ', l: 'ĺľļł',
      n: 'ńňñņ', o: 'óòŏôöőõøō', r: 'ŕřŗ', s: 'śŝšş', t: 'ťţŧ', u: 'úùŭûůüűũųū', w: 'ŵ', y: 'ýŷÿ', z: 'źžż', ae: 'æ', oe: 'œ',
    },
  },
  { suffixes: ['fi'], glyphs: { 3: 'ʒ', a: 'áäåâ', c: 'č', d: 'đ', g: 'ǧǥ', k: 'ǩ', n: 'ŋ', o: 'õö', s: 'š', t: 'ŧ', z: 'ž' } },
  { suffixes: ['no'], glyphs: { a: 'áàäå', c: 'čç', e: 'éèê', i: 'ï', n: 'ŋńñ', o: 'óòôöø', s: 'š', t: 'ŧ', u: 'ü', z: 'ž', ae: 'æ' } },
  {
    suffixes: ['be', 'fr', 're', 'yt', 'pm', 'wf', 'tf', 'ch', 'li'],
    glyphs: { a: 'àáâãäå', c: 'ç', e: 'èéêë', i: 'ìíîï', n: 'ñ', o: 'òóôõö', u: 'ùúûü', y: 'ýÿ', ae: 'æ', oe: 'œ' },
  },
  { suffixes: ['ca'], glyphs: { a: 'àâ', c: 'ç', e: 'èéêë', i: 'îï', o: 'ô', u: 'ùûü', y: 'ÿ', ae: 'æ', oe: 'œ' } },
];

/** Cyrillic letters drawn like Latin ones; a label with any other character has no all-Cyrillic twin. */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'ь', c: 'с', d: 'ԁ', e: 'е', g: 'ԍ', h: 'һ', i: 'і', j: 'ј', k: 'к', l: 'ӏ', m: 'м',
  o: 'о', p: 'р', q: 'ԛ', s: 'ѕ', t: 'т', v: 'ѵ', w: 'ԝ', x: 'х', y: 'у',
};
