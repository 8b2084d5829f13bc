// Golden cases replayed through the WASM module in node must give byte-identical output
// to the native engine (`hoth screen`), outcomes and error lists alike; so must every
// encoded tool in seeds/rulesets/ on its own golden cases (issue 17). Also checks the
// thrown-object error shape, the object API, ruleset loading, the package's entry point
// (index.js) as node loads it, and that a fault in the module reaches JS as the contract's
// `internal` error, never as a raw trap.
//
// Expected values come from the native CLI (another build of the same engine, the
// contract's reference), from the committed schemas, and from each golden case's `expect`,
// written from the tool's own rules: never from the module under test.
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

function nativeScreen(text, args = []) {
  try {
    return execFileSync(native, ["screen", ...args, "-"], { input: text }).toString().replace(/\n$/, "");
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

// Issue 17: every encoded tool loads with loadRuleset and, on each of its golden cases
// (tests/golden-rulesets/<ruleset id>/*.json, as crates/hoth/tests/golden_rulesets.rs reads
// them), gives the native engine's bytes (`hoth screen --ruleset`) and the outcome the
// case's `expect` says that tool's rules give: `hoth_concern`, `threshold_level` (null for a
// young adult), `score`, `complete` and `harm_types` exactly; `actions_include` among the
// action ids and `actions_exclude` not; `action_urgencies` each id at that urgency;
// `rules_fired` among the reasons' rules, in that order.
function expectations(outcome, expect) {
  const wrong = [];
  for (const [key, want] of Object.entries(expect)) {
    let got, ok;
    if (key === "threshold_level") { got = outcome.threshold?.level ?? null; ok = got === want; }
    else if (key === "actions_include") { got = outcome.actions.map((a) => a.id); ok = want.every((w) => got.includes(w)); }
    else if (key === "actions_exclude") { got = outcome.actions.map((a) => a.id); ok = !want.some((w) => got.includes(w)); }
    else if (key === "action_urgencies") {
      got = Object.fromEntries(outcome.actions.map((a) => [a.id, a.urgency]));
      ok = Object.entries(want).every(([id, u]) => got[id] === u);
    }
    else if (key === "rules_fired") {
      got = outcome.reasons.map((r) => r.rule);
      let i = 0;
      ok = want.every((w) => { while (i < got.length && got[i] !== w) i++; return i++ < got.length; });
    } else { got = outcome[key]; ok = key in outcome && JSON.stringify(got) === JSON.stringify(want); }
    if (!ok) wrong.push(`${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return wrong;
}
const rulesetDir = join(root, "seeds", "rulesets");
const rulesetFiles = readdirSync(rulesetDir).filter((f) => f.endsWith(".ruleset.json")).sort();
check("at least three encoded tools in seeds/rulesets", rulesetFiles.length >= 3, rulesetFiles.join(", "));
for (const f of rulesetFiles) {
  const path = join(rulesetDir, f);
  const text = readFileSync(path, "utf8");
  try { hoth.loadRuleset(text); } catch (e) { check(`ruleset ${f} loads`, false, JSON.stringify(e)); continue; }
  const id = JSON.parse(hoth.versions()).ruleset.id;
  check(`ruleset ${f} is in use after loadRuleset`, `${id}.ruleset.json` === f, id);
  const caseDir = join(root, "tests", "golden-rulesets", id);
  const cases = readdirSync(caseDir).filter((c) => c.endsWith(".json")).sort();
  check(`${id}: at least 10 golden cases`, cases.length >= 10, String(cases.length));
  for (const c of cases) {
    const golden = JSON.parse(readFileSync(join(caseDir, c), "utf8"));
    const request = JSON.stringify(golden.request);
    const a = wasmScreen(request), b = nativeScreen(request, ["--ruleset", path]);
    check(`${id}/${c} byte-identical to native`, a === b, `wasm:   ${a.slice(0, 300)}\nnative: ${b.slice(0, 300)}`);
    let wrong;
    try { wrong = expectations(JSON.parse(a), golden.expect); } catch (e) { wrong = [`no outcome: ${a.slice(0, 300)}`]; }
    check(`${id}/${c} gives the tool's expected outcome`, wrong.length === 0, `${wrong.join("\n")}\n(${golden.why})`);
  }
  // The summary and triage read the ruleset in use too: the same bytes as native.
  const first = JSON.stringify(JSON.parse(readFileSync(join(caseDir, cases[0]), "utf8")).request);
  const outcome = hoth.screenJson(first);
  check(`${id}: summary byte-identical to native`,
    hoth.summary(outcome, false) === execFileSync(native, ["summary", "--ruleset", path, "-"], { input: outcome }).toString());
  const form = '{"immediate_danger":"yes","child":{"age_years":14}}';
  check(`${id}: triage byte-identical to native`,
    hoth.triageJson(form) === execFileSync(native, ["triage", "--ruleset", path, "-"], { input: form }).toString().replace(/\n$/, ""));
}
hoth.useTeesRuleset();
check("back to Tees after the encoded tools", JSON.parse(hoth.versions()).ruleset.id === "tees-hoth");

// A fault inside the module becomes a clean {errors} through guard.js, never a raw trap.
// The package ships no hook to provoke one, so the trap comes from a real WebAssembly
// module whose one function is `unreachable` (what a Rust panic compiles to here, built
// with panic=immediate-abort); stack exhaustion is a RangeError in JS.
const { guard, INTERNAL } = await import(join(here, "..", "guard.js"));
const trap = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,             // type section: () -> ()
  0x03, 0x02, 0x01, 0x00,                         // function section: one function of that type
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,       // export section: "f"
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,       // code section: unreachable, end
]))).exports.f;
const thrownBy = (fn) => { try { fn(); return undefined; } catch (e) { return e; } };
{
  const e = thrownBy(guard(trap));
  check("a WebAssembly trap reaches JS as the contract's internal error", e?.errors?.length === 1 && e.errors[0].code === "internal"
    && e.errors[0].pointer === "" && e.errors[0].help.includes("999") && !(e instanceof Error), String(e));
  const deep = thrownBy(guard(function down() { return down() + 1; }));
  check("stack exhaustion reaches JS as the internal error", deep?.errors?.[0]?.code === "internal", String(deep));
  const list = { errors: [{ pointer: "/child/age_years", code: "out_of_range", message: "m", help: "h" }] };
  check("an error list from the engine passes through guard unchanged", thrownBy(guard(() => { throw list; })) === list);
  const bug = new TypeError("not the engine's");
  check("any other exception is not disguised as the engine's", thrownBy(guard(() => { throw bug; })) === bug);
  check("guard returns what the function returns", guard((a, b) => a + b)(2, 3) === 5);
  check("the internal error is frozen", Object.isFrozen(INTERNAL));
}

// The package's entry point as node loads it: node has no fetch for file: URLs, so init is
// given the module's bytes (`module_or_path`, as the README says). Before init, every
// engine function refuses with an error list; a broken module fails init with one and can
// be retried; init is idempotent.
{
  const entryText = (fn) => { try { return fn(); } catch (e) { return JSON.stringify(e); } };
  const early = thrownBy(() => entry.screenJson("{}"));
  check("before init the entry point refuses with an error list", early?.errors?.[0]?.code === "internal"
    && early.errors[0].message.includes("await init()"), JSON.stringify(early));
  let broken;
  try { await entry.default({ module_or_path: Uint8Array.from([0, 1, 2, 3]) }); } catch (e) { broken = e; }
  check("init with a broken module rejects with a clear error list", broken instanceof Error && broken.errors?.[0]?.code === "internal"
    && broken.message.includes("hoth_wasm_bg.wasm") && broken.errors[0].help.includes("999"), String(broken));
  const bytes = readFileSync(join(here, "..", "pkg", "hoth_wasm_bg.wasm"));
  const first = entry.default({ module_or_path: bytes });
  check("init is idempotent: a second call returns the same promise", entry.default() === first);
  await first;
  const exampleText = readFileSync(join(root, "seeds", "examples", "contract_example.json"), "utf8");
  check("entry point: screenJson byte-identical to native", entryText(() => entry.screenJson(exampleText)) === nativeScreen(exampleText));
  const bad = '{"local_authority":"x"}';
  check("entry point: an invalid request's error list byte-identical to native", entryText(() => entry.screenJson(bad)) === nativeScreen(bad));
  check("entry point: triage(object) gives call_999 first for danger now", entry.triage({ immediate_danger: "yes" }).actions[0].id === "call_999");
  check("entry point: the Tees ruleset is read at init", JSON.parse(entry.versions()).ruleset.id === "tees-hoth");
}

console.log(`wasm conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
