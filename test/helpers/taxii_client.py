"""What a TAXII 2.1 platform does with vucrawl serve, through OASIS's own client (taxii2-client).

Usage: taxii_client.py poll URL KEY OUTDIR PER_PAGE [ADDED_AFTER]
         discovery, the API root, every collection, and each collection's objects and manifest
         page by page (as_pages with PER_PAGE a request), since ADDED_AFTER if given; writes each
         collection's objects as a bundle OUTDIR/<alias>.json for stix2-validator, and prints JSON.
       taxii_client.py sentinel API_ROOT COLLECTION_ID USER KEY [ADDED_AFTER]
         what Microsoft Sentinel's TAXII connector does: the API root without discovery, one
         collection by id, its objects since ADDED_AFTER (all when absent) page by page; prints
         the indicator objects it would import and the last date_added (the next poll's start).
       taxii_client.py unauthorized URL
         discovery without a key: prints the HTTP status the client got.
The key goes as HTTP Basic's password (the user name is not looked at), as platforms send it.
"""

import json
import os
import sys

import requests
from taxii2client.v21 import ApiRoot, Collection, Server, as_pages


def poll(url, key, outdir, per_page, added_after=None):
    server = Server(url, user="taxii-client", password=key)
    root = server.default
    out = {
        "title": server.title,
        "api_roots": [r.url for r in server.api_roots],
        "default": root.url,
        "root": {"title": root.title, "versions": root.versions, "max_content_length": root.max_content_length},
        "collections": [],
    }
    filters = {"added_after": added_after} if added_after else {}
    for c in root.collections:
        pages = list(as_pages(c.get_objects, per_request=per_page, **filters))
        objects = [o for p in pages for o in p.get("objects", [])]
        manifest = [r for p in as_pages(c.get_manifest, per_request=per_page, **filters) for r in p.get("objects", [])]
        with open(os.path.join(outdir, f"{c.alias}.json"), "w") as f:
            json.dump({"type": "bundle", "id": "bundle--" + c.id, "objects": objects}, f)
        out["collections"].append(
            {
                "id": c.id,
                "title": c.title,
                "alias": c.alias,
                "can_read": c.can_read,
                "can_write": c.can_write,
                "media_types": c.media_types,
                "pages": len(pages),
                "ids": [o["id"] for o in objects],
                "types": sorted({o["type"] for o in objects}),
                "manifest": manifest,
            }
        )
    return out


def sentinel(api_root, collection_id, user, key, added_after=None):
    root = ApiRoot(api_root, user=user, password=key)
    collection = Collection(f"{root.url}collections/{collection_id}/", user=user, password=key)
    # The connector starts its next poll after the last object it got: the page's header says when.
    last = [added_after]
    collection._conn.session.hooks["response"].append(
        lambda r, *a, **k: last.append(r.headers.get("X-TAXII-Date-Added-Last") or last[-1])
    )
    filters = {"added_after": added_after} if added_after else {}
    indicators = []
    for page in as_pages(collection.get_objects, per_request=100, **filters):
        indicators += [o for o in page.get("objects", []) if o["type"] == "indicator"]
    return {"api_root_versions": root.versions, "title": collection.title, "indicators": indicators, "last": last[-1]}


def unauthorized(url):
    try:
        Server(url).title
    except requests.HTTPError as e:
        return {"status": e.response.status_code, "body": e.response.json()}
    return {"status": 200}


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "poll":
        result = poll(args[0], args[1], args[2], int(args[3]), args[4] if len(args) > 4 else None)
    elif cmd == "sentinel":
        result = sentinel(*args)
    else:
        result = unauthorized(args[0])
    print(json.dumps(result))
