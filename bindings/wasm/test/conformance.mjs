// Golden cases replayed through the WASM module in node must give byte-identical output
// to the native engine (`hoth screen`), outcomes and error lists alike; so must every
// encoded tool in seeds/rulesets/ on its own golden cases (issue 17). Also checks the
// thrown-object error shape, the object API, ruleset loading, the package's entry point
// (index.js) as node loads it, and that a fault in the module reaches JS as the contract's
// `internal` error, never as a raw trap.
//
// Two modules: the core (pkg-node/hoth_wasm.js), which screens with rulesets already
// checked, and the checker (pkg-node/hoth_checker.js: validator, probes, lint). The core
// takes the Tees ruleset unchecked only when it is the one pinned at build time, and any
// other ruleset only with the SHA-256 the checker gave for that same text; a broken
// ruleset gets the checker's errors, byte for byte the native `hoth rules check`'s.
//
// Expected values come from the native CLI (another build of the same engine, the
// contract's reference), from the committed schemas, and from each golden case's `expect`,
// written from the tool's own rules: never from the module under test.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync, spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const require = createRequire(import.meta.url);
const hoth = require(join(here, "..", "pkg-node", "hoth_wasm.js"));
const checker = require(join(here, "..", "pkg-node", "hoth_checker.js"));
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => { if (ok) passed++; else { failed++; console.error(`FAIL ${name}\n${detail}`); } };
// The ruleset ships beside the module (index.js reads it at init); node reads the same file.
try { hoth.screenJson("{}"); check("before a ruleset is read, screening throws", false); }
catch (e) { check("before a ruleset is read, screening throws", e.errors?.[0]?.message?.includes("no ruleset has been read yet")); }
const teesText = readFileSync(join(here, "..", "pkg-node", "tees-hoth.ruleset.json"), "utf8");
check("the core takes the shipped Tees ruleset unchecked (it is the pinned one)", hoth.setTeesRuleset(teesText) === true);
checker.setLanguageGuide(readFileSync(join(here, "..", "pkg-node", "language-guide.json"), "utf8"));
// What index.js's loadRuleset does: the checker checks the text in full, then the core reads
// the same text with the SHA-256 the checker gave for it.
const loadRuleset = (text) => hoth.loadCheckedRuleset(text, checker.checkRuleset(text), false);

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

// The pin: the Tees ruleset is taken unchecked only as the very ruleset checked at build
// time. Re-formatted (index.js passes JSON.stringify of the parsed file) it is the same;
// with one character of content changed it is not used, and the ruleset in use stays.
{
  const teesSha = versions.ruleset.sha256;
  check("the Tees ruleset re-formatted (JSON.stringify) is still the pinned one", hoth.setTeesRuleset(JSON.stringify(JSON.parse(teesText))) === true);
  const at = teesText.indexOf('"phone": "01642 ') + '"phone": "01642 '.length;
  const oneByte = teesText.slice(0, at) + (teesText[at] === "9" ? "8" : "9") + teesText.slice(at + 1);
  check("a Tees ruleset with one byte changed differs from the shipped one by one byte", oneByte.length === teesText.length
    && [...oneByte].filter((c, i) => c !== teesText[i]).length === 1);
  check("a Tees ruleset with one byte changed is not taken unchecked", hoth.setTeesRuleset(oneByte) === false);
  check("after refusing it, the pinned Tees ruleset is still in use", JSON.parse(hoth.versions()).ruleset.sha256 === teesSha);
  for (const text of ["", "{}", "[", teesText.slice(0, 1000)]) {
    check(`the core takes no other text as the Tees ruleset (${text.length} chars)`, hoth.setTeesRuleset(text) === false);
  }
  let refused;
  try { hoth.loadCheckedRuleset(oneByte, teesSha, true); } catch (e) { refused = e; }
  check("the core refuses a text whose SHA-256 is not the one the checker gave", refused?.errors?.[0]?.code === "invalid_ruleset"
    && refused.errors[0].message.includes("not the one that was checked"), JSON.stringify(refused));
  check("after that refusal too, the pinned Tees ruleset is still in use", JSON.parse(hoth.versions()).ruleset.sha256 === teesSha);
  // Through the checker, the changed text is checked in full: a valid change is then used
  // (with its own SHA-256, the native engine's for that file), an invalid one is refused
  // with the native checker's errors.
  const dir = mkdtempSync(join(tmpdir(), "hoth-conformance-"));
  const changedFile = join(dir, "changed.ruleset.json");
  writeFileSync(changedFile, oneByte);
  loadRuleset(oneByte);
  const nativeChanged = JSON.parse(execFileSync(native, ["screen", "--ruleset", changedFile, join(root, "seeds", "examples", "contract_example.json")]).toString());
  check("through the checker, the changed Tees ruleset is used with its own SHA-256 (native's)",
    JSON.parse(hoth.versions()).ruleset.sha256 === nativeChanged.ruleset.sha256 && nativeChanged.ruleset.sha256 !== teesSha);
  hoth.useTeesRuleset();
  check("useTeesRuleset goes back to the pinned one", JSON.parse(hoth.versions()).ruleset.sha256 === teesSha);
}

// The checker's errors are the native checker's (`hoth rules check`), byte for byte, for a
// broken copy of each ruleset, and a broken ruleset never reaches the core.
function nativeCheck(text) {
  const file = join(mkdtempSync(join(tmpdir(), "hoth-check-")), "broken.ruleset.json");
  writeFileSync(file, text);
  const r = spawnSync(native, ["rules", "check", file]);
  return { status: r.status, errors: r.stdout.toString().replace(/\n$/, "") };
}
const checkerErrors = (text) => { try { checker.checkRuleset(text); return null; } catch (e) { return JSON.stringify(e); } };
{
  const brokenTees = teesText.replace('"min": 0', '"min": 1');
  const n = nativeCheck(brokenTees), w = checkerErrors(brokenTees);
  check("a broken Tees ruleset: the checker's errors are byte for byte native's", n.status === 2 && w === n.errors, `wasm:   ${w}\nnative: ${n.errors}`);
  check("a broken Tees ruleset's errors name the band gap", JSON.parse(w ?? "{}").errors?.some((e) => e.code === "band_gap_or_overlap"), w);
  // The safety floor, found by the probes: without R1, immediate danger no longer says 999.
  const noR1 = JSON.parse(teesText);
  noR1.rules = noR1.rules.filter((r) => r.id !== "R1");
  const noR1Text = JSON.stringify(noR1);
  const np = nativeCheck(noR1Text), wp = checkerErrors(noR1Text);
  check("a Tees ruleset without R1: the probes' errors are byte for byte native's", np.status === 2 && wp === np.errors, `wasm:   ${wp}\nnative: ${np.errors}`);
  check("a Tees ruleset without R1 is refused for the safety floor (required_rule)", JSON.parse(wp ?? "{}").errors?.some((e) => e.code === "required_rule"), wp);
  for (const text of ["", "not json", "{}", '{"id": 1}']) {
    const nt = nativeCheck(text), wt = checkerErrors(text);
    check(`checker errors byte for byte native's for ${JSON.stringify(text)}`, nt.status === 2 && wt === nt.errors, `wasm:   ${wt}\nnative: ${nt.errors}`);
  }
}

// Loading another ruleset: a what-if band, then a broken one, then back to Tees.
const rs = JSON.parse(readFileSync(join(root, "seeds", "tees-hoth.ruleset.json"), "utf8"));
rs.bands[1].max = 2; rs.bands[2].min = 3;
loadRuleset(JSON.stringify(rs));
const req = { local_authority: "hartlepool", child: { age_years: 15 }, immediate_danger: "no", crime_suspected: "no", disclosure: "no",
  indicators: { missing_episode: "yes", change_in_presentation: "yes" } };
check("what-if ruleset applies", hoth.screen(req).hoth_concern === "moderate");
rs.bands[2].min = 5;
try { loadRuleset(JSON.stringify(rs)); check("broken ruleset throws", false); }
catch (e) { check("broken ruleset error points at the band", e.errors[0].pointer === "/bands/2/min", JSON.stringify(e)); }
hoth.useTeesRuleset();
check("back to Tees", hoth.screen(req).hoth_concern === "low");
check("the broken ruleset was never used", JSON.parse(hoth.versions()).ruleset.id === "tees-hoth");

// The language lint in WASM gives the same findings as the native CLI.
const sample = "He chose to go with an older boyfriend and is putting himself at risk.";
const lintRun = spawnSync(native, ["lint", "--json", "-"], { input: sample });
check("native lint exits 3 when it flags wording", lintRun.status === 3);
const nativeLint = JSON.parse(lintRun.stdout.toString());
check("lint in wasm (the checker module) equals the native lint", JSON.stringify(JSON.parse(checker.lintJson(sample))) === JSON.stringify(nativeLint.findings));

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
  try { loadRuleset(text); } catch (e) { check(`ruleset ${f} loads`, false, JSON.stringify(e)); continue; }
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
  // A broken copy (its first band starting at 1, so score 0 has no band): the checker's
  // errors are the native checker's, and the ruleset in use does not change.
  const broken = JSON.parse(text);
  broken.bands[0].min = 1;
  const brokenText = JSON.stringify(broken, null, 2);
  const n = nativeCheck(brokenText);
  let thrown;
  try { loadRuleset(brokenText); } catch (e) { thrown = JSON.stringify(e); }
  check(`${id}: a broken copy is refused with native's errors, byte for byte`, n.status === 2 && thrown === n.errors, `wasm:   ${thrown}\nnative: ${n.errors}`);
  check(`${id}: after the broken copy, ${id} is still in use`, JSON.parse(hoth.versions()).ruleset.id === id);
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
// given the modules' bytes (`module_or_path`, `checker_module_or_path`, as the README
// says). Before init, every engine function refuses with an error list; a broken module
// fails init with one and can be retried; init is idempotent. init does not load the
// checker; loadRuleset and lintJson load it once, on first use.
{
  const entryText = (fn) => { try { return fn(); } catch (e) { return JSON.stringify(e); } };
  const early = thrownBy(() => entry.screenJson("{}"));
  check("before init the entry point refuses with an error list", early?.errors?.[0]?.code === "internal"
    && early.errors[0].message.includes("await init()"), JSON.stringify(early));
  for (const [name, call] of [["loadRuleset", () => entry.loadRuleset("{}")], ["lintJson", () => entry.lintJson("x")]]) {
    let e; try { await call(); } catch (x) { e = x; }
    check(`before init, ${name} rejects with the same error list`, e?.errors?.[0]?.message?.includes("await init()"), JSON.stringify(e));
  }
  let broken;
  try { await entry.default({ module_or_path: Uint8Array.from([0, 1, 2, 3]) }); } catch (e) { broken = e; }
  check("init with a broken module rejects with a clear error list", broken instanceof Error && broken.errors?.[0]?.code === "internal"
    && broken.message.includes("hoth_wasm_bg.wasm") && broken.errors[0].help.includes("999"), String(broken));
  const bytes = readFileSync(join(here, "..", "pkg", "hoth_wasm_bg.wasm"));
  // The checker's bytes, handed over only when the package asks for them (a thenable that
  // counts how often it is awaited: wasm-bindgen awaits what it is given).
  const checkerBytes = readFileSync(join(here, "..", "pkg", "hoth_checker_bg.wasm"));
  let checkerLoads = 0;
  const checkerSource = new (class { then(resolve) { checkerLoads++; resolve(checkerBytes); } })();
  const first = entry.default({ module_or_path: bytes, checker_module_or_path: checkerSource });
  check("init is idempotent: a second call returns the same promise", entry.default() === first);
  await first;
  const exampleText = readFileSync(join(root, "seeds", "examples", "contract_example.json"), "utf8");
  check("entry point: screenJson byte-identical to native", entryText(() => entry.screenJson(exampleText)) === nativeScreen(exampleText));
  const bad = '{"local_authority":"x"}';
  check("entry point: an invalid request's error list byte-identical to native", entryText(() => entry.screenJson(bad)) === nativeScreen(bad));
  check("entry point: triage(object) gives call_999 first for danger now", entry.triage({ immediate_danger: "yes" }).actions[0].id === "call_999");
  check("entry point: the Tees ruleset is read at init", JSON.parse(entry.versions()).ruleset.id === "tees-hoth");
  check("entry point: init does not load the checker module", checkerLoads === 0, String(checkerLoads));
  const teesSha = JSON.parse(entry.versions()).ruleset.sha256;

  // lintJson loads the checker (once) and gives the native lint's findings.
  const lintPromise = entry.lintJson(sample);
  check("entry point: lintJson returns a promise", lintPromise instanceof Promise);
  check("entry point: lintJson (through the checker) equals the native lint", JSON.stringify(JSON.parse(await lintPromise)) === JSON.stringify(nativeLint.findings));
  // Each encoded tool through loadRuleset: checked, then screening its golden cases as native.
  for (const f of rulesetFiles) {
    const path = join(rulesetDir, f);
    const text = readFileSync(path, "utf8");
    let loadedOk = true;
    try { await entry.loadRuleset(text); } catch (e) { loadedOk = false; check(`entry point: loadRuleset(${f})`, false, JSON.stringify(e)); }
    if (!loadedOk) continue;
    const id = JSON.parse(entry.versions()).ruleset.id;
    const caseDir = join(root, "tests", "golden-rulesets", id);
    const cases = readdirSync(caseDir).filter((c) => c.endsWith(".json")).sort();
    const wrong = cases.filter((c) => {
      const request = JSON.stringify(JSON.parse(readFileSync(join(caseDir, c), "utf8")).request);
      return entryText(() => entry.screenJson(request)) !== nativeScreen(request, ["--ruleset", path]);
    });
    check(`entry point: after loadRuleset(${f}), its ${cases.length} golden cases screen as native`, id === f.replace(".ruleset.json", "") && wrong.length === 0, wrong.join(", "));
    const broken = JSON.parse(text);
    broken.bands[0].min = 1;
    const brokenText = JSON.stringify(broken);
    let e; try { await entry.loadRuleset(brokenText); } catch (x) { e = x; }
    check(`entry point: loadRuleset of a broken ${id} rejects with native's errors`, JSON.stringify(e) === nativeCheck(brokenText).errors, JSON.stringify(e));
    check(`entry point: ${id} is still in use after the broken one`, JSON.parse(entry.versions()).ruleset.id === id);
  }
  entry.useTeesRuleset();
  check("entry point: useTeesRuleset goes back to the pinned Tees ruleset", JSON.parse(entry.versions()).ruleset.sha256 === teesSha);
  // A Tees ruleset with one byte changed goes through the checker (never unchecked): a
  // change that leaves scores without a band is refused with the checker's errors.
  const bandGap = teesText.replace('"min": 0', '"min": 1');
  check("the changed Tees text differs by one byte", bandGap.length === teesText.length && bandGap !== teesText);
  let refused; try { await entry.loadRuleset(bandGap); } catch (x) { refused = x; }
  check("entry point: a Tees ruleset with one byte changed is checked, and refused when broken", JSON.stringify(refused) === nativeCheck(bandGap).errors, JSON.stringify(refused));
  check("entry point: the checker module was loaded once", checkerLoads === 1, String(checkerLoads));
  check("entry point: the pinned Tees ruleset is still in use", JSON.parse(entry.versions()).ruleset.sha256 === teesSha);
}

console.log(`wasm conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
