#!/bin/sh
# The standards' own Python tools that test/exchange.test.ts checks exports with: OASIS's STIX
# validator, the stix2 package and MISP's pymisp; and OASIS's TAXII client that test/taxii.test.ts
# polls vucrawl serve with. Pinned, in .venv-validate (outside git).
# Made once; `npm test` runs this first, so the whole suite always has them.
set -e
cd "$(dirname "$0")/.."
VERSIONS="stix2-validator==3.3.2 stix2==3.0.2 pymisp==2.5.34.4 taxii2-client==2.3.0"
if [ -f .venv-validate/installed ] && [ "$(cat .venv-validate/installed)" = "$VERSIONS" ]; then exit 0; fi
python3 -m venv .venv-validate
.venv-validate/bin/pip install --quiet --disable-pip-version-check $VERSIONS
echo "$VERSIONS" > .venv-validate/installed
