// Node interface: hoth (WASM, screenJson) against GoRules ZEN (@gorules/zen-engine,
// static loader, evaluate with trace off and on) and JsonLogic (json-logic-js, rules parsed
// once), on the same synthetic requests, after checking the peers agree with hoth.
// Usage: node benches/peers/node-peers.mjs [N]   (needs bindings/wasm/pkg-node built)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(import.meta.url);
const hoth = require(join(root, "bindings", "wasm", "pkg-node", "hoth_wasm.js"));
// The core module takes the shipped Tees ruleset as it is (it is the one pinned at build time).
if (!hoth.setTeesRuleset(readFileSync(join(root, "bindings", "wasm", "pkg-node", "tees-hoth.ruleset.json"), "utf8"))) {
  throw new Error("the shipped Tees ruleset is not the one pinned in the core module: run bindings/wasm/build.sh");
}
const { ZenEngine } = require("@gorules/zen-engine");
const jsonLogic = require("json-logic-js");

const n = Number(process.argv[2] || 10000);
const reqs = execFileSync("python3", [join(root, "benches", "synth_requests.py"), String(n), "99"], { maxBuffer: 1 << 30 }).toString().trimEnd().split("\n").map((l) => JSON.parse(l));
// Every action the ruleset defines (a peer without u_<action> never takes it).
const ACTIONS = JSON.parse(readFileSync(join(root, "seeds", "tees-hoth.ruleset.json"), "utf8")).actions.map((a) => a.id);
const URG = { routine: 0, within_1_working_day: 1, same_day: 2, immediate: 3 };
const LEVEL = { no_current_indicators: 0, low: 1, moderate: 2, significant: 3 };
const flatten = (r) => ({ age: r.child.age_years, ld: r.child.learning_disability ?? "not_known", looked_after: r.child.looked_after ?? "not_known",
  care_leaver: r.child.care_leaver ?? "not_known", open_case: r.child.open_case ?? "not_known", danger: r.immediate_danger, crime: r.crime_suspected,
  disclosure: r.disclosure, indicators: r.indicators ?? {}, missing: r.history?.missing_episodes_last_90_days ?? null,
  rerefer: r.history?.re_referral_within_12_months ?? "not_known", descriptors: r.threshold_descriptors ?? [], jdir: r.professional_judgement?.direction ?? "" });
const viewHoth = (o) => JSON.stringify([LEVEL[o.hoth_concern], o.threshold ? o.threshold.level : null, Object.fromEntries(o.actions.map((a) => [a.id, URG[a.urgency]]).sort())]);
const viewPeer = (r) => JSON.stringify([r.concern, r.threshold ?? null, Object.fromEntries(ACTIONS.filter((a) => r[`u_${a}`] >= 0).map((a) => [a, r[`u_${a}`]]).sort())]);

const jdm = readFileSync(join(here, "tees.jdm.json"));
const engine = new ZenEngine({ loader: async () => jdm });
const logic = JSON.parse(readFileSync(join(here, "tees.jsonlogic.json"), "utf8"));
const runJl = (inp) => { const d = { ...inp }; for (const s of logic) d[s.key] = jsonLogic.apply(s.rule, d); return d; };

const texts = reqs.map((r) => JSON.stringify(r));
const flat = reqs.map(flatten);
let zenAgree = 0, jlAgree = 0;
for (let i = 0; i < reqs.length; i++) {
  const want = viewHoth(JSON.parse(hoth.screenJson(texts[i])));
  if (viewPeer((await engine.evaluate("tees", flat[i])).result) === want) zenAgree++;
  if (viewPeer(runJl(flat[i])) === want) jlAgree++;
}
console.log(`agreement: ZEN ${zenAgree}/${n}, JsonLogic ${jlAgree}/${n}`);

const rows = [];
async function clock(label, fn) { const t = process.hrtime.bigint(); await fn(); rows.push([label, n / (Number(process.hrtime.bigint() - t) / 1e9)]); }
await clock("hoth WASM screenJson", () => { for (const t of texts) hoth.screenJson(t); });
if (zenAgree === n) {
  await clock("ZEN evaluate, trace off", async () => { for (const f of flat) await engine.evaluate("tees", f, { trace: false }); });
  await clock("ZEN evaluate, trace on", async () => { for (const f of flat) await engine.evaluate("tees", f, { trace: true }); });
}
if (jlAgree === n) await clock("JsonLogic (json-logic-js)", () => { for (const f of flat) runJl(f); });
console.log(`${"node interface".padEnd(34)} ${"rows/s".padStart(10)}  hoth is`);
for (const [label, r] of rows) console.log(`${label.padEnd(34)} ${Math.round(r).toLocaleString("en-GB").padStart(10)}  ${(rows[0][1] / r).toFixed(1)}x`);
engine.dispose?.();
process.exit(zenAgree === n && jlAgree === n ? 0 : 1);
