// Golden cases replayed through the WASM module in node must give byte-identical output
// to the native engine (`hoth screen`), outcomes and error lists alike. Also checks the
// thrown-object error shape, the object API, ruleset loading, and that no panic escapes.
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const require = createRequire(import.meta.url);
const hoth = require(join(here, "..", "pkg-node", "hoth_wasm.js"));
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => { if (ok) passed++; else { failed++; console.error(`FAIL ${name}\n${detail}`); } };
// The ruleset ships beside the module (index.js reads it at init); node reads the same file.
try { hoth.screenJson("{}"); check("before a ruleset is read, screening throws", false); }
catch (e) { check("before a ruleset is read, screening throws", e.errors?.[0]?.message?.includes("no ruleset has been read yet")); }
hoth.setLanguageGuide(readFileSync(join(here, "..", "pkg-node", "language-guide.json"), "utf8"));
hoth.setTeesRuleset(readFileSync(join(here, "..", "pkg-node", "tees-hoth.ruleset.json"), "utf8"));

function nativeTriage(text) {
  return execFileSync(native, ["triage", "-"], { input: text }).toString().replace(/\n$/, "");
}
for (const t of ['{"immediate_danger":"yes"}', "{}", '{"local_authority":"hartlepool","child":{"age_years":20},"disclosure":"yes","x":[1]}']) {
  check(`triage byte-identical to native: ${t}`, hoth.triageJson(t) === nativeTriage(t));
}
// The SAFER summary (contract §9): the same bytes as the native CLI, text and HTML.
{
  const example = readFileSync(join(root, "seeds", "examples", "contract_example.json"), "utf8");
  const outcome = hoth.screenJson(example);
  for (const html of [false, true]) {
    const fromCli = execFileSync(native, html ? ["summary", "--html", "-"] : ["summary", "-"], { input: outcome }).toString();
    check(`summary byte-identical to native (html: ${html})`, hoth.summary(outcome, html) === fromCli);
  }
  check("summary has the five SAFER sections", ["S – Situation", "A – Assessment", "F – Family", "E – Expected response", "R – Recording"].every((h) => hoth.summary(outcome, false).includes(h)));
}
check("triage of an unfinished form puts 999 first", JSON.parse(hoth.triageJson('{"immediate_danger":"yes"}')).actions[0].id === "call_999");

function nativeScreen(text) {
  try {
    return execFileSync(native, ["screen", "-"], { input: text }).toString().replace(/\n$/, "");
  } catch (e) {
    if (e.status === 2) return e.stdout.toString().replace(/\n$/, "");
    throw e;
  }
}
function wasmScreen(text) {
  try { return hoth.screenJson(text); } catch (e) { return JSON.stringify(e); }
}

const goldenDir = join(root, "tests", "golden");
for (const f of readdirSync(goldenDir).filter((f) => f.endsWith(".json")).sort()) {
  const c = JSON.parse(readFileSync(join(goldenDir, f), "utf8"));
  const text = typeof c.request === "string" ? c.request : JSON.stringify(c.request);
  const a = wasmScreen(text), b = nativeScreen(text);
  check(`golden ${f} byte-identical`, a === b, `wasm:   ${a.slice(0, 300)}\nnative: ${b.slice(0, 300)}`);
}

// Errors are thrown as {errors: [...]}, never as a string or a crash.
try { hoth.screenJson('{"local_authority":"x"}'); check("bad request throws", false); }
catch (e) { check("thrown object carries the contract's errors", Array.isArray(e.errors) && e.errors.every((x) => x.pointer !== undefined && x.code && x.message), JSON.stringify(e)); }
for (const hostile of ["", "[".repeat(100000), "\u0000", '{"a":' + "1".repeat(70000) + "}", "\"\\ud800\""]) {
  try { hoth.screenJson(hostile); check("hostile input throws", false); }
  catch (e) { check(`hostile input (${hostile.length} chars) gives an error list`, Array.isArray(e.errors), String(e)); }
}

// The object API gives the same outcome as the JSON API.
const example = JSON.parse(readFileSync(join(root, "seeds", "examples", "contract_example.json"), "utf8"));
check("object API equals JSON API", JSON.stringify(hoth.screen(example)) === hoth.screenJson(JSON.stringify(example)));
check("validateJson: valid", hoth.validateJson(JSON.stringify(example)) === '{"errors":[]}');
// The schemas are package files read by the ES-module entry point on demand.
const entry = await import(join(here, "..", "index.js"));
for (const name of entry.SCHEMA_NAMES) {
  const committed = JSON.parse(readFileSync(join(root, "schemas", `${name}.schema.json`), "utf8"));
  check(`schema ${name}`, JSON.stringify(await entry.schema(name)) === JSON.stringify(committed));
}
try { await entry.schema("nope"); check("unknown schema rejects", false); }
catch (e) { check("unknown schema rejects with an error list", e.errors?.[0]?.code === "invalid_value", JSON.stringify(e)); }
const versions = JSON.parse(hoth.versions());
check("versions", versions.ruleset.id === "tees-hoth" && versions.ruleset.sha256.length === 64);
// The ruleset's hash is over its canonical bytes as WASM writes them; native must agree.
const nativeOutcome = JSON.parse(execFileSync(native, ["screen", join(root, "seeds", "examples", "contract_example.json")]).toString());
check("versions match the native outcome's engine and ruleset", JSON.stringify(versions) ===
  JSON.stringify({ engine: nativeOutcome.engine.version, ruleset: nativeOutcome.ruleset }));
const summary = JSON.parse(hoth.rulesetJson());
check("ruleset summary lists 37 indicators", summary.indicators.length === 37 && summary.indicators[7].title.length > 0);

// Loading another ruleset: a what-if band, then a broken one, then back to Tees.
const rs = JSON.parse(readFileSync(join(root, "seeds", "tees-hoth.ruleset.json"), "utf8"));
rs.bands[1].max = 2; rs.bands[2].min = 3;
hoth.loadRuleset(JSON.stringify(rs));
const req = { local_authority: "hartlepool", child: { age_years: 15 }, immediate_danger: "no", crime_suspected: "no", disclosure: "no",
  indicators: { missing_episode: "yes", change_in_presentation: "yes" } };
check("what-if ruleset applies", hoth.screen(req).hoth_concern === "moderate");
rs.bands[2].min = 5;
try { hoth.loadRuleset(JSON.stringify(rs)); check("broken ruleset throws", false); }
catch (e) { check("broken ruleset error points at the band", e.errors[0].pointer === "/bands/2/min", JSON.stringify(e)); }
hoth.useTeesRuleset();
check("back to Tees", hoth.screen(req).hoth_concern === "low");

// The language lint in WASM gives the same findings as the native CLI.
const sample = "He chose to go with an older boyfriend and is putting himself at risk.";
const lintRun = spawnSync(native, ["lint", "--json", "-"], { input: sample });
check("native lint exits 3 when it flags wording", lintRun.status === 3);
const nativeLint = JSON.parse(lintRun.stdout.toString());
check("lint in wasm equals the native lint", JSON.stringify(JSON.parse(hoth.lintJson(sample))) === JSON.stringify(nativeLint.findings));

// A fault inside the engine becomes a clean {errors} through guard.js, never a raw trap.
const { guard } = await import(join(here, "..", "guard.js"));
try { guard(hoth.__provokeInternalError)(); check("internal fault throws", false); }
catch (e) { check("an internal fault reaches JS as the contract's internal error", Array.isArray(e.errors) && e.errors[0].code === "internal", String(e)); }

console.log(`wasm conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
