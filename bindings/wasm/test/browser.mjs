// The screening page in headless Chromium (puppeteer-core + axe-core), used as a teacher
// would: clicks and keys only, then checks what the page shows against the contract, the
// seeds (titles, contacts) and the native CLI (the reference engine: the JSON record and
// the SAFER summary must be byte-identical to it). Never against values the page produced.
//
//   every result state (no current indicators, incomplete, low, moderate, significant, adult)
//     at 320, 375 and 1280 px: zero axe violations (WCAG 2.2 AA tags), no horizontal scroll
//   triage: "Call 999" on "Yes" to immediate danger before submitting, and above the error summary
//   the error summary: page order, "Error: " title, no duplicates, links focus the first input,
//     radio errors on the fieldset
//   the basis asked for each yes and sent as concern_basis; judgement fields only when chosen
//   start again; the warning before leaving with answers
//   a keyboard-only run of a realistic case (Tab, arrows, space, Enter; typing the numbers),
//     which prints its number of tab stops; the printed result on at most 2 A4 pages
//   the page loads only the core wasm to screen (not the checker module); typing a judgement
//     reason loads the checker once and shows the language guide's hint
//   offline reload through the service worker (the server stopped); WASM blocked and
//     JavaScript off: the fallback with 999, 101 and the four front doors from the seeds
//   no request to any other origin; no console errors
//
// Usage: node test/browser.mjs http://127.0.0.1:PORT/index.html   (test/serve-and-test.sh)
// Ends with "N passed, N failed"; exit status 1 when anything failed.
import puppeteer from "puppeteer-core";
import { readFileSync, readdirSync, mkdtempSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const www = join(here, "..", "www");
const url = process.argv[2];
if (!url) { console.error("usage: node test/browser.mjs http://127.0.0.1:PORT/index.html"); process.exit(2); }
const origin = new URL(url).origin;
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");
if (!existsSync(native)) { console.error(`no native CLI at ${native} (the reference): cargo build --release -p hoth-cli, or set HOTH_BIN`); console.log("0 passed, 1 failed"); process.exit(1); }
const axeSource = readFileSync(join(here, "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [320, 375, 1280];
const seeds = JSON.parse(readFileSync(join(root, "seeds", "tees-hoth.ruleset.json"), "utf8"));
const golden = (name) => JSON.parse(readFileSync(join(root, "tests", "golden", `${name}.json`), "utf8")).request;
const started = Date.now();

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name}${detail ? `\n     ${String(detail).slice(0, 1500).replace(/\n/g, "\n     ")}` : ""}`); }
};
// A step that throws is one failure, and the run goes on.
async function step(name, fn) {
  try { await fn(); } catch (e) { check(`${name} (ran to the end)`, false, e && e.stack ? e.stack : String(e)); }
}

// ---- the reference: the native CLI and the seeds -------------------------------------
const nativeScreen = (req) => {
  try { return { ok: true, text: execFileSync(native, ["screen", "-"], { input: JSON.stringify(req) }).toString().trim() }; }
  catch (e) { return { ok: false, text: String(e.stdout || "").trim() }; }
};
const nativeSummary = (outcome, html = false) => execFileSync(native, ["summary", ...(html ? ["--html"] : []), "-"], { input: outcome }).toString();
const seedTitle = Object.fromEntries(seeds.indicators.map((i) => [i.id, i.title]));
const questionTitle = (pointer) => seeds.questions.find((q) => q.field === pointer).title;
const doorOf = (la, adult) => {
  const area = seeds.local_authorities.find((a) => a.id === la);
  return seeds.front_doors.find((d) => d.id === (adult ? area.adult_front_door : area.front_door));
};
const digits = (phone) => phone.replace(/\s/g, "");

// ---- the browser ---------------------------------------------------------------------
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, userDataDir: mkdtempSync(join(tmpdir(), "hoth-pp-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const external = [], consoleErrors = [];

/** A page with the listeners every test needs. `allowFailedLoads`: a test that blocks files on purpose. */
async function open({ context = browser.defaultBrowserContext(), width = 1280, allowFailedLoads = false, pageOrigin = origin } = {}) {
  const page = await context.newPage();
  await page.setViewport({ width, height: 900 });
  page.dialogs = [];
  page.on("dialog", async (d) => { page.dialogs.push(d.type()); await d.accept(); });
  page.on("request", (r) => { const u = r.url(); if (!/^(data|blob):/.test(u) && new URL(u).origin !== pageOrigin) external.push(u); });
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (allowFailedLoads && /Failed to load resource|ERR_FAILED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|WebAssembly|wasm/i.test(m.text())) return;
    consoleErrors.push(`${m.text()} (${page.url()})`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${e} (${page.url()})`));
  return page;
}
async function load(page, where = url) {
  await page.goto(where, { waitUntil: "load" });
  await page.waitForFunction(() => document.body.dataset.ready === "true", { timeout: 20000 });
}
async function axe(page, state) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
  check(`axe: zero violations (${state})`, result.violations.length === 0,
    JSON.stringify(result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target) }))));
}
const noHorizontalScroll = async (page, state) => {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    widest: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && getComputedStyle(e).visibility !== "hidden")
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join(".")} right=${Math.round(e.getBoundingClientRect().right)}`) }));
  check(`no horizontal scroll (${state})`, m.scroll <= m.client, JSON.stringify(m));
};
async function atWidths(page, state) {
  for (const w of WIDTHS) {
    await page.setViewport({ width: w, height: 900 });
    await axe(page, `${state}, ${w} px`);
    await noHorizontalScroll(page, `${state}, ${w} px`);
  }
  await page.setViewport({ width: 1280, height: 900 });
}
const visible = (page, sel) => page.$eval(sel, (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)).catch(() => false);

/** Answers a request's questions by clicking and typing, as a person would. */
async function fill(page, req) {
  const pick = (name, value) => page.click(`input[name="${name}"][value="${value}"]`);
  for (const k of ["immediate_danger", "crime_suspected", "disclosure"]) if (req[k]) await pick(k, req[k]);
  if (req.screened_by) await page.select("#screened_by", req.screened_by);
  if (req.local_authority) await pick("local_authority", req.local_authority);
  const c = req.child || {};
  if (c.age_years !== undefined) await page.type("#child-age_years", String(c.age_years));
  for (const f of ["learning_disability", "looked_after", "care_leaver", "send", "open_case"]) if (c[f]) await pick(`child.${f}`, c[f]);
  if (c.education) await page.select("#child-education", c.education);
  for (const ind of seeds.indicators.map((i) => i.id)) {
    const a = (req.indicators || {})[ind];
    if (!a) continue;
    await pick(`ind.${ind}`, a);
    const basis = (req.concern_basis || {})[ind];
    if (basis && basis !== "not_stated") await pick(`basis.${ind}`, basis);
  }
  const h = req.history || {};
  if (h.missing_episodes_last_90_days !== undefined && h.missing_episodes_last_90_days !== null) await page.type("#history-missing_episodes_last_90_days", String(h.missing_episodes_last_90_days));
  if (h.re_referral_within_12_months) await pick("history.re_referral_within_12_months", h.re_referral_within_12_months);
  if ((req.threshold_descriptors || []).length) {
    await page.click(".hoth-section details summary");
    for (const d of req.threshold_descriptors) await page.click(`#desc-${d}`);
  }
  const j = req.professional_judgement;
  if (j) {
    await pick("judgement.direction", j.direction);
    await page.type("#judgement-reason", j.reason);
    await page.type("#judgement-recorded_by_role", j.recorded_by_role);
  }
}
async function screenAndWait(page) {
  await page.click("#screen-button");
  await page.waitForSelector("#result:not([hidden]), .govuk-error-summary", { timeout: 10000 });
}
// Pages of the page printed on A4, with the margins www/app.css's @page gives (wider than
// Chrome's default, so the count is not flattered): the PDF's page objects.
async function pdfPages(p) {
  const pdf = Buffer.from(await p.pdf({ format: "A4", margin: { top: "14mm", right: "14mm", bottom: "16mm", left: "14mm" } }));
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}
// The page's own text as a person sees it must carry no ids and no rule names.
const ID_LIKE = /\b[a-z]+(?:_[a-z0-9]+)+\b|\bR\d{1,2}\b/;

try {
  const page = await open();

  // ---- the form ----------------------------------------------------------------------
  await step("the form", async () => {
    await load(page);
    const legends = await page.$$eval("#screening-form legend", (ls) => ls.map((l) => l.textContent.trim()));
    check("every indicator is asked by its title from the ruleset", seeds.indicators.every((i) => legends.includes(i.title)), legends.join(" | "));
    check("the three safety questions come first, in the ruleset's words",
      JSON.stringify(legends.slice(0, 3)) === JSON.stringify(["/immediate_danger", "/crime_suspected", "/disclosure"].map(questionTitle)), legends.slice(0, 3).join(" | "));
    // Labels are data: the sections' headings from the ruleset, the fixed values' from the schemas.
    const groups = await page.$$eval("#screening-form .hoth-group", (hs) => hs.map((h) => h.textContent.trim()));
    const harmSections = seeds.sections.filter((s) => seeds.indicators.some((i) => i.section === s.id && i.category === "harm")).map((s) => s.title);
    check("signs of harm are headed by the ruleset's section titles, in its order", JSON.stringify(groups) === JSON.stringify(harmSections), groups.join(" | "));
    const schemaTitles = (file, name) => JSON.parse(readFileSync(join(root, "schemas", file), "utf8")).$defs[name].oneOf.map((v) => v.title);
    const options = async (sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.textContent.trim()).slice(1));
    check("education's options are the schema's titles", JSON.stringify(await options("#child-education")) === JSON.stringify(schemaTitles("outcome.schema.json", "Education")));
    check("who is screening: the schema's titles (not known is not choosing)",
      JSON.stringify(await options("#screened_by")) === JSON.stringify(schemaTitles("outcome.schema.json", "ScreenedBy").slice(0, -1)));
    const text = await page.$eval("main", (m) => m.innerText);
    check("the form's text has no ids or rule names", !ID_LIKE.test(text), (text.match(ID_LIKE) || [])[0]);
    for (const term of ["front door", "looked after", "care leaver", "Section 47", "Harm Outside the Home (HOTH)"]) {
      check(`a hint explains "${term}"`, await page.evaluate((t) => [...document.querySelectorAll(".govuk-hint, .govuk-details__text, .govuk-body, .govuk-list li")].some((e) => e.textContent.toLowerCase().includes(t.toLowerCase()) && e.textContent.length > t.length + 40), term));
    }
    const counts = await page.$$eval("nav .hoth-count", (s) => s.map((e) => e.textContent));
    check("sections show how much is answered (the safety section: 0 of 3)", counts[0] === "0 of 3 answered" && counts.length >= 5, JSON.stringify(counts));
    await page.click('input[name="crime_suspected"][value="no"]');
    check("answering a question counts it", (await page.$eval("nav .hoth-count", (e) => e.textContent)) === "1 of 3 answered");
    check("GOV.UK Frontend is started (its script ran)", await page.evaluate(() => document.body.classList.contains("govuk-frontend-supported") && !!document.querySelector('[data-module="govuk-button"][data-govuk-button-init]')));
    const lint = await page.evaluate(async (t) => { const m = await import("./index.js"); return JSON.parse(await m.lintJson(t)); }, text);
    check("the form's wording passes the language guide (no victim-blaming words)", lint.length === 0, JSON.stringify(lint));
    await page.goto("about:blank");
    await load(page);
    await atWidths(page, "empty form");
  });

  // ---- what a plain screening loads: the core module only ----------------------------
  await step("on demand", async () => {
    const context = await browser.createBrowserContext();
    const p = await open({ context });
    const engineFiles = [];
    p.on("request", (r) => { const path = new URL(r.url()).pathname; if (/\.wasm$|\/pkg\/.*\.js$/.test(path)) engineFiles.push(path); });
    try {
      await load(p);
      const req = golden("r0_no_current_indicators");
      await fill(p, req);
      await screenAndWait(p);
      const record = await p.$eval("#record", (el) => el.value).catch(() => "(no record)");
      check("on demand: a plain screening gives the native record", record === nativeScreen(req).text, record.slice(0, 200));
      check("on demand: the page loads the core module and its glue only, not the checker", JSON.stringify(engineFiles) === JSON.stringify(["/pkg/hoth_wasm.js", "/pkg/hoth_wasm_bg.wasm"]), JSON.stringify(engineFiles));
      // The judgement's reason is linted as it is typed: that loads the checker, once.
      await p.click('input[name="judgement.direction"][value="raise"]');
      await p.type("#judgement-reason", "He is putting himself at risk.");
      await p.waitForFunction(() => /Language guide/.test(document.querySelector("#judgement-reason-language").textContent), { timeout: 10000 });
      const hint = await p.$eval("#judgement-reason-language", (el) => el.innerText);
      check("on demand: typing a judgement reason shows the language guide's hint", /putting himself at risk/.test(hint), hint);
      const checkerFiles = engineFiles.filter((f) => f.includes("hoth_checker"));
      check("on demand: the checker module is loaded once, on first use", JSON.stringify(checkerFiles) === JSON.stringify(["/pkg/hoth_checker.js", "/pkg/hoth_checker_bg.wasm"]), JSON.stringify(engineFiles));
    } finally { await p.close(); await context.close(); }
  });

  // ---- every result state ------------------------------------------------------------
  const STATES = [
    ["no current indicators", "r0_no_current_indicators"],
    ["incomplete", "r11_gaps_in_catalogue_order"],
    ["low (a judgement lowers it)", "r9_lower_above_floor"],
    ["moderate (evidenced and professional concern)", "evidence_split"],
    ["significant", "significant_by_score"],
    ["adult (19)", "r10_age_19_adult"],
  ];
  let startAgainChecked = false;
  for (const [state, name] of STATES) {
    await step(`result: ${state}`, async () => {
      const req = golden(name);
      await load(page);
      await page.evaluate(() => { window.__summaries = []; document.addEventListener("hoth-summary", (e) => window.__summaries.push(e.detail)); });
      await fill(page, req);
      await screenAndWait(page);
      const ref = nativeScreen(req);
      const record = await page.$eval("#record", (el) => el.value).catch(() => "(no record)");
      check(`${state}: the record is byte-identical to the native CLI`, ref.ok && record === ref.text, `${record.slice(0, 300)}\n---\n${ref.text.slice(0, 300)}`);
      const o = JSON.parse(ref.text);
      const adult = req.child.age_years >= 18;
      const level = seeds.concern_levels.find((l) => l.id === o.hoth_concern);
      const panel = await page.$eval(".govuk-panel", (el) => el.innerText);
      check(`${state}: the panel gives the level in the ruleset's words`, panel.includes(level.title), panel);
      const resultText = await page.$eval("#result", (el) => el.innerText);
      check(`${state}: never says "no risk"`, !/no risk/i.test(resultText));
      check(`${state}: the result's text has no ids or rule names`, !ID_LIKE.test(resultText), (resultText.match(ID_LIKE) || [])[0]);
      const lint = await page.evaluate(async (t) => JSON.parse(await (await import("./index.js")).lintJson(t)), resultText);
      check(`${state}: the result's wording passes the language guide`, lint.length === 0, JSON.stringify(lint));
      if (adult) check(`${state}: children's levels do not apply from 18 (no level shown)`, !/Level \d/.test(panel) && panel.includes("does not apply from 18"), panel);
      else check(`${state}: the threshold is the local authority's label`, panel.includes(seeds.local_authorities.find((a) => a.id === req.local_authority).threshold_labels[String(o.threshold.level)]), panel);
      const actions = await page.$$eval("#actions > li", (lis) => lis.map((li) => li.innerText));
      check(`${state}: "What to do now" is the actions' texts, in the engine's order`, actions.length === o.actions.length && o.actions.every((a, i) => actions[i].endsWith(a.text)), JSON.stringify(actions).slice(0, 600));
      const door = doorOf(req.local_authority, adult);
      const tels = await page.$$eval("#front-door a[href^='tel:']", (as) => as.map((a) => a.getAttribute("href")));
      check(`${state}: the ${adult ? "adult social care" : "front door"} number from the seeds is a link a phone can call`, tels.includes(`tel:${digits(door.phone)}`) && tels.includes(`tel:${digits(door.out_of_hours.phone)}`) && tels.includes("tel:999"), JSON.stringify(tels));
      if (/not confirmed/i.test(door.title) || /^\s*not confirmed/i.test(door.source)) {
        check(`${state}: a contact the seeds mark as not confirmed says so`, /not confirmed/i.test(await page.$eval("#front-door", (e) => e.innerText)));
      }
      const signs = await page.$$eval("#signs > li", (lis) => lis.map((li) => li.innerText));
      const words = { evidenced: "(evidenced)", professional_concern: "(professional concern)", not_stated: "(basis not stated)" };
      check(`${state}: signs of harm by their questions, each with its basis`, o.indicators_present.harm.length === 0 ? signs.length === 1 && /none/i.test(signs[0])
        : o.indicators_present.harm.every((i, n) => signs[n] === `${seedTitle[i]} ${words[(req.concern_basis || {})[i] || "not_stated"]}`), JSON.stringify(signs));
      const why = await page.$$eval("#why > li", (lis) => lis.map((li) => li.firstChild.textContent));
      const reasons = [...new Set(o.reasons.map((r) => r.text))];
      check(`${state}: "Why" is each reason's sentence once, with its source behind a toggle`, JSON.stringify(why) === JSON.stringify(reasons)
        && (await page.$$eval("#why details.govuk-details", (d) => d.length)) === why.length, JSON.stringify(why).slice(0, 400));
      const context = await page.$eval("#context", (el) => el.innerText);
      check(`${state}: the child's context by question`, context.includes(questionTitle("/child/age_years")) && context.includes(String(req.child.age_years)), context.slice(0, 200));
      if (!o.complete) {
        const n = o.information_gaps.length + o.other_gaps.length;
        const gaps = await page.$$eval("#gaps li", (lis) => lis.map((li) => li.textContent));
        const expected = [...o.other_gaps.map(questionTitle), ...o.information_gaps.map((i) => seedTitle[i])];
        check(`${state}: the gaps, by question, with how many (${n})`, resultText.includes(`${n} questions are not answered yet`) && JSON.stringify(gaps) === JSON.stringify(expected) && panel.includes("provisional"), JSON.stringify(gaps));
      }
      const summaries = await page.evaluate(() => window.__summaries);
      check(`${state}: the SAFER summary (hoth-summary event) is byte-identical to the native CLI`, summaries.length === 1 && summaries[0] === nativeSummary(ref.text), (summaries[0] || "").slice(0, 200));
      const shown = await page.$eval("#safer-summary", (el) => el.textContent.replace(/\s+/g, " ").trim());
      const cliHtmlText = await page.evaluate((h) => { const t = document.createElement("template"); t.innerHTML = h; t.content.querySelectorAll("style").forEach((s) => s.remove()); return t.content.textContent.replace(/\s+/g, " ").trim(); }, nativeSummary(ref.text, true));
      check(`${state}: the SAFER summary on screen is the CLI's printable summary`, shown === cliHtmlText, `${shown.slice(0, 200)}\n---\n${cliHtmlText.slice(0, 200)}`);
      check(`${state}: focus moves to the result`, await page.evaluate(() => document.activeElement.id === "result-heading"));
      if (o.hoth_concern === "significant") check(`${state}: the first thing to do is tagged "Now"`, actions[0].startsWith("Now"), actions[0]);
      await atWidths(page, state);

      if (!startAgainChecked) {
        startAgainChecked = true;
        await page.click("#start-again-result");
        const s = await page.evaluate(() => ({
          checked: [...document.querySelectorAll("#screening-form input:checked")].map((i) => `${i.name}=${i.value}`),
          texts: [...document.querySelectorAll("#screening-form input[type=text], #screening-form textarea")].map((i) => i.value).join(""),
          selects: [...document.querySelectorAll("#screening-form select")].map((s) => s.value).join(""),
          result: document.getElementById("result").hidden, triage: document.getElementById("triage-slot").innerHTML.trim(),
          focus: document.activeElement.tagName, count: document.querySelector("nav .hoth-count").textContent,
        }));
        check("start again clears every answer, the result and the banners, and focuses the heading",
          JSON.stringify(s.checked) === JSON.stringify(["judgement.direction="]) && !s.texts && !s.selects && s.result && !s.triage && s.focus === "H1" && s.count === "0 of 3 answered", JSON.stringify(s));
        page.dialogs.length = 0;
        await load(page);
        check("after start again, leaving asks nothing (no answers)", page.dialogs.length === 0, JSON.stringify(page.dialogs));
      }
    });
  }

  // ---- safety first: triage before submit, above the error summary ------------------
  await step("triage", async () => {
    await load(page);
    await page.click('input[name="immediate_danger"][value="yes"]');
    const banner = await page.waitForSelector("#triage-slot .hoth-triage", { timeout: 2000 }).then(() => page.$eval("#triage-slot", (el) => el.innerText)).catch(() => "");
    check('"Yes" to immediate danger shows "Call 999" at once, before submitting', /Call 999/.test(banner) && !(await page.$(".govuk-error-summary")), banner);
    check("the banner is a link a phone can call (tel:999) and is announced (role alert)", await page.$eval("#triage-slot", (el) => !!el.querySelector('a[href="tel:999"]') && !!el.querySelector('[role="alert"]')));
    check("the banner is above everything else in the page's content", await page.evaluate(() => {
      const b = document.querySelector("#triage-slot .hoth-triage"), h1 = document.querySelector("main h1");
      return !!(b.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING) && b.getBoundingClientRect().bottom <= h1.getBoundingClientRect().top;
    }));
    await axe(page, "triage banner");
    await page.click("#screen-button");
    await page.waitForSelector(".govuk-error-summary");
    const order = await page.evaluate(() => {
      const b = document.querySelector("#triage-slot .hoth-triage"), s = document.querySelector(".govuk-error-summary");
      return { text: b ? b.innerText : "", above: !!b && !!(b.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) && b.getBoundingClientRect().bottom <= s.getBoundingClientRect().top };
    });
    check('"Call 999" stays above the error summary after submitting', /Call 999/.test(order.text) && order.above, JSON.stringify(order));
    await page.click('input[name="immediate_danger"][value="no"]');
    check('changing the answer to "No" takes the 999 banner away', !/999 now/.test(await page.$eval("#triage-slot", (el) => el.innerText)));
  });

  // ---- the error summary --------------------------------------------------------------
  await step("errors", async () => {
    await load(page);
    await page.click('input[name="judgement.direction"][value="raise"]');
    await page.type("#child-age_years", "31");
    await screenAndWait(page);
    const summary = await page.$$eval(".govuk-error-summary__list a", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
    // The reference: the native engine's help sentences for the same request.
    const req = { child: { age_years: 31 }, indicators: {}, concern_basis: {}, history: {}, threshold_descriptors: [], professional_judgement: { direction: "raise", reason: "", recorded_by_role: "" } };
    const ref = nativeScreen(req);
    const helps = ref.ok ? [] : [...new Set(JSON.parse(ref.text).errors.map((e) => e.help))];
    check("the error summary lists every problem once, in the engine's help sentences", summary.length === helps.length && helps.every((h) => summary.some((s) => s.text === h)) && new Set(summary.map((s) => s.text)).size === summary.length,
      `${JSON.stringify(summary.map((s) => s.text))}\n${JSON.stringify(helps)}`);
    check('the title starts "Error: "', (await page.title()).startsWith("Error: "), await page.title());
    const where = await page.evaluate(() => [...document.querySelectorAll(".govuk-error-summary__list a")].map((a) => {
      const t = document.querySelector(a.getAttribute("href"));
      const group = t && t.closest(".govuk-form-group");
      const all = [...document.querySelectorAll("#screening-form input, #screening-form select, #screening-form textarea")];
      return { index: all.indexOf(t), first: !!group && group.querySelector("input, select, textarea") === t,
        inline: !!group && group.classList.contains("govuk-form-group--error") && (group.querySelector(".govuk-error-message:not([hidden])") || {}).textContent === `Error: ${a.textContent}` };
    }));
    check("errors are listed in the order of the questions on the page", where.every((w, i) => w.index >= 0 && (i === 0 || w.index > where[i - 1].index)), JSON.stringify(where));
    check("each link goes to its question's first input, which shows the same message inline", where.every((w) => w.first && w.inline), JSON.stringify(where));
    check("focus moves to the error summary", await page.evaluate(() => !!document.activeElement.closest(".govuk-error-summary")));
    const radios = await page.$$eval(".govuk-form-group--error", (gs) => gs.filter((g) => g.querySelector("input[type=radio]")).map((g) => {
      const fs = g.querySelector("fieldset"), msg = g.querySelector(".govuk-error-message:not([hidden])");
      return !!msg && (fs.getAttribute("aria-describedby") || "").split(" ").includes(msg.id) && ![...g.querySelectorAll("input")].some((i) => (i.getAttribute("aria-describedby") || "").includes(msg.id));
    }));
    check("a radio question's error is on its fieldset (aria-describedby), not on each radio", radios.length >= 4 && radios.every(Boolean), JSON.stringify(radios));
    check("the age field's error is on the field (aria-describedby, error style)", await page.$eval("#child-age_years", (i) => i.classList.contains("govuk-input--error") && (i.getAttribute("aria-describedby") || "").includes("child-age_years-error")));
    await axe(page, "error summary");
    await atWidths(page, "error summary");
    await page.click(".govuk-error-summary__list li:first-child a");
    const focused = await page.evaluate(() => {
      const el = document.activeElement, l = el.closest("fieldset")?.querySelector("legend"), r = l && l.getBoundingClientRect();
      return { name: el.name, value: el.value, legendInView: !!r && r.top >= -1 && r.bottom <= innerHeight + 1 };
    });
    check("the first link focuses the first safety question's first answer, its question in view (GOV.UK Frontend)", focused.name === "immediate_danger" && focused.value === "yes" && focused.legendInView, JSON.stringify(focused));
    const ageLink = summary.findIndex((s) => s.href === "#child-age_years");
    await page.click(`.govuk-error-summary__list li:nth-child(${ageLink + 1}) a`);
    check("the age link focuses the age field", await page.evaluate(() => document.activeElement.id === "child-age_years"));
    await screenAndWait(page);
    check("submitting again does not repeat messages", (await page.$$eval(".govuk-error-summary__list a", (as) => as.length)) === summary.length
      && (await page.$$eval(".govuk-error-message:not([hidden])", (ms) => ms.length)) === summary.length && (await page.title()).match(/Error: /g).length === 1);
    check("no result is shown with errors", await page.$eval("#result", (el) => el.hidden));
  });

  // ---- the basis of each yes; judgement fields -----------------------------------------
  await step("basis and judgement", async () => {
    await load(page);
    const basisShown = () => visible(page, "#group-basis-missing_overnight");
    check("the basis is not asked before a yes", !(await basisShown()));
    await page.click('input[name="ind.missing_overnight"][value="yes"]');
    check("a yes asks how it is known (evidence or professional concern)", await basisShown());
    await page.click('input[name="ind.missing_overnight"][value="no"]');
    check("changing the yes to no hides it again", !(await basisShown()));
    await page.click('input[name="ind.missing_overnight"][value="yes"]');
    await page.click('input[name="basis.missing_overnight"][value="professional_concern"]');
    await page.click('input[name="ind.unexplained_money_or_goods"][value="yes"]');
    await page.click('input[name="basis.unexplained_money_or_goods"][value="evidenced"]');
    await page.click('input[name="ind.unexplained_money_or_goods"][value="no"]'); // the basis of a yes taken back is not sent
    await page.click('input[name="ind.missing_episode"][value="yes"]');            // a yes with no basis chosen: not stated
    check("judgement fields are hidden until a judgement is chosen", !(await visible(page, "#judgement-reason")));
    await page.click('input[name="judgement.direction"][value="raise"]');
    check("choosing a judgement asks for its reason and role", (await visible(page, "#judgement-reason")) && (await visible(page, "#judgement-recorded_by_role")));
    await page.click('input[name="judgement.direction"][value=""]');
    check("choosing no judgement hides them again", !(await visible(page, "#judgement-reason")));
    const req = { immediate_danger: "no", crime_suspected: "no", disclosure: "no", local_authority: "hartlepool", child: { age_years: 15 } };
    await fill(page, req);
    await screenAndWait(page);
    const record = await page.$eval("#record", (el) => el.value).catch(() => "{}");
    const sent = { ...req, indicators: { missing_overnight: "yes", unexplained_money_or_goods: "no", missing_episode: "yes" }, concern_basis: { missing_overnight: "professional_concern" } };
    const ref = nativeScreen(sent);
    check("the basis is sent as concern_basis (the record is the native outcome of exactly those answers)", record === ref.text, record.slice(0, 300));
    const basis = JSON.parse(record).screening?.concern_basis || {};
    check("a yes with no basis chosen is recorded as not stated, never as evidenced", basis.missing_episode === "not_stated" && basis.missing_overnight === "professional_concern" && !("unexplained_money_or_goods" in basis), JSON.stringify(basis));
  });

  // ---- the warning before leaving -------------------------------------------------------
  await step("leaving", async () => {
    await load(page);
    page.dialogs.length = 0;
    await load(page);
    check("leaving an empty form asks nothing", page.dialogs.length === 0, JSON.stringify(page.dialogs));
    await page.click('input[name="disclosure"][value="no"]');
    await load(page);
    check("leaving with answers warns first (beforeunload)", JSON.stringify(page.dialogs) === JSON.stringify(["beforeunload"]), JSON.stringify(page.dialogs));
    check("nothing is stored: the answers are gone after leaving", (await page.$$eval("#screening-form input:checked", (is) => is.length)) === 1
      && (await page.evaluate(() => localStorage.length + sessionStorage.length)) === 0 && (await page.evaluate(() => document.cookie)) === "");
  });

  // ---- keyboard only: a realistic case --------------------------------------------------
  // A teacher: a 14-year-old in Middlesbrough, looked after and excluded, missing overnight
  // (evidenced) and with goods that cannot be explained (a professional concern), three
  // missing episodes; a crime not known; the rest not known yet.
  const realistic = {
    screened_by: "school_or_college", local_authority: "middlesbrough",
    child: { age_years: 14, learning_disability: "no", looked_after: "yes", send: "not_known", education: "excluded" },
    immediate_danger: "no", crime_suspected: "not_known", disclosure: "no",
    indicators: { missing_overnight: "yes", unexplained_money_or_goods: "yes", peers_of_concern: "not_known", carrying_weapon: "no" },
    concern_basis: { missing_overnight: "evidenced", unexplained_money_or_goods: "professional_concern" },
    history: { missing_episodes_last_90_days: 3, re_referral_within_12_months: "no" }, threshold_descriptors: [],
  };
  let printPage = null;
  await step("keyboard", async () => {
    await load(page);
    const plan = {
      immediate_danger: realistic.immediate_danger, crime_suspected: realistic.crime_suspected, disclosure: realistic.disclosure,
      local_authority: realistic.local_authority, "history.re_referral_within_12_months": realistic.history.re_referral_within_12_months,
      ...Object.fromEntries(Object.entries(realistic.child).filter(([k]) => k !== "age_years" && k !== "education").map(([k, v]) => [`child.${k}`, v])),
      ...Object.fromEntries(Object.entries(realistic.indicators).map(([k, v]) => [`ind.${k}`, v])),
      ...Object.fromEntries(Object.entries(realistic.concern_basis).map(([k, v]) => [`basis.${k}`, v])),
    };
    const typed = { "child.age_years": String(realistic.child.age_years), "history.missing_episodes_last_90_days": String(realistic.history.missing_episodes_last_90_days) };
    const selects = { screened_by: realistic.screened_by, "child.education": realistic.child.education };
    let tabs = 0, reached = false;
    const done = new Set();
    for (let i = 0; i < 300 && !reached; i++) {
      await page.keyboard.press("Tab"); tabs++;
      const f = await page.evaluate(() => { const e = document.activeElement; return { id: e.id, tag: e.tagName, type: e.type, name: e.name, value: e.value,
        values: e.type === "radio" ? [...document.querySelectorAll(`input[name="${e.name}"]`)].map((r) => r.value) : e.tagName === "SELECT" ? [...e.options].map((o) => o.value) : [] }; });
      if (f.id === "screen-button") { reached = true; break; }
      if (done.has(f.name)) continue;
      if (f.type === "radio" && plan[f.name] !== undefined) {
        // Focus is on the group's first answer (nothing chosen yet): Space picks it; arrows move
        // to another answer and pick it (up from the first wraps round to the last).
        const want = f.values.indexOf(plan[f.name]), from = f.values.indexOf(f.value);
        if (want === from) await page.keyboard.press("Space");
        else if (want === f.values.length - 1 && from === 0 && f.values.length > 2) await page.keyboard.press("ArrowUp");
        else for (let k = from; k < want; k++) await page.keyboard.press("ArrowDown");
        done.add(f.name);
      } else if (f.tag === "SELECT" && selects[f.name] !== undefined) {
        const want = f.values.indexOf(selects[f.name]), from = f.values.indexOf(f.value);
        for (let k = from; k < want; k++) await page.keyboard.press("ArrowDown");
        done.add(f.name);
      } else if (f.type === "text" && typed[f.name] !== undefined) {
        await page.keyboard.type(typed[f.name]);
        done.add(f.name);
      }
    }
    check("keyboard: Tab reaches the Screen button", reached, `after ${tabs} tab stops`);
    console.log(`     keyboard-only run of the realistic case: ${tabs} tab stops from the top of the page to "Screen"`);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#result:not([hidden]), .govuk-error-summary", { timeout: 10000 });
    const record = await page.$eval("#record", (el) => el.value).catch(() => "(no result)");
    const ref = nativeScreen(realistic);
    check("keyboard: Enter screens the case, and the record is the native outcome of the planned answers", record === ref.text, `${record.slice(0, 400)}\n---\n${ref.text.slice(0, 200)}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(root, "target", "screening-result.png") }).catch(() => {}); // README's picture
    // From the result, the keyboard reaches "Print" and "Copy as text".
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
    let resultTabs = 0;
    for (; resultTabs < 80; resultTabs++) {
      if (await page.evaluate(() => document.activeElement.id === "print-summary")) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    check("keyboard: from the result, Tab reaches Print and Enter prints", await page.evaluate(() => window.__printed === 1), `${resultTabs} tab stops`);
    console.log(`     from the result's heading to "Print": ${resultTabs} tab stops`);
    await browser.defaultBrowserContext().overridePermissions(origin, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
    await page.keyboard.down("Shift"); await page.keyboard.press("Tab"); await page.keyboard.up("Shift");
    const onCopy = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => /copied|did not let/.test(document.getElementById("copy-status").textContent), { timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `(clipboard: ${e})`);
    check("keyboard: \"Copy as text\" copies the SAFER summary (the CLI's text) with the date of screening", onCopy === "copy-summary"
      && /^Date of screening: \d{1,2} \w+ \d{4}\n\n/.test(copied) && copied.endsWith(nativeSummary(ref.text)), `${onCopy}: ${copied.slice(0, 200)}`);
    printPage = page;
  });

  // ---- print ----------------------------------------------------------------------------
  await step("print", async () => {
    const p = printPage;
    if (!p) throw new Error("no result to print");
    await p.emulateMediaType("print");
    await p.setViewport({ width: 687, height: 1000 }); // A4 less the page margins at 96 dpi
    const shown = await p.evaluate(() => {
      const on = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      const cut = [...document.querySelectorAll("#result *")].filter((e) => e.getClientRects().length && (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible" || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)).map((e) => e.tagName + "." + e.className);
      return { form: on("#screening-form"), header: on(".govuk-header"), h1: on("main h1"), panel: on("#result .govuk-panel"), summary: on("#safer-summary"), buttons: on("#print-summary"), record: on("#record"), actions: on("#actions"), cut };
    });
    check("print: the result and the SAFER summary only (no form, header, buttons or record)", !shown.form && !shown.header && !shown.h1 && !shown.buttons && !shown.record && shown.panel && shown.summary, JSON.stringify(shown));
    check("print: nothing cut off at the page's width", shown.cut.length === 0, JSON.stringify(shown.cut.slice(0, 5)));
    const pages = await pdfPages(p);
    check(`print: the realistic case prints on at most 2 A4 pages (${pages})`, pages >= 1 && pages <= 2, `${pages} pages`);
    console.log(`     printed result of the realistic case: ${pages} A4 page(s)`);
    const text = await p.evaluate(() => document.querySelector("#safer-summary").innerText);
    check("print: the summary keeps its last section (Recording) and the ruleset's hash", /R – Recording/.test(text) && /sha256 [0-9a-f]{64}/.test(text));
    await p.emulateMediaType(null);
    await p.setViewport({ width: 1280, height: 900 });
    // And every example request in the seeds (among them a child in immediate danger with
    // county lines signs, and a judgement with a descriptor): each on at most 2 pages.
    const counts = [];
    for (const f of readdirSync(join(root, "seeds", "examples")).sort()) {
      await load(p);
      await fill(p, JSON.parse(readFileSync(join(root, "seeds", "examples", f), "utf8")));
      await screenAndWait(p);
      counts.push([f.replace(/\.json$/, ""), await pdfPages(p)]);
    }
    check("print: each example request in the seeds prints on at most 2 A4 pages", counts.every(([, n]) => n >= 1 && n <= 2), JSON.stringify(counts));
    console.log(`     printed examples: ${counts.map(([f, n]) => `${f} ${n}`).join(", ")}`);
  });

  // ---- offline: the service worker ------------------------------------------------------
  await step("offline", async () => {
    // A server of our own, so the test can stop it: with it gone, only the service worker can answer.
    const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
      ".woff2": "font/woff2", ".woff": "font/woff", ".ico": "image/x-icon", ".svg": "image/svg+xml", ".png": "image/png" };
    const sockets = new Set();
    const server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
      const file = join(www, path.endsWith("/") ? `${path}index.html` : path);
      if (!file.startsWith(www) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    });
    server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
    await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
    const off = `http://127.0.0.1:${server.address().port}/index.html`;
    const context = await browser.createBrowserContext();
    const p = await open({ context, pageOrigin: new URL(off).origin, allowFailedLoads: true });
    try {
      await load(p, off);
      await p.waitForFunction(() => !!navigator.serviceWorker.controller, { timeout: 15000, polling: 100 });
      const cached = await p.evaluate(async () => { const out = []; for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname); return out; });
      check("the service worker keeps the page, its CSS and JS, GOV.UK Frontend, the wasm and its data", ["/index.html", "/app.css", "/app.js", "/hoth-screener.js", "/index.js", "/vendor/govuk-frontend.min.css", "/vendor/govuk-frontend.min.js", "/pkg/hoth_wasm_bg.wasm", "/pkg/tees-hoth.ruleset.json"].every((f) => cached.includes(f)), JSON.stringify(cached));
      check("it keeps static files only (nothing with a query, nothing from another origin)", cached.every((f) => /\.(html|css|js|json|wasm|woff2?|ico|svg|png)$/.test(f)), JSON.stringify(cached));
      await new Promise((ok) => { server.close(ok); for (const s of sockets) s.destroy(); });
      await p.setOfflineMode(true);
      const response = await p.reload({ waitUntil: "load" });
      await p.waitForFunction(() => document.body.dataset.ready === "true", { timeout: 20000 });
      check("offline, with the server stopped, the page reloads from the service worker", !!response && response.fromServiceWorker());
      await fill(p, { immediate_danger: "yes", crime_suspected: "no", disclosure: "no", local_authority: "stockton_on_tees", child: { age_years: 12 } });
      await screenAndWait(p);
      const record = await p.$eval("#record", (el) => el.value).catch(() => "");
      check("offline, the form still screens (the record is the native outcome)", record === nativeScreen({ immediate_danger: "yes", crime_suspected: "no", disclosure: "no", local_authority: "stockton_on_tees", child: { age_years: 12 } }).text, record.slice(0, 200));
      check("nothing about the child is kept: only the static files are cached", await p.evaluate(async () => {
        for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) if (!/\.(html|css|js|json|wasm|woff2?|ico|svg|png)$/.test(new URL(r.url).pathname)) return false;
        return localStorage.length + sessionStorage.length === 0 && document.cookie === "" && (await indexedDB.databases()).length === 0;
      }));
    } finally { await p.close(); await context.close(); server.close(); }
  });

  // ---- WASM blocked and JavaScript off: the fallback ----------------------------------
  const fallbackChecks = async (p, state, selector) => {
    const text = await p.$eval(selector, (el) => el.innerText);
    const tels = await p.$$eval(`${selector} a[href^="tel:"]`, (as) => as.map((a) => a.getAttribute("href")));
    const doors = seeds.local_authorities.map((a) => doorOf(a.id, false)), adults = seeds.local_authorities.map((a) => doorOf(a.id, true));
    check(`${state}: the fallback gives 999, 101 and the four front doors from the seeds, as links`, ["tel:999", "tel:101", ...doors.map((d) => `tel:${digits(d.phone)}`)].every((t) => tels.includes(t))
      && doors.every((d) => text.includes(d.phone)), `${JSON.stringify(tels)}\n${text.slice(0, 600)}`);
    check(`${state}: and out of hours, and adult social care for 18 to 25`, tels.includes(`tel:${digits(doors[0].out_of_hours.phone)}`) && adults.every((d) => tels.includes(`tel:${digits(d.phone)}`)), JSON.stringify(tels));
    const unconfirmed = seeds.front_doors.filter((d) => /not confirmed/i.test(d.title) || /^not confirmed/i.test(d.source));
    check(`${state}: a number the seeds mark as not confirmed says so`, unconfirmed.length > 0 && unconfirmed.every((d) => {
      const line = text.split("\n").find((l) => l.includes(d.phone)); return !!line && /not confirmed/i.test(line);
    }), unconfirmed.map((d) => d.phone).join(", "));
  };
  await step("wasm blocked", async () => {
    const context = await browser.createBrowserContext();
    const p = await open({ context, allowFailedLoads: true });
    try {
      await p.setBypassServiceWorker(true);
      await p.setRequestInterception(true);
      p.on("request", (r) => (/\.wasm(\?|$)/.test(r.url()) ? r.abort() : r.continue()));
      await p.goto(url, { waitUntil: "load" });
      await p.waitForFunction(() => document.body.dataset.ready === "fallback", { timeout: 20000 });
      await p.waitForFunction(() => !!document.querySelector(".hoth-fallback-live a[href='tel:999']"), { timeout: 5000 });
      await fallbackChecks(p, "WASM blocked", ".hoth-fallback-live");
      check("WASM blocked: it says the screening could not start, not \"Loading\" for ever", /could not start/.test(await p.$eval("main", (m) => m.innerText)));
      await atWidths(p, "WASM blocked fallback");
    } finally { await p.close(); await context.close(); }
  });
  await step("javascript off", async () => {
    const context = await browser.createBrowserContext();
    const p = await open({ context });
    try {
      await p.setJavaScriptEnabled(false);
      await p.goto(url, { waitUntil: "load" });
      await fallbackChecks(p, "JavaScript off", ".hoth-fallback");
      check("JavaScript off: no \"Loading\" message", !/Loading/.test(await p.$eval("main", (m) => m.innerText)));
    } finally { await p.close(); await context.close(); }
  });

  check("no request to any other origin", external.length === 0, external.join("\n"));
  check("no console errors (including CSP violations)", consoleErrors.length === 0, consoleErrors.join("\n"));
} catch (e) {
  check("the browser test ran to the end", false, e && e.stack ? e.stack : String(e));
} finally {
  await browser.close();
}
console.log(`browser test: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
