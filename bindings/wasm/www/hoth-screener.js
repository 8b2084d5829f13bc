// <hoth-screener>: the Harm Outside the Home screening as one tag, framework-free.
//
//   <script type="module" src="hoth-screener.js"></script>
//   <hoth-screener>
//     <h1 class="govuk-heading-l">Screen a child…</h1>   (kept, shown under the safety banner)
//     <noscript>…what to do without the screener: 999, 101, the front doors…</noscript>
//   </hoth-screener>
//
// It renders the questions from the ruleset into the page (light DOM, so GOV.UK Frontend's
// CSS applies), runs triage on every change of a safety answer, the area, the age or the
// role, screens on submit with the hoth engine (WebAssembly, in this page) and shows the
// outcome. Events (bubbling): `hoth-ready` (detail: {versions}), `hoth-triage` (detail: the
// triage outcome), `hoth-outcome` (detail: the outcome object), `hoth-summary` (detail: the
// SAFER summary as plain text), `hoth-error` (the engine did not load).
// If the engine cannot load, it shows its <noscript> child's contents instead (or, with no
// <noscript>, the same fallback written from the ruleset's contacts by fallback.js).
//
// No rule logic here: what counts as valid, the levels, the actions and the reasons all
// come from the engine. Nothing leaves the browser; nothing is stored (no storage, no
// cookies); the answers live in the form only. One screener per page (its ids are fixed).

// Contacts' wording (phone links, what is not confirmed) is fallback.js's, shared with the
// page's no-JavaScript fallback; it is a small local file, with no engine in it.
import { emailUnconfirmed, esc, fallbackHtml, tel } from "./fallback.js";

const ANSWERS = [["yes", "Yes"], ["no", "No"], ["not_known", "Not known"]];
const BASIS = [["evidenced", "Evidenced: seen, heard, told to someone or recorded"], ["professional_concern", "Professional concern: what you have noticed and worry about, without evidence yet"]];
// The contract's labels for its fixed values (education, who is screening, descriptor
// domains, urgencies) are the JSON Schemas' `oneOf` titles, read once when the engine loads
// (see `labels`), so the page restates none of them.
let EDUCATION = [], ROLES = [], DOMAINS = {}, URGENCY = {};
// Questions whose answers triage reads (contract §8): it runs on every change of one.
const TRIAGE_FIELDS = ["immediate_danger", "crime_suspected", "disclosure", "local_authority", "child.age_years", "screened_by"];

/**
 * Words a teacher may not know, in one place: each question that uses one shows it as a
 * hint, and "What these words mean" lists them all. (The ruleset has hints for its
 * indicators, not for these.)
 */
export const TERMS = {
  hoth: ["Harm Outside the Home (HOTH)", "Harm to a child from people or places outside their family: for example exploitation, going missing, violence, online harm, or abuse by other young people."],
  front_door: ["Front door", "The council team that takes safeguarding referrals about children: in Tees, the Children's Hub or the Multi-Agency Children's Hub (MACH) for the area the child lives in. For a young person aged 18 to 25, adult social care."],
  looked_after: ["Looked after", "In the care of the local authority: for example living with foster carers, in a children's home, or with family under a care order."],
  care_leaver: ["Care leaver", "A young person aged 16 to 25 who was looked after by a council for at least 13 weeks from the age of 14. They can have a personal adviser up to 25."],
  section_47: ["Section 47", "Section 47 of the Children Act 1989: when there is reasonable cause to suspect a child is suffering, or likely to suffer, significant harm, children's social care make enquiries to decide how to protect them (Level 4, child protection)."],
  section_17: ["Section 17", "Section 17 of the Children Act 1989: help for a child in need and their family (Level 3)."],
  threshold: ["Threshold of Need", "The Tees levels of need, from Level 1 (universal services) to Level 4 (child protection). The screening suggests a level; the front door decides."],
  safeguarding_lead: ["Safeguarding lead", "The person in your organisation who leads on safeguarding: in a school or college, the designated safeguarding lead (DSL)."],
  evidenced: ["Evidenced", "Seen, heard, told to you or someone else, or recorded."],
  professional_concern: ["Professional concern", "What you have noticed and worry about from your experience, without evidence yet (sometimes called a gut feeling). It matters: it is recorded as a concern, not as evidence."],
  out_of_hours: ["Out of hours", "The Emergency Duty Team takes what cannot wait for the next working day: evenings, nights, weekends and bank holidays. It is not a second front door."],
};

const lower = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const id = (name) => name.replace(/[^a-z0-9_-]/gi, "-");
// Phone numbers in the engine's texts (999, 101, "01642 524552") as links a phone can call.
const linkNumbers = (text) => esc(text).replace(/\b(999|101|0\d{3,4} ?\d{3} ?\d{3,4})\b/g, (n) => tel(n));
const linkSources = (text) => `<span class="hoth-break">${esc(text)}</span>`;

/** An outcome's front door whose email the ruleset marks as not confirmed yet. */
function outcomeEmailUnconfirmed(ruleset, door) {
  const d = ruleset.front_doors.find((x) => x.title === door.name && x.phone === door.phone);
  return !!d && emailUnconfirmed(d);
}

/**
 * The engine's printable SAFER fragment as nodes: its own <style> is dropped (the page's
 * CSP allows no inline style; app.css styles .hoth-safer), and so is anything active.
 */
function safeFragment(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  for (const el of t.content.querySelectorAll("style, script, link, iframe, object, embed, form")) el.remove();
  for (const el of t.content.querySelectorAll("*")) {
    for (const a of [...el.attributes]) if (/^on/i.test(a.name) || a.name === "style" || ((a.name === "href" || a.name === "src") && !/^(#|tel:)/.test(a.value))) el.removeAttribute(a.name);
  }
  return t.content;
}

// Without a fallback in the page (an embedding page may have none), the element writes
// one from the ruleset's contacts: data beside the engine, so it loads when the engine does not.
const MINIMAL_FALLBACK = `<p class="govuk-body">If a child is in danger now, call <a class="govuk-link" href="tel:999">999</a>. If a crime may have been committed, call <a class="govuk-link" href="tel:101">101</a>. Then tell your safeguarding lead and call the front door (children's social care) for the area the child lives in.</p>`;
async function fallbackFromData() {
  try {
    return fallbackHtml((await import("./pkg/tees-hoth.ruleset.json", { with: { type: "json" } })).default);
  } catch { return MINIMAL_FALLBACK; }
}

// The engine and GOV.UK Frontend, loaded once for every screener on the page. Both are
// imported here rather than at the top so that, if either fails to load, the element can
// still show what to do without it.
let engine;
/** A vocabulary's values and titles, in contract order, from a schema's `$defs`. */
const titles = (schema, name) => (schema.$defs[name].oneOf || []).map((v) => [v.const, v.title]);

/** The page's option lists and tags, from the outcome and ruleset schemas. */
function labels(outcome, ruleset) {
  EDUCATION = [["", "Choose"], ...titles(outcome, "Education")];
  // Not choosing is "not known": the list offers only the answers.
  ROLES = [["", "Choose"], ...titles(outcome, "ScreenedBy").filter(([v]) => v !== "not_known")];
  DOMAINS = Object.fromEntries(titles(ruleset, "DescriptorDomain"));
  URGENCY = Object.fromEntries(titles(outcome, "Urgency"));
}

function loadEngine() {
  return (engine ||= (async () => {
    const [hoth, govuk] = await Promise.all([import("./index.js"), import("./vendor/govuk-frontend.min.js")]);
    const schemas = Promise.all([hoth.schema("outcome"), hoth.schema("ruleset")]);
    await hoth.default();
    labels(...(await schemas));
    return { hoth, govuk, ruleset: JSON.parse(hoth.rulesetJson()), versions: JSON.parse(hoth.versions()) };
  })());
}

function radios(name, legend, options, { hint = "", heading = false, inline = true, conditional = {}, question = true } = {}) {
  const hintId = `${id(name)}-hint`;
  const items = options.map(([value, label], i) => {
    const inputId = `${id(name)}${i ? `-${value || "none"}` : ""}`;
    const reveal = conditional[value];
    return `
      <div class="govuk-radios__item">
        <input class="govuk-radios__input" id="${inputId}" name="${esc(name)}" type="radio" value="${esc(value)}"${reveal ? ` aria-controls="conditional-${inputId}"` : ""}>
        <label class="govuk-label govuk-radios__label" for="${inputId}">${esc(label)}</label>
      </div>${reveal ? `
      <div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-${inputId}">${reveal}</div>` : ""}`;
  }).join("");
  return `
  <div class="govuk-form-group" id="group-${id(name)}"${question ? ` data-question="${esc(name)}"` : ""}>
    <fieldset class="govuk-fieldset"${hint ? ` aria-describedby="${hintId}"` : ""}>
      <legend class="govuk-fieldset__legend ${heading ? "govuk-fieldset__legend--m" : "govuk-fieldset__legend--s"}">${esc(legend)}</legend>
      ${hint ? `<div id="${hintId}" class="govuk-hint">${esc(hint)}</div>` : ""}
      <p class="govuk-error-message" id="${id(name)}-error" hidden></p>
      <div class="govuk-radios govuk-radios--small${inline ? " govuk-radios--inline" : ""}">${items}</div>
    </fieldset>
  </div>`;
}

function textInput(name, label, { hint = "", width = "govuk-input--width-3", inputmode = "numeric", question = true } = {}) {
  return `
  <div class="govuk-form-group" id="group-${id(name)}"${question ? ` data-question="${esc(name)}"` : ""}>
    <label class="govuk-label govuk-label--s" for="${id(name)}">${esc(label)}</label>
    ${hint ? `<div id="${id(name)}-hint" class="govuk-hint">${esc(hint)}</div>` : ""}
    <p class="govuk-error-message" id="${id(name)}-error" hidden></p>
    <input class="govuk-input ${width}" id="${id(name)}" name="${esc(name)}" type="text" inputmode="${inputmode}" spellcheck="false" autocomplete="off"${hint ? ` aria-describedby="${id(name)}-hint"` : ""}>
  </div>`;
}

function select(name, label, options, { hint = "" } = {}) {
  return `
  <div class="govuk-form-group" id="group-${id(name)}" data-question="${esc(name)}">
    <label class="govuk-label govuk-label--s" for="${id(name)}">${esc(label)}</label>
    ${hint ? `<div id="${id(name)}-hint" class="govuk-hint">${esc(hint)}</div>` : ""}
    <p class="govuk-error-message" id="${id(name)}-error" hidden></p>
    <select class="govuk-select" id="${id(name)}" name="${esc(name)}"${hint ? ` aria-describedby="${id(name)}-hint"` : ""}>${options.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join("")}</select>
  </div>`;
}

const glossary = (summaryText) => `
  <details class="govuk-details hoth-glossary">
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${esc(summaryText)}</span></summary>
    <div class="govuk-details__text"><dl class="hoth-terms">${Object.values(TERMS).map(([t, d]) => `<dt class="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-0">${esc(t)}</dt><dd class="govuk-body-s govuk-!-margin-left-0">${esc(d)}</dd>`).join("")}</dl></div>
  </details>`;

/** A request question's title as the ruleset words it (the ruleset's `questions`). */
function title(ruleset, pointer) {
  return (ruleset.questions || []).find((q) => q.field === pointer)?.title || pointer.split("/").pop().replace(/_/g, " ");
}

// Where on the page an error pointer belongs.
function fieldFor(pointer) {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "indicators") return `ind.${parts[1]}`;
  if (parts[0] === "concern_basis") return `basis.${parts[1]}`;
  if (parts[0] === "professional_judgement") return `judgement.${parts[1] || "direction"}`;
  if (parts[0] === "threshold_descriptors") return "threshold_descriptors";
  return parts.length ? parts.slice(0, 2).join(".") : null; // "": no question behind it
}

export class HothScreener extends HTMLElement {
  connectedCallback() {
    // A warning before leaving with answers: the answers live in the form only, so a reload
    // or a closed tab loses them (nothing is stored, on purpose).
    this._unload ||= (event) => { if (this.hasAnswers) { event.preventDefault(); event.returnValue = ""; } };
    window.addEventListener("beforeunload", this._unload);
    if (this._started) return;
    this._started = true;
    // With scripting on, a <noscript>'s contents are its text: the page's own fallback
    // (index.html's is written from the ruleset's contacts by prepare-www.mjs).
    const noscript = this.querySelector(":scope > noscript");
    this._fallback = noscript ? noscript.textContent : null;
    this.insertAdjacentHTML("afterbegin", `
      <div id="triage-slot"></div>
      <div id="error-summary-slot"></div>
      <section id="result" class="hoth-result" hidden aria-labelledby="result-heading"></section>`);
    this.insertAdjacentHTML("beforeend", `<div id="hoth-body"><p class="govuk-body" id="loading">Loading the screening rules…</p></div>`);
    const slow = setTimeout(() => this.fail("slow"), 15000);
    loadEngine().then((e) => { clearTimeout(slow); this.start(e); }, (err) => { clearTimeout(slow); this.fail(err); });
  }

  disconnectedCallback() { window.removeEventListener("beforeunload", this._unload); }

  /** The engine could not load (or is very slow): say what to do without it. */
  fail(why) {
    const body = this.querySelector("#hoth-body");
    if (!body || this.form) return;
    const stillTrying = why === "slow";
    const loading = this.querySelector("#loading");
    if (loading) loading.textContent = stillTrying ? "The screening is taking a long time to load. While you wait, this is what to do:" : "The screening could not start in this browser. This is what to do without it:";
    if (!this.querySelector(".hoth-fallback-live")) {
      const box = document.createElement("div");
      box.className = "hoth-fallback-live";
      body.append(box);
      if (this._fallback) box.innerHTML = this._fallback;
      else fallbackFromData().then((html) => { box.innerHTML = html; });
    }
    if (!stillTrying) this.dataset.state = "fallback";
    this.dispatchEvent(new CustomEvent("hoth-error", { bubbles: true, detail: { reason: String(why) } }));
  }

  start({ hoth, govuk, ruleset, versions }) {
    this.hoth = hoth; this.govuk = govuk; this.ruleset = ruleset; this.versions = versions;
    const body = this.querySelector("#hoth-body");
    body.innerHTML = this.formHtml();
    this.form = body.querySelector("#screening-form");
    this.resetForm();
    govuk.initAll({ scope: body }); // GOV.UK Frontend: checkboxes and buttons (the radios' reveals are ours: see syncReveals)
    this.form.addEventListener("change", (event) => this.changed(event.target));
    this.form.addEventListener("input", (event) => { if (event.target.type === "text") this.countAnswers(); });
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.screen(); });
    this.querySelector("#start-again").addEventListener("click", () => this.startAgain());
    // Language guide hints as the practitioner types: checked here, the text never leaves the
    // page. The lint is in the engine's checker module, loaded on the first keystroke (not
    // with the page); only the newest text's findings are shown, and if the checker cannot
    // load, the form works on without hints.
    const reason = this.querySelector("#judgement-reason");
    let typed = 0;
    reason.addEventListener("input", async () => {
      const mine = ++typed;
      let findings;
      try { findings = JSON.parse(await hoth.lintJson(reason.value)); } catch { findings = []; }
      if (mine !== typed) return;
      this.querySelector("#judgement-reason-language").innerHTML = findings.length
        ? `<p class="govuk-body-s"><strong>Language guide:</strong></p><ul class="govuk-list govuk-list--bullet govuk-body-s">${findings.map((f) => `<li>“${esc(f.text)}”: ${esc(f.use_instead)} ${esc(f.why)}</li>`).join("")}</ul>`
        : "";
    });
    this.dataset.state = "ready";
    this.dispatchEvent(new CustomEvent("hoth-ready", { bubbles: true, detail: { versions } }));
  }
  formHtml() {
    const r = this.ruleset;
    const t = (p) => title(r, p);
    const harm = {}, context = [];
    for (const ind of r.indicators) if (ind.category === "vulnerability") context.push(ind); else (harm[ind.section] ||= []).push(ind);
    // Sections in the order the ruleset heads them (its `sections`), then any it does not list.
    const heading = Object.fromEntries((r.sections || []).map((s) => [s.id, s.title]));
    const groups = (r.sections || []).map((s) => s.id).filter((g) => harm[g]).concat(Object.keys(harm).filter((g) => !(g in heading)));
    const byDomain = {};
    for (const d of r.threshold_descriptors) (byDomain[d.domain] ||= []).push(d);
    const basis = (ind) => radios(`basis.${ind.id}`, "How do you know?", BASIS, { inline: false, question: false,
      hint: "Both count. If you are not sure, leave this and it is recorded as not stated." });
    const indicator = (ind) => radios(`ind.${ind.id}`, ind.title, ANSWERS, { hint: ind.hint, inline: false, conditional: { yes: basis(ind) } });
    const sections = [
      ["Safety now", `
        ${radios("immediate_danger", t("/immediate_danger"), ANSWERS, { hint: "This includes a child who is missing now. If yes, call 999 now: you can finish this screening afterwards." })}
        ${radios("crime_suspected", t("/crime_suspected"), ANSWERS)}
        ${radios("disclosure", t("/disclosure"), ANSWERS)}`],
      ["About you and the child", `
        ${select("screened_by", "Where do you work?", ROLES, { hint: `So that the actions name the right person to tell first. ${TERMS.safeguarding_lead[1]}` })}
        ${radios("local_authority", "Which local authority does the child live in?", r.local_authorities.map((a) => [a.id, a.title]), { inline: false, hint: `This decides the front door. ${TERMS.front_door[1]}` })}
        ${textInput("child.age_years", t("/child/age_years"), { hint: "In whole years, 0 to 25. From 18, children's levels do not apply and adult social care is the front door." })}
        ${radios("child.learning_disability", t("/child/learning_disability"), ANSWERS)}
        ${radios("child.looked_after", t("/child/looked_after"), ANSWERS, { hint: TERMS.looked_after[1] })}
        ${radios("child.care_leaver", t("/child/care_leaver"), ANSWERS, { hint: `${TERMS.care_leaver[1]} Leave this for a child under 16.` })}
        ${radios("child.send", t("/child/send"), ANSWERS)}
        ${radios("child.open_case", t("/child/open_case"), ANSWERS)}
        ${select("child.education", "Education", EDUCATION)}`],
      ["Signs of harm", `
        <p class="govuk-body">Signs that harm may already be happening. For each yes, say whether it is evidenced or a professional concern.</p>
        ${groups.map((g) => `<h3 class="govuk-heading-s hoth-group">${esc(heading[g] || g.replace(/_/g, " "))}</h3>${harm[g].map(indicator).join("")}`).join("")}`],
      ["Vulnerabilities", `
        <p class="govuk-body">Things in the child's life that can make them more vulnerable. They are context, not signs of harm, and are reported apart from them.</p>
        ${context.map(indicator).join("")}`],
      ["History", `
        ${textInput("history.missing_episodes_last_90_days", t("/history/missing_episodes_last_90_days"), { hint: "A number, 0 or more. Leave blank if you do not know." })}
        ${radios("history.re_referral_within_12_months", t("/history/re_referral_within_12_months"), ANSWERS)}`],
      ["Threshold of Need and your judgement", `
        <p class="govuk-body">Optional. ${esc(TERMS.threshold[1])}</p>
        <ul class="govuk-list govuk-list--bullet govuk-body-s">
          <li><strong>${esc(TERMS.section_17[0])}</strong>: ${esc(TERMS.section_17[1])}</li>
          <li><strong>${esc(TERMS.section_47[0])}</strong>: ${esc(TERMS.section_47[1])}</li>
        </ul>
        <details class="govuk-details">
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Choose any Threshold of Need descriptors that fit the child's situation</span></summary>
          <div class="govuk-details__text">
            ${Object.keys(DOMAINS).filter((d) => byDomain[d]).concat(Object.keys(byDomain).filter((d) => !DOMAINS[d])).map((d) => `
            <div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${esc(DOMAINS[d] || d)}</legend>
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              ${byDomain[d].map((x) => `<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="desc-${id(x.id)}" name="threshold_descriptors" type="checkbox" value="${esc(x.id)}">
                <label class="govuk-label govuk-checkboxes__label" for="desc-${id(x.id)}">${esc(x.title)} (level ${x.level})</label></div>`).join("")}
              </div></fieldset></div>`).join("")}
          </div>
        </details>
        ${radios("judgement.direction", t("/professional_judgement/direction"), [["", "No, it does not"], ["raise", "It raises the concern one step"], ["lower", "It lowers the concern one step"]], { inline: false, hint: "Lowering never goes below the level the safety rules set. You will be asked for a reason." })}
        <div id="judgement-details" hidden>
          <div class="govuk-form-group" id="group-judgement-reason">
            <label class="govuk-label govuk-label--s" for="judgement-reason">Reason for your judgement</label>
            <div id="judgement-reason-hint" class="govuk-hint">Describe what you have seen and heard, not the child's character. Do not name anyone. Up to 2,000 characters.</div>
            <p class="govuk-error-message" id="judgement-reason-error" hidden></p>
            <textarea class="govuk-textarea" id="judgement-reason" name="judgement.reason" rows="3" aria-describedby="judgement-reason-hint judgement-reason-language"></textarea>
            <div id="judgement-reason-language" class="govuk-hint" aria-live="polite"></div>
          </div>
          ${textInput("judgement.recorded_by_role", "Your role", { hint: "For example, designated safeguarding lead. Not your name.", width: "govuk-input--width-20", inputmode: "text", question: false })}
        </div>`],
    ];
    this.sectionCount = sections.length;
    return `
      <p class="govuk-body">${esc(TERMS.hoth[0])} means ${esc(lower(TERMS.hoth[1]))}</p>
      <p class="govuk-body">Answer what you know. <strong>Not known is not the same as no</strong>: leave a question unanswered or choose “Not known”, and it will be listed as a gap to find out about.</p>
      ${glossary("What the words in this screening mean")}
      <nav class="hoth-contents" aria-labelledby="contents-heading">
        <h2 class="govuk-heading-s" id="contents-heading">${sections.length} sections, then screen</h2>
        <ol class="govuk-list govuk-list--number">${sections.map(([name], i) => `<li><a class="govuk-link" href="#section-${i + 1}">${esc(name)}</a> <span class="govuk-body-s hoth-count" data-count="${i + 1}"></span></li>`).join("")}</ol>
      </nav>
      <form id="screening-form" novalidate>
        ${sections.map(([name, html], i) => `
        <section class="hoth-section" id="section-${i + 1}" aria-labelledby="section-${i + 1}-heading">
          <h2 class="govuk-heading-m" id="section-${i + 1}-heading"><span class="govuk-caption-m">Section ${i + 1} of ${sections.length}</span>${esc(name)}</h2>
          <p class="govuk-body-s hoth-count" data-count="${i + 1}"></p>
          ${html}
        </section>`).join("")}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button" id="screen-button">Screen</button>
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="start-again">Start again</button>
        </div>
      </form>`;
  }

  /** True when anything has been answered (the judgement's "No" is the form's default). */
  get hasAnswers() {
    if (!this.form) return false;
    for (const el of this.form.elements) {
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked && el.value !== "") return true; }
      else if ((el.type === "text" || el.tagName === "TEXTAREA" || el.tagName === "SELECT") && el.value.trim() !== "") return true;
    }
    return false;
  }

  value(name) {
    const el = this.form.querySelector(`[name="${name}"]:checked`) || this.form.querySelector(`input[type=text][name="${name}"], select[name="${name}"], textarea[name="${name}"]`);
    return el && el.value !== "" ? el.value : undefined;
  }

  number(name) {
    const v = this.value(name);
    if (v === undefined) return undefined;
    return /^\s*-?\d+\s*$/.test(v) ? Number(v) : v.trim(); // non-numbers go to the engine, which explains the problem
  }

  request() {
    const req = { local_authority: this.value("local_authority"), child: {}, immediate_danger: this.value("immediate_danger"),
      crime_suspected: this.value("crime_suspected"), disclosure: this.value("disclosure"), indicators: {}, concern_basis: {}, history: {}, threshold_descriptors: [] };
    const age = this.number("child.age_years");
    if (age !== undefined) req.child.age_years = age;
    for (const f of ["learning_disability", "looked_after", "care_leaver", "send", "open_case", "education"]) {
      const v = this.value(`child.${f}`);
      if (v !== undefined) req.child[f] = v;
    }
    for (const ind of this.ruleset.indicators) {
      const v = this.value(`ind.${ind.id}`);
      if (v !== undefined) req.indicators[ind.id] = v;
      const b = v === "yes" ? this.value(`basis.${ind.id}`) : undefined; // a basis belongs to a yes only
      if (b !== undefined) req.concern_basis[ind.id] = b;
    }
    const missing = this.number("history.missing_episodes_last_90_days");
    if (missing !== undefined) req.history.missing_episodes_last_90_days = missing;
    const rr = this.value("history.re_referral_within_12_months");
    if (rr !== undefined) req.history.re_referral_within_12_months = rr;
    req.threshold_descriptors = [...this.form.querySelectorAll('[name="threshold_descriptors"]:checked')].map((c) => c.value);
    const direction = this.value("judgement.direction");
    if (direction) {
      req.professional_judgement = { direction, reason: this.value("judgement.reason") || "", recorded_by_role: this.value("judgement.recorded_by_role") || "" };
    }
    const role = this.value("screened_by");
    if (role !== undefined) req.screened_by = role;
    for (const k of ["local_authority", "immediate_danger", "crime_suspected", "disclosure"]) if (req[k] === undefined) delete req[k];
    return req;
  }

  changed(target) {
    const name = target.name || "";
    if (target.type === "radio") this.syncReveals(name);
    if (name === "judgement.direction") this.querySelector("#judgement-details").hidden = !target.value;
    if (TRIAGE_FIELDS.includes(name)) this.triage();
    this.countAnswers();
  }

  /**
   * Shows the follow-up question under the chosen answer ("How do you know?" under a yes)
   * and hides the others. GOV.UK Frontend's radios would do this too, but they also put
   * aria-expanded on each radio, which ARIA does not allow there (axe: aria-allowed-attr;
   * alphagov/govuk-frontend#979); the follow-up comes straight after its answer, in reading
   * and tab order, and aria-controls names it.
   */
  syncReveals(name) {
    for (const input of this.form.querySelectorAll(`input[type="radio"][name="${name}"][aria-controls]`)) {
      const panel = this.querySelector(`#${input.getAttribute("aria-controls")}`);
      if (panel) panel.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  }

  /** "3 of 8 answered" for each section, in its heading and in the list of sections. */
  countAnswers() {
    for (const section of this.form.querySelectorAll(".hoth-section")) {
      const n = section.id.replace("section-", "");
      const questions = [...section.querySelectorAll("[data-question]")].filter((q) => q.dataset.question !== "judgement.direction");
      const text = questions.length === 0 ? "Optional"
        : `${questions.filter((q) => this.value(q.dataset.question) !== undefined).length} of ${questions.length} answered`;
      for (const el of this.querySelectorAll(`.hoth-count[data-count="${n}"]`)) el.textContent = text;
    }
  }

  // What to do now, from the safety answers alone (contract §8): shown above everything,
  // error summary included, as soon as a safety answer, the area, the age or the role changes.
  // Before the first "Screen", "answer the safety questions" is shown only when one was
  // answered "Not known" (a person still working down the form is answering them).
  // With a result on screen, only what is to be done now (immediate) stays in the banner.
  triage() {
    const slot = this.querySelector("#triage-slot");
    let t;
    try { t = JSON.parse(this.hoth.triageJson(JSON.stringify(this.request()))); } catch { return; }
    this.dispatchEvent(new CustomEvent("hoth-triage", { bubbles: true, detail: t }));
    const askNow = this._submitted || ["immediate_danger", "crime_suspected", "disclosure"].some((k) => this.value(k) === "not_known");
    // With a result on screen (it lists every action), the banner keeps what cannot wait at all.
    const resultShown = !this.querySelector("#result").hidden;
    const urgent = t.actions.filter((a) => (a.urgency === "immediate" || (a.urgency === "same_day" && !resultShown)) && (a.id !== "answer_safety_questions" || askNow));
    const heading = urgent.some((a) => a.id === "call_999") ? "Call 999 now" : urgent.some((a) => a.urgency === "immediate") ? "Do this now" : "Do this today";
    const html = urgent.length === 0 ? "" : `<div class="govuk-notification-banner hoth-triage" role="alert" aria-labelledby="triage-title">
      <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="triage-title">${heading}</h2></div>
      <div class="govuk-notification-banner__content"><ol class="govuk-list govuk-list--number" id="triage-actions">${urgent.map((a) =>
        `<li><strong>${esc(URGENCY[a.urgency] || a.urgency)}:</strong> ${linkNumbers(a.text)}</li>`).join("")}</ol>
      <p class="govuk-body">You can finish the rest of the screening afterwards.</p></div></div>`;
    if (html !== this._triageHtml) { slot.innerHTML = html; this._triageHtml = html; } // unchanged: not announced again
  }

  clearErrors() {
    this.querySelector("#error-summary-slot").innerHTML = "";
    document.title = document.title.replace(/^Error: /, "");
    for (const g of this.querySelectorAll(".govuk-form-group--error")) g.classList.remove("govuk-form-group--error");
    for (const m of this.querySelectorAll(".govuk-error-message")) { m.hidden = true; m.textContent = ""; }
    for (const i of this.querySelectorAll(".govuk-input--error, .govuk-textarea--error, .govuk-select--error")) i.classList.remove("govuk-input--error", "govuk-textarea--error", "govuk-select--error");
    for (const el of this.querySelectorAll("[data-error-describedby]")) {
      const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== el.dataset.errorDescribedby);
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
      delete el.dataset.errorDescribedby;
    }
  }

  showErrors(errors) {
    this.clearErrors();
    const result = this.querySelector("#result");
    result.hidden = true; result.innerHTML = "";
    // One line per question, worded for a person (its help), each message once, in the order
    // the questions appear on the page (the engine lists them in contract order; the page
    // asks the safety questions first). A problem with no question behind it comes first,
    // linked to the start of the form.
    const seen = new Set(), byGroup = new Map(), loose = [];
    for (const e of errors) {
      const text = e.help || "Check the form: something in it could not be read";
      if (seen.has(text)) continue;
      const field = fieldFor(e.pointer);
      const group = field ? this.querySelector(`#group-${id(field)}`) : null;
      if (group && byGroup.has(group)) continue; // one message per question: the first
      seen.add(text);
      if (group) byGroup.set(group, { text, field, group, target: group.querySelector("input, select, textarea") || group });
      else loose.push({ text, field: null, group: null, target: this.form });
    }
    const items = [...loose, ...[...byGroup.values()].sort((a, b) => a.group.compareDocumentPosition(b.group) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)];
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
    for (const { text, field, group } of items) {
      if (!group) continue;
      group.classList.add("govuk-form-group--error");
      const msg = this.querySelector(`#${id(field)}-error`);
      if (msg) { msg.hidden = false; msg.innerHTML = `<span class="govuk-visually-hidden">Error:</span> ${esc(text)}`; }
      const input = group.querySelector(".govuk-input, .govuk-textarea, .govuk-select");
      if (input) input.classList.add(input.classList.contains("govuk-input") ? "govuk-input--error" : input.classList.contains("govuk-textarea") ? "govuk-textarea--error" : "govuk-select--error");
      // Radios: the message belongs to the whole question, so to its fieldset.
      const fieldset = group.querySelector("fieldset");
      const described = input || fieldset || group;
      if (msg) {
        described.setAttribute("aria-describedby", [described.getAttribute("aria-describedby"), msg.id].filter(Boolean).join(" "));
        described.dataset.errorDescribedby = msg.id;
      }
    }
    const slot = this.querySelector("#error-summary-slot");
    slot.innerHTML = `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
      <h2 class="govuk-error-summary__title">There is a problem</h2>
      <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items.map((i) => `<li><a href="#${esc(i.target.id)}">${esc(i.text)}</a></li>`).join("")}</ul></div></div></div>`;
    // GOV.UK Frontend focuses the summary, and its links move focus to the question's first
    // input with its legend or label scrolled into view, rather than jumping past it.
    new this.govuk.ErrorSummary(slot.firstElementChild);
  }

  screen() {
    this._submitted = true;
    let json;
    try {
      json = this.hoth.screenJson(JSON.stringify(this.request()));
    } catch (e) {
      this.showErrors(e && Array.isArray(e.errors) ? e.errors : [{ pointer: "", code: "internal", message: String(e),
        help: "Something went wrong in the screening: if a child may be in danger, call 999; otherwise call the front door" }]);
      this.triage(); // its banner's place is above the error summary
      return;
    }
    this.showOutcome(JSON.parse(json), json);
    this.triage();
  }

  showOutcome(o, json) {
    this.clearErrors();
    const r = this.ruleset;
    const s = o.screening;
    const level = r.concern_levels.find((l) => l.id === o.hoth_concern);
    const threshold = o.threshold ? `Threshold of Need: ${esc(o.threshold.label)}${o.threshold.provisional ? " (provisional until every question is answered)" : ""}`
      : "Threshold of Need: does not apply from 18 (adult services)";
    const urgencyTag = (u) => u === "immediate" || u === "same_day" ? "govuk-tag--red" : u === "within_1_working_day" ? "govuk-tag--yellow" : "govuk-tag--grey";
    const actions = o.actions.map((a) => `<li><strong class="govuk-tag ${urgencyTag(a.urgency)}">${esc(URGENCY[a.urgency] || a.urgency)}</strong> ${linkNumbers(a.text)}</li>`).join("");
    const why = [];
    for (const x of o.reasons) if (x.text && !why.some((w) => w.text === x.text)) why.push(x);
    const reasons = why.map((x) => `<li>${esc(x.text)}${x.source ? `<details class="govuk-details hoth-source"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Source</span></summary><div class="govuk-details__text govuk-body-s">${linkSources(x.source)}</div></details>` : ""}</li>`).join("");
    const titles = Object.fromEntries(r.indicators.map((i) => [i.id, i.title]));
    const basisWords = { evidenced: "evidenced", professional_concern: "professional concern", not_stated: "basis not stated" };
    const basisOf = (i) => basisWords[(s.concern_basis || {})[i]] || basisWords.not_stated;
    const open = [...o.other_gaps.map((p) => title(r, p)), ...o.information_gaps.map((g) => titles[g] || g)];
    const gaps = o.complete ? `<p class="govuk-body">None: every question was answered.</p>`
      : `<p class="govuk-body">${open.length === 1 ? "1 question is" : `${open.length} questions are`} not answered yet. Not known is not the same as no: find out what you can and screen again.</p>
         <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Show the unanswered questions</span></summary>
         <div class="govuk-details__text"><ul class="govuk-list govuk-list--bullet" id="gaps">${open.map((g) => `<li>${esc(g)}</li>`).join("")}</ul></div></details>`;
    const list = (ids) => ids.map((i) => `<li>${esc(titles[i] || i)} <span class="govuk-body-s">(${esc(basisOf(i))})</span></li>`).join("");
    const harm = list(o.indicators_present.harm) || "<li>None answered yes</li>";
    const vulnerabilities = list(o.indicators_present.vulnerability) || "<li>None answered yes</li>";
    const fd = o.front_door;
    const contacts = fd ? `
      <dl class="govuk-summary-list hoth-contacts" id="front-door">
        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${s.child.age_years >= 18 ? "Adult social care" : "Front door"}</dt>
          <dd class="govuk-summary-list__value">${esc(fd.name)}<br>${tel(fd.phone)}${fd.email ? `<br><span class="hoth-break">${esc(fd.email)}</span>${outcomeEmailUnconfirmed(r, fd) ? " (email not confirmed: check with the council)" : ""}` : ""}</dd></div>
        ${fd.out_of_hours ? `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Out of hours</dt>
          <dd class="govuk-summary-list__value">${esc(fd.out_of_hours.name)}<br>${tel(fd.out_of_hours.phone)}<br><span class="govuk-body-s">${esc(fd.out_of_hours.hours)}</span></dd></div>` : ""}
        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">In an emergency</dt>
          <dd class="govuk-summary-list__value">Police ${tel("999")}, or ${tel("101")} when no one is in danger now</dd></div>
      </dl>` : "";
    const safer = this.hoth.summary(json, false);
    const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    const el = this.querySelector("#result");
    el.innerHTML = `
      <div class="govuk-panel hoth-level-${esc(o.hoth_concern)}">
        <h2 class="govuk-panel__title" id="result-heading" tabindex="-1">${esc(level ? level.title : o.concern_text)}</h2>
        <div class="govuk-panel__body">${threshold}</div>
      </div>
      <p class="govuk-body hoth-concern-text">${esc(o.concern_text)}. This is what the screening suggests; the front door decides.</p>
      <p class="govuk-body-s" id="screened-on">Screened on ${esc(today)}.</p>
      <div class="hoth-screen-only">
        <h2 class="govuk-heading-m">What to do now</h2>
        <ol class="govuk-list govuk-list--number hoth-actions" id="actions">${actions}</ol>
        ${contacts ? `<h2 class="govuk-heading-m">Who to contact</h2>${contacts}` : ""}
        <h2 class="govuk-heading-m">Signs of harm answered yes</h2>
        <ul class="govuk-list govuk-list--bullet" id="signs">${harm}</ul>
        <h2 class="govuk-heading-m">Vulnerabilities answered yes</h2>
        <ul class="govuk-list govuk-list--bullet" id="vulnerabilities">${vulnerabilities}</ul>
        <h2 class="govuk-heading-m">About the child</h2>
        ${this.contextHtml(s)}
        <h2 class="govuk-heading-m">Why the screening suggests this</h2>
        <ul class="govuk-list govuk-list--bullet hoth-why" id="why">${reasons}</ul>
        <h2 class="govuk-heading-m">Unanswered questions</h2>
        ${gaps}
        <p class="govuk-body">Screen again within ${esc(o.rescreen_within_days)} days, or sooner if anything new is known.</p>
        ${glossary("What these words mean")}
      </div>
      <div class="hoth-summary" id="safer-summary"></div>
      <div class="govuk-button-group hoth-screen-only">
        <button type="button" class="govuk-button govuk-button--secondary" id="copy-summary">Copy as text</button>
        <button type="button" class="govuk-button govuk-button--secondary" id="print-summary">Print</button>
      </div>
      <p class="govuk-body hoth-screen-only" id="copy-status" role="status"></p>
      <details class="govuk-details hoth-screen-only"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Record for case systems (JSON)</span></summary><div class="govuk-details__text">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-label--s" for="record">Record of this screening (JSON, for a case system)</label>
          <textarea class="govuk-textarea hoth-record" id="record" readonly rows="8">${esc(json)}</textarea>
        </div>
        <button type="button" class="govuk-button govuk-button--secondary" id="copy-record">Copy the record</button>
      </div></details>
      <p class="govuk-body hoth-screen-only"><a class="govuk-link" href="#section-1" id="change-answers">Change your answers</a></p>
      <button type="button" class="govuk-button govuk-button--warning hoth-screen-only" id="start-again-result">Start again with a new screening</button>`;
    const summaryBox = this.querySelector("#safer-summary");
    summaryBox.append(safeFragment(this.hoth.summary(json, true)));
    // Long lists (the unanswered questions) print in two columns, to keep a typical case on two pages.
    for (const ul of summaryBox.querySelectorAll("ul")) if (ul.children.length > 8) ul.classList.add("hoth-long-list");
    el.hidden = false;
    const copy = (text, what) => async () => {
      const status = this.querySelector("#copy-status");
      try { await navigator.clipboard.writeText(text); status.textContent = `${what} copied.`; }
      catch { status.textContent = `Your browser did not let the page copy. Select the ${what.toLowerCase()} and copy it.`; }
    };
    this.querySelector("#copy-record").addEventListener("click", copy(json, "Record"));
    this.querySelector("#copy-summary").addEventListener("click", copy(`Date of screening: ${today}\n\n${safer}`, "Summary"));
    this.querySelector("#print-summary").addEventListener("click", () => window.print());
    this.querySelector("#start-again-result").addEventListener("click", () => this.startAgain());
    this.querySelector("#result-heading").focus();
    this.dispatchEvent(new CustomEvent("hoth-outcome", { bubbles: true, detail: o }));
    this.dispatchEvent(new CustomEvent("hoth-summary", { bubbles: true, detail: safer }));
  }

  /** The child's context as the engine read it: each answer by its question's title. */
  contextHtml(s) {
    const r = this.ruleset, t = (p) => title(r, p);
    const word = (a) => ({ yes: "Yes", no: "No", not_known: "Not known" }[a] || a);
    const area = r.local_authorities.find((a) => a.id === s.local_authority);
    const rows = [
      ["Which local authority does the child live in?", area ? area.title : s.local_authority],
      [t("/child/age_years"), String(s.child.age_years)],
      [t("/child/learning_disability"), word(s.child.learning_disability)],
      [t("/child/looked_after"), word(s.child.looked_after)],
      ...(s.child.age_years >= 16 ? [[t("/child/care_leaver"), word(s.child.care_leaver)]] : []),
      [t("/child/send"), word(s.child.send)],
      [t("/child/open_case"), word(s.child.open_case)],
      ["Education", (EDUCATION.find(([v]) => v === s.child.education) || [, s.child.education])[1]],
      [t("/history/missing_episodes_last_90_days"), s.history.missing_episodes_last_90_days === null ? "Not known" : String(s.history.missing_episodes_last_90_days)],
      [t("/history/re_referral_within_12_months"), word(s.history.re_referral_within_12_months)],
      ["Screened by", (ROLES.find(([v]) => v === s.screened_by && v) || [, "Not said"])[1]],
    ];
    return `<dl class="govuk-summary-list" id="context">${rows.map(([k, v]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(k)}</dt><dd class="govuk-summary-list__value">${esc(v)}</dd></div>`).join("")}</dl>`;
  }

  resetForm() {
    this.form.reset();
    this.querySelector('#group-judgement-direction input[value=""]').checked = true;
    this.querySelector("#judgement-details").hidden = true;
    this.querySelector("#judgement-reason-language").innerHTML = "";
    for (const c of this.form.querySelectorAll(".govuk-radios__conditional")) c.classList.add("govuk-radios__conditional--hidden");
    this.countAnswers();
  }

  /** Clears every answer, the result and the banners, and takes focus back to the top. */
  startAgain() {
    this._submitted = false;
    this.clearErrors();
    this.resetForm();
    this.querySelector("#triage-slot").innerHTML = ""; this._triageHtml = "";
    const result = this.querySelector("#result");
    result.hidden = true; result.innerHTML = "";
    const top = this.querySelector("h1") || this.querySelector("#section-1-heading");
    if (!top.hasAttribute("tabindex")) top.setAttribute("tabindex", "-1");
    window.scrollTo(0, 0);
    top.focus();
  }
}

if (!customElements.get("hoth-screener")) customElements.define("hoth-screener", HothScreener);
