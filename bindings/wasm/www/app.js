// The front-door screening page. Builds the questions from the ruleset, sends the answers
// to the hoth engine (WebAssembly, in this page) and shows its outcome. No rule logic here:
// what counts as valid, the levels, the actions and the reasons all come from the engine.
// Nothing leaves the browser; nothing is stored.
import init, { lintJson, rulesetJson, screenJson, summary, triageJson, versions } from "./index.js";
import { initAll, ErrorSummary } from "./vendor/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");

const ANSWERS = [["yes", "Yes"], ["no", "No"], ["not_known", "Not known"]];
const AREAS = [["hartlepool", "Hartlepool"], ["stockton_on_tees", "Stockton-on-Tees"], ["middlesbrough", "Middlesbrough"], ["redcar_and_cleveland", "Redcar and Cleveland"]];
const EDUCATION = [["", "Choose"], ["in_school", "In school"], ["alternative_provision", "Alternative provision"], ["elective_home_education", "Elective home education"],
  ["not_in_education", "Not in education"], ["excluded", "Excluded"], ["post_16_education_or_work", "Post-16 education or work"], ["not_known", "Not known"]];
const SECTIONS = { missing: "Going missing", exploitation: "Exploitation", online: "Online", violence: "Violence and weapons", health: "Health and wellbeing",
  wellbeing: "Changes in the child", peers: "Peers and relationships", context: "Vulnerabilities (context, not signs of harm)" };
const DOMAINS = { child_development: "Child's developmental needs", parenting_capacity: "Parenting capacity", family_and_environment: "Family and environment",
  context_and_sources_of_harm: "Context and sources of harm outside the home" };
const URGENCY = { immediate: "Now", same_day: "Today", within_1_working_day: "Within one working day", routine: "Routine" };

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const id = (name) => name.replace(/[^a-z0-9_-]/gi, "-");

function radios(name, legend, options, { hint = "", heading = false, small = true, inline = true } = {}) {
  const hintId = `${id(name)}-hint`;
  const items = options.map(([value, label], i) => `
      <div class="govuk-radios__item">
        <input class="govuk-radios__input" id="${id(name)}${i ? `-${value}` : ""}" name="${esc(name)}" type="radio" value="${esc(value)}">
        <label class="govuk-label govuk-radios__label" for="${id(name)}${i ? `-${value}` : ""}">${esc(label)}</label>
      </div>`).join("");
  return `
  <div class="govuk-form-group" id="group-${id(name)}">
    <fieldset class="govuk-fieldset"${hint ? ` aria-describedby="${hintId}"` : ""}>
      <legend class="govuk-fieldset__legend ${heading ? "govuk-fieldset__legend--m" : "govuk-fieldset__legend--s"}">${esc(legend)}</legend>
      ${hint ? `<div id="${hintId}" class="govuk-hint">${esc(hint)}</div>` : ""}
      <p class="govuk-error-message" id="${id(name)}-error" hidden></p>
      <div class="govuk-radios${small ? " govuk-radios--small" : ""}${inline ? " govuk-radios--inline" : ""}" data-module="govuk-radios">${items}</div>
    </fieldset>
  </div>`;
}

function textInput(name, label, { hint = "", width = "govuk-input--width-3", inputmode = "numeric" } = {}) {
  return `
  <div class="govuk-form-group" id="group-${id(name)}">
    <label class="govuk-label govuk-label--s" for="${id(name)}">${esc(label)}</label>
    ${hint ? `<div id="${id(name)}-hint" class="govuk-hint">${esc(hint)}</div>` : ""}
    <p class="govuk-error-message" id="${id(name)}-error" hidden></p>
    <input class="govuk-input ${width}" id="${id(name)}" name="${esc(name)}" type="text" inputmode="${inputmode}" spellcheck="false"${hint ? ` aria-describedby="${id(name)}-hint"` : ""}>
  </div>`;
}

function buildForm(ruleset) {
  const bySection = {};
  for (const ind of ruleset.indicators) (bySection[ind.section] ||= []).push(ind);
  const sections = Object.keys(SECTIONS).filter((s) => bySection[s]).concat(Object.keys(bySection).filter((s) => !SECTIONS[s]));
  const byDomain = {};
  for (const d of ruleset.threshold_descriptors) (byDomain[d.domain] ||= []).push(d);
  const html = `
    <h2 class="govuk-heading-m">Safety now</h2>
    ${radios("immediate_danger", "Is the child in immediate danger now?", ANSWERS, { hint: "If yes, call 999 now. You can finish this screening afterwards." })}
    ${radios("crime_suspected", "Do you suspect a crime has been committed?", ANSWERS)}
    ${radios("disclosure", "Has the child told you about harm (a disclosure)?", ANSWERS)}
    <h2 class="govuk-heading-m">About the child</h2>
    ${radios("local_authority", "Which local authority does the child live in?", AREAS, { inline: false })}
    ${textInput("child.age_years", "Age in years", { hint: "0 to 25. From 18, children's levels do not apply and adult services are involved." })}
    ${radios("child.learning_disability", "Does the child have a learning disability?", ANSWERS)}
    ${radios("child.looked_after", "Is the child looked after?", ANSWERS)}
    ${radios("child.care_leaver", "Is the young person a care leaver?", ANSWERS)}
    ${radios("child.send", "Does the child have special educational needs or disabilities (SEND)?", ANSWERS)}
    ${radios("child.open_case", title(ruleset, "/child/open_case"), ANSWERS)}
    <div class="govuk-form-group" id="group-child-education">
      <label class="govuk-label govuk-label--s" for="child-education">Education</label>
      <p class="govuk-error-message" id="child-education-error" hidden></p>
      <select class="govuk-select" id="child-education" name="child.education">${EDUCATION.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join("")}</select>
    </div>
    ${sections.map((s) => `<h2 class="govuk-heading-m">${esc(SECTIONS[s] || s)}</h2>` + bySection[s].map((ind) => radios(`ind.${ind.id}`, ind.title, ANSWERS, { hint: ind.hint })).join("")).join("")}
    <h2 class="govuk-heading-m">History</h2>
    ${textInput("history.missing_episodes_last_90_days", "Missing episodes in the last 90 days", { hint: "Leave blank if none are known." })}
    ${radios("history.re_referral_within_12_months", "Has the child been referred before in the last 12 months?", ANSWERS)}
    <h2 class="govuk-heading-m">Threshold of Need descriptors</h2>
    <details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Choose any descriptors that fit the child's situation (optional)</span></summary>
      <div class="govuk-details__text">
        ${Object.keys(DOMAINS).filter((d) => byDomain[d]).map((d) => `
        <div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${esc(DOMAINS[d])}</legend>
          <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          ${byDomain[d].map((x) => `<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="desc-${id(x.id)}" name="threshold_descriptors" type="checkbox" value="${esc(x.id)}">
            <label class="govuk-label govuk-checkboxes__label" for="desc-${id(x.id)}">${esc(x.title)} (level ${x.level})</label></div>`).join("")}
          </div></fieldset></div>`).join("")}
      </div>
    </details>
    <h2 class="govuk-heading-m">Professional judgement</h2>
    ${radios("judgement.direction", "Does your professional judgement differ from the answers?", [["", "No"], ["raise", "Raise the concern one step"], ["lower", "Lower the concern one step"]], { inline: false, hint: "Lowering never goes below the level the safety rules set. A reason is required." })}
    <div class="govuk-form-group" id="group-judgement-reason">
      <label class="govuk-label govuk-label--s" for="judgement-reason">Reason for your judgement</label>
      <div id="judgement-reason-hint" class="govuk-hint">Describe what you have seen, not the child's character. Up to 2,000 characters.</div>
      <p class="govuk-error-message" id="judgement-reason-error" hidden></p>
      <textarea class="govuk-textarea" id="judgement-reason" name="judgement.reason" rows="3" aria-describedby="judgement-reason-hint judgement-reason-language"></textarea>
      <div id="judgement-reason-language" class="govuk-hint" aria-live="polite"></div>
    </div>
    ${textInput("judgement.recorded_by_role", "Your role", { hint: "For example, designated safeguarding lead. Not your name.", width: "govuk-input--width-20", inputmode: "text" })}
    <button type="submit" class="govuk-button" data-module="govuk-button" id="screen-button">Screen</button>`;
  const form = document.getElementById("screening-form");
  form.innerHTML = html;
  form.hidden = false;
  document.getElementById("loading").hidden = true;
  document.querySelector('#group-judgement-direction input[value=""]').checked = true;
  initAll({ scope: form }); // GOV.UK Frontend's radios, checkboxes and button behaviour
}

function value(name) {
  const el = document.querySelector(`[name="${name}"]:checked`) || document.querySelector(`input[type=text][name="${name}"], select[name="${name}"], textarea[name="${name}"]`);
  return el && el.value !== "" ? el.value : undefined;
}
function number(name) {
  const v = value(name);
  if (v === undefined) return undefined;
  return /^\s*-?\d+\s*$/.test(v) ? Number(v) : v.trim(); // non-numbers go to the engine, which explains the problem
}

/** A request question's title as the ruleset words it (the ruleset's `questions`). */
function title(ruleset, pointer) {
  return (ruleset.questions || []).find((q) => q.field === pointer)?.title || pointer.split("/").pop().replace(/_/g, " ");
}

function request(ruleset) {
  const req = { local_authority: value("local_authority"), child: {}, immediate_danger: value("immediate_danger"),
    crime_suspected: value("crime_suspected"), disclosure: value("disclosure"), indicators: {}, history: {}, threshold_descriptors: [] };
  const age = number("child.age_years");
  if (age !== undefined) req.child.age_years = age;
  for (const f of ["learning_disability", "looked_after", "care_leaver", "send", "open_case", "education"]) {
    const v = value(`child.${f}`);
    if (v !== undefined) req.child[f] = v;
  }
  for (const ind of ruleset.indicators) {
    const v = value(`ind.${ind.id}`);
    if (v !== undefined) req.indicators[ind.id] = v;
  }
  const missing = number("history.missing_episodes_last_90_days");
  if (missing !== undefined) req.history.missing_episodes_last_90_days = missing;
  const rr = value("history.re_referral_within_12_months");
  if (rr !== undefined) req.history.re_referral_within_12_months = rr;
  req.threshold_descriptors = [...document.querySelectorAll('[name="threshold_descriptors"]:checked')].map((c) => c.value);
  const direction = value("judgement.direction");
  if (direction) {
    req.professional_judgement = { direction, reason: value("judgement.reason") || "", recorded_by_role: value("judgement.recorded_by_role") || "" };
  }
  for (const k of ["local_authority", "immediate_danger", "crime_suspected", "disclosure"]) if (req[k] === undefined) delete req[k];
  return req;
}

// Where on the page an error pointer belongs.
function fieldFor(pointer) {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "indicators") return `ind.${parts[1]}`;
  if (parts[0] === "professional_judgement") return `judgement.${parts[1] || "direction"}`;
  if (parts[0] === "threshold_descriptors") return "threshold_descriptors";
  return parts.slice(0, 2).join(".") || "local_authority";
}

// What to do now, from the safety answers alone (contract §8): shown above everything,
// error summary included, as soon as a safety answer, the area or the age changes.
function showTriage(ruleset) {
  const slot = document.getElementById("triage-slot");
  let t;
  try { t = JSON.parse(triageJson(JSON.stringify(request(ruleset)))); } catch { slot.innerHTML = ""; return; }
  const urgent = t.actions.filter((a) => a.urgency === "immediate" || a.urgency === "same_day");
  if (urgent.length === 0) { slot.innerHTML = ""; return; }
  slot.innerHTML = `<div class="govuk-notification-banner hoth-triage" role="alert" aria-labelledby="triage-title">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="triage-title">Do this now</h2></div>
    <div class="govuk-notification-banner__content"><ol class="govuk-list govuk-list--number" id="triage-actions">${urgent.map((a) =>
      `<li><strong>${esc(URGENCY[a.urgency] || a.urgency)}:</strong> ${esc(a.text)}</li>`).join("")}</ol>
    <p class="govuk-body">You can finish the rest of the screening afterwards.</p></div></div>`;
}

function clearErrors() {
  document.getElementById("error-summary-slot").innerHTML = "";
  document.title = document.title.replace(/^Error: /, "");
  for (const g of document.querySelectorAll(".govuk-form-group--error")) g.classList.remove("govuk-form-group--error");
  for (const m of document.querySelectorAll(".govuk-error-message")) { m.hidden = true; m.textContent = ""; }
  for (const i of document.querySelectorAll(".govuk-input--error, .govuk-textarea--error, .govuk-select--error")) i.classList.remove("govuk-input--error", "govuk-textarea--error", "govuk-select--error");
  for (const el of document.querySelectorAll("[data-error-describedby]")) {
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== el.dataset.errorDescribedby);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
    delete el.dataset.errorDescribedby;
  }
}

// Points an element's aria-describedby at an error message too (removed by clearErrors).
function describeBy(el, msgId) {
  el.setAttribute("aria-describedby", [el.getAttribute("aria-describedby"), msgId].filter(Boolean).join(" "));
  el.dataset.errorDescribedby = msgId;
}

function showErrors(errors) {
  clearErrors();
  document.getElementById("result").hidden = true;
  const form = document.getElementById("screening-form");
  // One line per problem, each worded for a person (its help), each once, in the order the
  // questions appear on the page (the engine lists them in contract order, the page asks
  // the safety questions first).
  const seen = new Set();
  const items = [];
  for (const e of errors) {
    const text = e.help || e.message;
    if (seen.has(text)) continue;
    seen.add(text);
    const field = fieldFor(e.pointer);
    const group = document.getElementById(`group-${id(field)}`);
    const target = group ? (group.querySelector("input, select, textarea") || group) : form;
    items.push({ text, field, group, target });
  }
  items.sort((a, b) => a.target === b.target ? 0 : a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  const shown = new Set();
  for (const { text, field, group } of items) {
    if (!group || shown.has(group)) continue;
    shown.add(group);
    group.classList.add("govuk-form-group--error");
    const msg = document.getElementById(`${id(field)}-error`);
    if (msg) { msg.hidden = false; msg.innerHTML = `<span class="govuk-visually-hidden">Error:</span> ${esc(text)}`; }
    const input = group.querySelector(".govuk-input, .govuk-textarea, .govuk-select");
    if (input) input.classList.add(input.classList.contains("govuk-input") ? "govuk-input--error" : input.classList.contains("govuk-textarea") ? "govuk-textarea--error" : "govuk-select--error");
    // Radios and checkboxes: the message belongs to the whole question, so to its fieldset.
    const fieldset = group.querySelector("fieldset");
    if (msg) describeBy(fieldset && !input ? fieldset : input || group, msg.id);
  }
  const slot = document.getElementById("error-summary-slot");
  slot.innerHTML = `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
    <h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
    <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items.map((i) => `<li><a href="#${esc(i.target.id)}">${esc(i.text)}</a></li>`).join("")}</ul></div></div></div>`;
  // GOV.UK Frontend focuses the summary, and its links move focus to the question (its
  // legend or label scrolled into view) rather than jumping past it.
  new ErrorSummary(slot.firstElementChild);
}

function showOutcome(o, json, ruleset) {
  clearErrors();
  const level = ruleset.concern_levels.find((l) => l.id === o.hoth_concern);
  const threshold = o.threshold ? `${esc(o.threshold.label)}` : "Not applicable: children's levels do not apply from 18";
  const actions = o.actions.map((a) => `<li><strong class="govuk-tag ${a.urgency === "immediate" || a.urgency === "same_day" ? "govuk-tag--red" : a.urgency === "within_1_working_day" ? "govuk-tag--orange" : "govuk-tag--grey"}">${esc(URGENCY[a.urgency] || a.urgency)}</strong> ${esc(a.text)}</li>`).join("");
  const why = [];
  for (const r of o.reasons) if (r.text && !why.some((w) => w.text === r.text)) why.push(r);
  const reasons = why.map((r) => `<li>${esc(r.text)}<details class="govuk-details hoth-source"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Source</span></summary><div class="govuk-details__text govuk-body-s">${esc(r.source || "")}</div></details></li>`).join("");
  const titles = Object.fromEntries(ruleset.indicators.map((i) => [i.id, i.title]));
  const open = [...o.other_gaps.map((p) => title(ruleset, p)), ...o.information_gaps.map((g) => titles[g] || g)];
  const gaps = o.complete ? `<p class="govuk-body">None: every question was answered.</p>`
    : `<p class="govuk-body">${open.length} question(s) not answered yet. Not known is not the same as no: find out and screen again.</p>
       <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Show the gaps</span></summary>
       <div class="govuk-details__text"><ul class="govuk-list govuk-list--bullet">${open.map((g) => `<li>${esc(g)}</li>`).join("")}</ul></div></details>`;
  const harm = o.indicators_present.harm.map((i) => `<li>${esc(titles[i] || i)}</li>`).join("") || "<li>None so far</li>";
  const safer = summary(json, false);
  const el = document.getElementById("result");
  el.innerHTML = `
    <div class="govuk-panel hoth-level-${esc(o.hoth_concern)}">
      <h2 class="govuk-panel__title" id="result-heading" tabindex="-1">${esc(level ? level.title : o.hoth_concern)}</h2>
      <div class="govuk-panel__body">Threshold of Need: ${threshold}</div>
    </div>
    <h2 class="govuk-heading-m">What to do now</h2>
    <ol class="govuk-list govuk-list--number hoth-actions" id="actions">${actions}</ol>
    <p class="govuk-body">Front door: <strong>${esc(o.front_door.name)}</strong>, <a class="govuk-link" href="tel:${esc(o.front_door.phone.replace(/\s/g, ""))}">${esc(o.front_door.phone)}</a>, ${esc(o.front_door.email)}</p>
    <p class="govuk-body">Out of hours: ${esc(o.front_door.out_of_hours.name)}, <a class="govuk-link" href="tel:${esc(o.front_door.out_of_hours.phone.replace(/\s/g, ""))}">${esc(o.front_door.out_of_hours.phone)}</a> (${esc(o.front_door.out_of_hours.hours)})</p>
    <h2 class="govuk-heading-m">Signs of harm answered yes</h2>
    <ul class="govuk-list govuk-list--bullet">${harm}</ul>
    <h2 class="govuk-heading-m">Why</h2>
    <ul class="govuk-list govuk-list--bullet hoth-why" id="why">${reasons}</ul>
    <h2 class="govuk-heading-m">Information gaps</h2>
    ${gaps}
    <p class="govuk-body">Screen again within ${o.rescreen_within_days} days, or sooner if anything new is known.</p>
    <h2 class="govuk-heading-m">For the SAFER referral</h2>
    <pre class="hoth-summary govuk-body-s" id="safer-summary" tabindex="0">${esc(safer)}</pre>
    <button type="button" class="govuk-button govuk-button--secondary" id="copy-summary">Copy as text</button>
    <button type="button" class="govuk-button govuk-button--secondary" id="print-summary">Print</button>
    <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Record for case systems (JSON)</span></summary><div class="govuk-details__text">
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="record">Record of this screening (JSON, for your case notes)</label>
      <textarea class="govuk-textarea hoth-record" id="record" readonly rows="8">${esc(json)}</textarea>
    </div>
    <button type="button" class="govuk-button govuk-button--secondary" id="copy-record">Copy the record</button>
    </div></details>
    <p class="govuk-body" id="copy-status" role="status"></p>`;
  el.hidden = false;
  const copy = (text, what) => async () => {
    const status = document.getElementById("copy-status");
    try { await navigator.clipboard.writeText(text); status.textContent = `${what} copied.`; }
    catch { status.textContent = `Select the ${what.toLowerCase()} and copy it.`; }
  };
  document.getElementById("copy-record").addEventListener("click", copy(json, "Record"));
  document.getElementById("copy-summary").addEventListener("click", copy(safer, "Summary"));
  document.getElementById("print-summary").addEventListener("click", () => window.print());
  document.getElementById("result-heading").focus();
}

async function main() {
  initAll(); // the header and skip link; the form's components are started once it is built
  await init();
  const ruleset = JSON.parse(rulesetJson());
  const v = JSON.parse(versions());
  document.getElementById("versions").textContent = `hoth engine ${v.engine} · ruleset ${v.ruleset.id} ${v.ruleset.version} (sha256 ${v.ruleset.sha256.slice(0, 12)}…) · reconstructed from public practice: see each reason's source`;
  buildForm(ruleset);
  // Language guide hints as the practitioner types: checked here, the text never leaves the page.
  const reason = document.getElementById("judgement-reason");
  reason.addEventListener("input", () => {
    const findings = JSON.parse(lintJson(reason.value));
    document.getElementById("judgement-reason-language").innerHTML = findings.length
      ? `<p class="govuk-body-s"><strong>Language guide:</strong></p><ul class="govuk-list govuk-list--bullet govuk-body-s">${findings.map((f) => `<li>“${esc(f.text)}”: ${esc(f.use_instead)} ${esc(f.why)}</li>`).join("")}</ul>`
      : "";
  });
  const form = document.getElementById("screening-form");
  form.addEventListener("change", (event) => {
    const name = event.target.name || "";
    if (["immediate_danger", "crime_suspected", "disclosure", "local_authority", "child.age_years"].includes(name)) showTriage(ruleset);
  });
  document.getElementById("screening-form").addEventListener("submit", (event) => {
    event.preventDefault();
    try {
      const json = screenJson(JSON.stringify(request(ruleset)));
      showOutcome(JSON.parse(json), json, ruleset);
    } catch (e) {
      showErrors(e && e.errors ? e.errors : [{ pointer: "", code: "internal", message: String(e) }]);
      showTriage(ruleset);
    }
  });
  document.body.dataset.ready = "true";
}

main();
