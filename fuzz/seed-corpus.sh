#!/usr/bin/env bash
# Seeds each target's corpus from the golden cases, the examples and the Tees ruleset.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/request_bytes corpus/batch_lines corpus/ruleset corpus/request_structured
for f in ../tests/golden/*.json; do
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); r=c["request"]; sys.stdout.write(r if isinstance(r,str) else json.dumps(r))' "$f" > "corpus/request_bytes/$(basename "$f")"
done
cp ../seeds/examples/*.json corpus/request_bytes/
cat corpus/request_bytes/*.json | tr -d '\n' | sed 's/}{/}\n{/g' > corpus/batch_lines/golden.jsonl
cp ../seeds/tees-hoth.ruleset.json corpus/ruleset/
mkdir -p corpus/json && cp corpus/request_bytes/*.json ../seeds/*.json corpus/json/
mkdir -p corpus/triage && cp corpus/request_bytes/*.json corpus/triage/
mkdir -p corpus/lint && printf "She keeps putting herself at risk and chose to go with her older boyfriend." > corpus/lint/seed.txt && cp ../README.md corpus/lint/
