#!/usr/bin/env python3
"""Splunk external lookup over the vucrawl enrichment API (Python 3 standard library only).

Splunk runs it with the lookup's field names as arguments, writes the events' values as
CSV on stdin (a header row, then one row per value to look up) and reads the same CSV back
with the other fields filled in. The first field is the indicator; every other field is
filled from GET /api/v1/indicator/{value} (the fields below). Rows without an indicator,
and indicators vucrawl knows nothing about, come back with those fields empty.

transforms.conf:
    [vucrawl]
    external_cmd = splunk-lookup.py indicator kind related_hosts relations first_seen last_seen evidence_url
    fields_list = indicator, kind, related_hosts, relations, first_seen, last_seen, evidence_url

search:
    ... | lookup vucrawl indicator AS dest_host OUTPUT kind related_hosts first_seen

Settings, from the environment of splunkd: VUCRAWL_URL (default http://127.0.0.1:8181)
and VUCRAWL_API_KEY (a read key of the server's --api-keys file; none for a server on
loopback without one), VUCRAWL_TIMEOUT (seconds, default 10).
"""
import csv
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

URL = os.environ.get("VUCRAWL_URL", "http://127.0.0.1:8181").rstrip("/")
KEY = os.environ.get("VUCRAWL_API_KEY")
TIMEOUT = float(os.environ.get("VUCRAWL_TIMEOUT", "10"))


def report(value):
    """The indicator document, or None when the server does not know the value."""
    request = urllib.request.Request(f"{URL}/api/v1/indicator/{urllib.parse.quote(value, safe='')}?limit=50")
    if KEY:
        request.add_header("Authorization", f"Bearer {KEY}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as e:
        # 400: not something vucrawl can look up. Anything else is worth a line in splunkd.log.
        if e.code != 400:
            print(f"vucrawl lookup of {value!r}: HTTP {e.code}", file=sys.stderr)
        return None


def fields_of(doc):
    """What one document contributes to each output field (multivalue fields as one line each)."""
    hosts = doc["hosts"]
    return {
        "kind": doc["kind"],
        "related_hosts": "\n".join(sorted({h["host"] for h in hosts})),
        "relations": "\n".join(f'{h["host"]} {h["relation"]}' + (f' ({h["direction"]})' if h["direction"] else "") for h in hosts),
        "first_seen": doc["first_seen"] or "",
        "last_seen": doc["last_seen"] or "",
        "evidence_url": hosts[0]["evidence_url"] if hosts else "",
    }


def main(fields):
    if not fields:
        sys.exit("usage: splunk-lookup.py INDICATOR_FIELD [OUTPUT_FIELD...]")
    indicator = fields[0]
    reader = csv.DictReader(sys.stdin)
    writer = csv.DictWriter(sys.stdout, fieldnames=reader.fieldnames or fields)
    writer.writeheader()
    cache = {}
    for row in reader:
        value = (row.get(indicator) or "").strip()
        if value:
            if value not in cache:
                doc = report(value)
                cache[value] = fields_of(doc) if doc else {}
            for name, filled in cache[value].items():
                if name in row:
                    row[name] = filled
        writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1:])
