# Independent reference for the corpus host pairs: Python's html.parser, not the extractor's code.
# Run from test/corpus: python3 reference_pairs.py > pairs.json (then merged into expected.json "pairs").
import json, re, sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
RELS = {'stylesheet':'link.stylesheet','preload':'link.preload','modulepreload':'link.modulepreload','prefetch':'link.prefetch','dns-prefetch':'link.dns-prefetch','preconnect':'link.preconnect','icon':'link.icon','apple-touch-icon':'link.apple-touch-icon','apple-touch-icon-precomposed':'link.apple-touch-icon','manifest':'link.manifest','apple-touch-startup-image':'link.apple-touch-startup-image','mask-icon':'link.mask-icon','prerender':'link.prerender','license':'link.license','me':'link.me','webmention':'link.webmention','hub':'link.hub','previous':'link.prev','canonical':'link.canonical','amphtml':'link.amphtml','alternate':'link.alternate','search':'link.search','author':'link.author','publisher':'link.publisher','pingback':'link.pingback','edituri':'link.edituri','wlwmanifest':'link.wlwmanifest','shortlink':'link.shortlink','image_src':'link.image_src','next':'link.next','prev':'link.prev'}
ORDER = list(RELS)
class P(HTMLParser):
    def __init__(s, url):
        super().__init__(convert_charrefs=True); s.url=url; s.base=None; s.refs=[]
    def handle_starttag(s, tag, attrs):
        a = {k.lower(): (v or '') for k, v in attrs}
        if tag == 'base' and 'href' in a and s.base is None: s.base = urljoin(s.url, a['href'].strip())
        rule = {'a':[('href','a.href')],'area':[('href','a.href')],'form':[('action','form.action')],'script':[('src','script.src')],'img':[('src','img.src')],'iframe':[('src','iframe.src')]}.get(tag, [])
        if tag == 'link':
            toks = a.get('rel','').lower().split()
            cause = next((RELS[r] for r in ORDER if r in toks), 'link.href')
            rule = [('href', cause)]
        for attr, cause in rule:
            v = a.get(attr, '').strip()
            if not v: continue
            if v.lower().startswith('javascript:'):
                for m in re.finditer(r'(["\'])((?:https?:)?//[^"\'\s\\<>]+)\1', v): s.refs.append((cause, m.group(2)))
                continue
            s.refs.append((cause, v))
def whatwg_host(h):
    # The URL Standard's IPv4 parser: a host of numbers ("10000", "0x7f.1") is an address (10000 -> 0.0.39.16).
    parts = h.split('.')
    if parts[-1] == '': parts = parts[:-1]
    if not parts or len(parts) > 4 or not re.fullmatch(r'(0[xX][0-9a-fA-F]*|[0-9]+)', parts[-1]): return h
    nums = []
    for p in parts:
        if re.fullmatch(r'0[xX][0-9a-fA-F]*', p): nums.append(int(p[2:] or '0', 16))
        elif re.fullmatch(r'0[0-7]+', p): nums.append(int(p, 8))
        elif re.fullmatch(r'[0-9]+', p): nums.append(int(p))
        else: return h
    n = nums[-1] + sum(v << (8 * (3 - i)) for i, v in enumerate(nums[:-1]))
    return '.'.join(str((n >> s) & 255) for s in (24, 16, 8, 0))
def pairs(html, url):
    p = P(url); p.feed(html)
    base = p.base or url
    page_host = urlsplit(url).hostname
    out = set()
    for cause, v in p.refs:
        try:
            u = urlsplit(urljoin(base, v))
        except ValueError:
            continue
        host = u.hostname and whatwg_host(u.hostname)
        if u.scheme in ('http','https') and host and host != page_host: out.add(f'{cause} {host}')
    return sorted(out)
m = json.load(open('manifest.json'))
print(json.dumps({e['file']: pairs(open('pages/'+e['file'], encoding='utf8', errors='replace').read(), e['url']) for e in m}, indent=1))
