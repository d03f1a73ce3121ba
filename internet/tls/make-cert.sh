#!/bin/sh
# Makes the TEST-ONLY self-signed certificate of the vucrawl test internet.
# The key is public on purpose: it protects nothing and must never be trusted anywhere.
# It was run once; run it again only when hosts change:
#   npx tsc -p tsconfig.json && node dist/internet/main.js --hosts > internet/tls/hosts.txt
#   sh internet/tls/make-cert.sh
# The certificate names every host in hosts.txt (subjectAltName) and is valid for 100 years.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
san=$(grep -v '^[[:space:]]*$' "$dir/hosts.txt" | sed 's/^/DNS:/' | paste -sd, -)
openssl req -x509 -new -nodes \
  -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -keyout "$dir/test-only-key.pem" -out "$dir/test-only-cert.pem" \
  -days 36525 -sha256 \
  -subj "/O=vucrawl test internet (TEST ONLY)/CN=vucrawl test internet TEST-ONLY certificate" \
  -addext "subjectAltName=$san" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth"
echo "wrote $dir/test-only-cert.pem and $dir/test-only-key.pem for $(grep -c . "$dir/hosts.txt") hosts"
