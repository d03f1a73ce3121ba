"""Reads a vucrawl export back with the standards' own Python packages (test/exchange.test.ts).

  exchange_check.py stix BUNDLE  -> JSON: host pairs, trackers, alerts as the stix2 package
                                    parsed them, and SCO ids as stix2 computes them
  exchange_check.py misp EVENT   -> JSON: what pymisp loaded, and every warning it logged
"""
import json
import logging
import sys
import warnings


def stix(path):
    import stix2

    with open(path, encoding="utf-8") as f:
        bundle = stix2.parse(f.read(), allow_custom=True)
    by_id = {o.id: o for o in bundle.objects}
    ext_id = next(o.id for o in bundle.objects if o.type == "extension-definition")

    def ext(o):
        e = o.get("extensions", {}).get(ext_id)
        return dict(e) if e is not None else None

    def ts(t):
        return stix2.utils.format_datetime(stix2.utils.parse_into_datetime(t, precision="millisecond"))

    out = {"host_pairs": [], "trackers": [], "alerts": [], "sco_ids": [], "types": {}}
    for o in bundle.objects:
        out["types"][o.type] = out["types"].get(o.type, 0) + 1
        e = ext(o)
        if o.type == "relationship" and e and e["fact"] == "host_pair":
            out["host_pairs"].append(
                {
                    "parent_host": by_id[o.source_ref].value,
                    "child_host": by_id[o.target_ref].value,
                    "cause": e["cause"],
                    "relationship_type": o.relationship_type,
                    "first_seen": ts(e["first_seen"]),
                    "last_seen": ts(e["last_seen"]),
                    "capture_id": e["capture_id"],
                    "labels": list(o.get("labels", [])),
                }
            )
        if o.type in ("domain-name", "ipv4-addr", "ipv6-addr") and e:
            for t in e.get("trackers", []):
                out["trackers"].append(
                    {"host": o.value, "type": t["type"], "value": t["value"], "first_seen": ts(t["first_seen"]), "last_seen": ts(t["last_seen"])}
                )
        if o.type == "indicator" and e and e["fact"] == "alert":
            sightings = [s for s in bundle.objects if s.type == "sighting" and s.sighting_of_ref == o.id]
            out["alerts"].append(
                {
                    "key": e["alert"]["key"],
                    "rule": e["alert"]["rule"],
                    "subject": e["alert"]["subject"],
                    "pattern": o.pattern,
                    "first_seen": ts(e["first_seen"]),
                    "valid_from": ts(o.valid_from),
                    "sighted": [ts(s.first_seen) for s in sightings],
                    "labels": list(o.get("labels", [])),
                }
            )
        # The id stix2 itself derives for the same observable (STIX 2.1 section 2.9).
        recompute = {
            "domain-name": lambda o: stix2.DomainName(value=o.value),
            "ipv4-addr": lambda o: stix2.IPv4Address(value=o.value),
            "ipv6-addr": lambda o: stix2.IPv6Address(value=o.value),
            "url": lambda o: stix2.URL(value=o.value),
            "file": lambda o: stix2.File(hashes=dict(o.hashes)),
            "x509-certificate": lambda o: stix2.X509Certificate(hashes=dict(o.hashes)),
        }.get(o.type)
        if recompute:
            out["sco_ids"].append([o.id, recompute(o).id])
    return out


def misp(path):
    from pymisp import MISPEvent

    logged = []

    class Keep(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                logged.append(record.getMessage())

    logging.getLogger().addHandler(Keep())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        event = MISPEvent()
        with open(path, encoding="utf-8") as f:
            event.load(f.read())
        event.to_json()
    return {
        "uuid": event.uuid,
        "info": event.info,
        "tags": sorted(t.name for t in event.tags),
        "objects": sorted({o.name for o in event.objects}),
        "object_count": len(event.objects),
        "references": sorted(
            [o.name, r.relationship_type] for o in event.objects for r in o.references
        ),
        "attributes": [[a.type, a.value, [t.name for t in a.tags]] for a in event.attributes],
        "warnings": logged + [str(w.message) for w in caught],
    }


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(stix(path) if kind == "stix" else misp(path), sort_keys=True))
