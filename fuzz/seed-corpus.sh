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
cp ../seeds/tees-hoth.ruleset.json ../seeds/rulesets/*.ruleset.json corpus/ruleset/
# The Tees ruleset with one more rule using every condition form (issue 17), so mutations
# start from each form's shape, valid and refused ones alike.
python3 - > corpus/ruleset/every-condition-form.json <<'PY'
import json
r = json.load(open("../seeds/tees-hoth.ruleset.json"))
r["questions"].append({"field": "/child/education", "title": "Where is the child in education?", "source": "fuzz seed", "provenance": "reconstructed"})
forms = [{"indicator": {"ids": ["missing_overnight"], "at_least": "not_known"}},
         {"count_yes": {"at_least": 2, "category": "harm", "section": "missing", "harm_type": "missing", "min_weight": 2}},
         {"section_score": {"section": "health", "at_least": 4}}, {"score_at_least": 9}, {"harm_type": "radicalisation"},
         {"education_in": ["excluded", "not_in_education"]}, {"child_context": {"fields": ["send"], "at_least": "yes"}},
         {"any_indicator_yes": {"section": "online", "harm_type": "online_harm"}}]
r["rules"].insert(0, {"id": "F", "title": "Every form", "source": "fuzz seed", "provenance": "reconstructed",
                      "clauses": [{"when": {"any": forms}, "then": {"concern_at_least": "low"}},
                                  {"when": {"all": forms}, "then": {"raise_concern_steps": 1}}]})
print(json.dumps(r))
PY
mkdir -p corpus/json && cp corpus/request_bytes/*.json ../seeds/*.json corpus/json/
mkdir -p corpus/triage && cp corpus/request_bytes/*.json corpus/triage/
mkdir -p corpus/lint && printf "She keeps putting herself at risk and chose to go with her older boyfriend." > corpus/lint/seed.txt && cp ../README.md corpus/lint/
