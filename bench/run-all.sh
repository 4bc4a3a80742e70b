#!/usr/bin/env bash
# `npm run bench`: every benchmark in turn (each prints its figures; see bench/RESULTS.md for the recorded ones).
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in identity token-verify token-issue register-load generate-load register-xml audit-append \
  register-search register-uttrekk feed-catchup register-api gateway; do
  echo "== bench/$bench.bench.ts"
  node --conditions=folkeport-source --import tsx "bench/$bench.bench.ts"
done
