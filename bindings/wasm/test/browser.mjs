// Headless Chromium drives the screening page as a person would: clicks answers, types the
// age, presses Screen. Checks the result panel for golden cases (the JSON record must be
// byte-identical to the native engine), the error summary for an invalid entry, zero axe-core
// violations (WCAG 2.2 AA tags) in the empty, error and result states, a keyboard-only run,
// and that the page made no request to any other origin.
// Usage: node test/browser.mjs http://127.0.0.1:PORT/index.html
import puppeteer from "puppeteer-core";
import { readFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const url = process.argv[2];
const origin = new URL(url).origin;
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");
const axeSource = readFileSync(join(here, "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => { if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.error(`FAIL ${name}\n${detail}`); } };

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, userDataDir: mkdtempSync(join(tmpdir(), "hoth-pp-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const external = [], consoleErrors = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 900 });
  page.on("request", (r) => { const u = r.url(); if (!u.startsWith("data:") && new URL(u).origin !== origin) external.push(u); });
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  async function axe(state) {
    await page.evaluate(axeSource);
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
    check(`axe: zero violations (${state})`, result.violations.length === 0,
      JSON.stringify(result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target) })), null, 1));
  }
  async function load() {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.ready === "true", { timeout: 15000 });
  }
  async function fill(req) {
    const pick = async (name, value) => page.click(`input[name="${name}"][value="${value}"]`);
    for (const k of ["immediate_danger", "crime_suspected", "disclosure", "local_authority"]) if (req[k]) await pick(k, req[k]);
    if (req.child?.age_years !== undefined) await page.type("#child-age_years", String(req.child.age_years));
    for (const f of ["learning_disability", "looked_after", "care_leaver", "send", "open_case"]) if (req.child?.[f]) await pick(`child.${f}`, req.child[f]);
    for (const [ind, a] of Object.entries(req.indicators || {})) await pick(`ind.${ind}`, a);
    if (req.history?.missing_episodes_last_90_days !== undefined) await page.type("#history-missing_episodes_last_90_days", String(req.history.missing_episodes_last_90_days));
    if (req.history?.re_referral_within_12_months) await pick("history.re_referral_within_12_months", req.history.re_referral_within_12_months);
  }
  const nativeOutcome = (req) => execFileSync(native, ["screen", "-"], { input: JSON.stringify(req) }).toString().trim();

  await load();
  check("the form is built from the ruleset (37 indicator questions)", (await page.$$eval('input[type=radio][value="yes"][name^="ind."]', (els) => els.length)) === 37);
  check("the three safety questions come first", (await page.$eval("form fieldset legend", (el) => el.textContent)).includes("immediate danger"));
  await axe("empty");

  for (const name of ["r1_immediate_danger", "r4_age_13_high_weight", "r10_age_19_adult"]) {
    const c = JSON.parse(readFileSync(join(root, "tests", "golden", `${name}.json`), "utf8"));
    await load();
    await fill(c.request);
    await page.click("#screen-button");
    await page.waitForSelector("#result:not([hidden])");
    const record = await page.$eval("#record", (el) => el.value);
    check(`${name}: the record is byte-identical to the native engine`, record === nativeOutcome(c.request), record.slice(0, 200));
    const o = JSON.parse(record);
    const text = await page.$eval("#result", (el) => el.innerText);
    check(`${name}: the panel shows the level and the front door phone`, text.includes(o.front_door.phone) && text.toLowerCase().includes(o.hoth_concern.replace(/_/g, " ").split(" ")[0]), text.slice(0, 300));
    const first = await page.$eval("#actions li", (el) => el.innerText);
    check(`${name}: the most urgent action comes first`, first.includes(o.actions[0].text.slice(0, 30)), first);
    check(`${name}: focus moves to the result`, await page.evaluate(() => document.activeElement.id === "result-heading"));
    const why = await page.$$eval("#why > li", (lis) => lis.map((li) => li.firstChild.textContent));
    check(`${name}: "Why" is the reasons' sentences, each once, no rule ids`, why.length > 0 && new Set(why).size === why.length && why.every((w) => !/\b(R\d+|A\d|band_\w+)\b/.test(w)), JSON.stringify(why));
    const safer = await page.$eval("#safer-summary", (el) => el.textContent);
    check(`${name}: the SAFER summary is on screen`, ["S – Situation", "A – Assessment", "F – Family", "E – Expected response", "R – Recording"].every((h) => safer.includes(h)), safer.slice(0, 200));
    if (name === "r1_immediate_danger") {
      check("r1: 999 is the first thing to do", first.includes("999"));
      await axe("result");
      await page.screenshot({ path: join(root, "target", "screening-result.png") });
    }
  }

  // An invalid entry: no safety answers, age 31.
  await load();
  await page.click('input[name="local_authority"][value="hartlepool"]');
  await page.type("#child-age_years", "31");
  await page.click("#screen-button");
  await page.waitForSelector(".govuk-error-summary");
  const summary = await page.$$eval(".govuk-error-summary__list a", (as) => as.map((a) => [a.getAttribute("href"), a.textContent]));
  check("invalid entry: the error summary lists every problem, worded for a person", summary.length === 4 && summary.some(([, t]) => t.includes("Enter the child's age in whole years")) && summary.some(([, t]) => t.includes("“Is a crime suspected?”")), JSON.stringify(summary));
  check("invalid entry: the title says Error", (await page.title()).startsWith("Error: "));
  check("invalid entry: inline error on the age field", await page.$eval("#group-child-age_years", (g) => g.classList.contains("govuk-form-group--error")));
  check("invalid entry: focus moves to the error summary", await page.evaluate(() => !!document.activeElement.closest(".govuk-error-summary")));
  // Page order: the page asks the three safety questions before the area and age, so their
  // errors come first, whatever order the engine lists them in.
  const order = await page.$$eval(".govuk-error-summary__list a", (as) => as.map((a) => {
    const t = document.querySelector(a.getAttribute("href"));
    return t ? [...document.querySelectorAll("input, select, textarea")].indexOf(t) : -1;
  }));
  check("invalid entry: errors are listed in the order of the questions on the page", order.every((n, i) => n >= 0 && (i === 0 || n > order[i - 1])), JSON.stringify(order));
  const described = await page.$eval("#group-immediate_danger", (g) => {
    const fs = g.querySelector("fieldset"), msg = g.querySelector(".govuk-error-message:not([hidden])");
    return g.classList.contains("govuk-form-group--error") && !!msg && (fs.getAttribute("aria-describedby") || "").split(" ").includes(msg.id);
  });
  check("invalid entry: a radio question's error is on its fieldset (aria-describedby to the message)", described);
  await page.click(".govuk-error-summary__list a");
  const focused = await page.evaluate(() => ({ name: document.activeElement.name, legendVisible: (() => {
    const l = document.activeElement.closest("fieldset")?.querySelector("legend"); if (!l) return false;
    const r = l.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })() }));
  check("invalid entry: the first error link focuses its question's first input, with the question in view (GOV.UK Frontend started)", focused.name === "immediate_danger" && focused.legendVisible, JSON.stringify(focused));
  check("invalid entry: no result is shown", await page.$eval("#result", (el) => el.hidden));
  await axe("error");

  // Keyboard only: Tab into the form, answer with arrow keys and space, submit with Enter.
  await load();
  await page.keyboard.press("Tab"); // skip link
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.name === "immediate_danger");
  }
  check("keyboard: Tab reaches the first safety question", reached);
  await page.keyboard.press("Space"); // selects "Yes"
  await page.focus("#screen-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".govuk-error-summary, #result:not([hidden])");
  const summaryText = await page.$eval("#error-summary-slot", (el) => el.innerText);
  check("keyboard: submitting by Enter screens the form", summaryText.includes("Is a crime suspected?"), summaryText);
  const triageText = await page.$eval("#triage-slot", (el) => el.innerText);
  const triageFirst = await page.evaluate(() => !!(document.getElementById("triage-slot").compareDocumentPosition(document.getElementById("error-summary-slot")) & Node.DOCUMENT_POSITION_FOLLOWING));
  check("safety first: 'Call 999' stays above the error summary", triageText.includes("999") && triageFirst, triageText);

  // Safety first: "yes" to immediate danger says call 999 at once, before anything is submitted.
  await load();
  await page.click('input[name="immediate_danger"][value="yes"]');
  await page.waitForSelector("#triage-actions");
  const now = await page.$eval("#triage-actions li", (el) => el.innerText);
  check("safety first: 'yes' to immediate danger shows 'Call 999' before submitting", now.includes("999") && now.startsWith("Now"), now);
  await axe("triage");

  // The language guide flags wording in the judgement reason as it is typed.
  await load();
  await page.type("#judgement-reason", "She keeps putting herself at risk");
  const hint = await page.$eval("#judgement-reason-language", (el) => el.innerText);
  check("language guide: flags wording as the practitioner types", hint.includes("putting herself at risk") && hint.includes("Say who is causing the harm"), hint);
  await axe("language hint");

  check("no request to any other origin", external.length === 0, external.join("\n"));
  check("no console errors (including CSP violations)", consoleErrors.length === 0, consoleErrors.join("\n"));
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
