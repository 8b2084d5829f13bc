// The committed schemas compile with Ajv2020({strict: true}) (contract §7), the example
// requests validate, and a few contract violations are rejected.
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let passed = 0, failed = 0;
const check = (name, ok, detail = "") => {
  if (ok) passed++; else { failed++; console.error(`FAIL ${name} ${detail}`); }
};
const load = (p) => JSON.parse(readFileSync(join(root, p), "utf8"));

const validators = {};
for (const name of ["request", "outcome", "errors", "ruleset"]) {
  try {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    validators[name] = ajv.compile(load(`schemas/${name}.schema.json`));
    check(`${name} compiles in strict mode`, true);
  } catch (e) {
    check(`${name} compiles in strict mode`, false, String(e));
  }
}
if (validators.request) {
  for (const f of readdirSync(join(root, "seeds/examples")).filter((f) => f.endsWith(".json"))) {
    const ok = validators.request(load(`seeds/examples/${f}`));
    check(`example ${f} validates`, ok, JSON.stringify(validators.request.errors));
  }
  const bad = { local_authority: "durham", child: { age_years: 31 }, immediate_danger: "maybe", crime_suspected: "no", disclosure: "no", indicators: { missing_overnite: "yes" } };
  check("a bad request is rejected", !validators.request(bad));
}
if (validators.ruleset) check("the Tees ruleset validates", validators.ruleset(load("seeds/tees-hoth.ruleset.json")), JSON.stringify(validators.ruleset.errors));
// The public tools encoded as rulesets (issue 17) validate too, with their new condition forms.
if (validators.ruleset) {
  for (const f of readdirSync(join(root, "seeds/rulesets")).filter((f) => f.endsWith(".ruleset.json"))) {
    check(`ruleset ${f} validates`, validators.ruleset(load(`seeds/rulesets/${f}`)), JSON.stringify(validators.ruleset.errors));
  }
}
console.log(`ajv: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
