// What to do without the screening, written from the ruleset's own contacts (its
// `front_doors` and `local_authorities`), so the numbers are never typed twice.
//
// prepare-www.sh runs this at build time (node, through prepare-www.mjs) and writes the
// result into index.html's <noscript>, between its "fallback:start" and "fallback:end"
// markers: that is what a person sees with JavaScript off, and what <hoth-screener> shows
// when the engine cannot load. No rule logic, nothing about a child.

/** Text made safe to put in HTML. */
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
/** A phone number as a link a phone can call (kept on one line by app.css). */
export const tel = (phone) => `<a class="govuk-link hoth-tel" href="tel:${esc(phone.replace(/\s/g, ""))}">${esc(phone)}</a>`;

/**
 * Whether the ruleset marks a contact's number as not confirmed: its title says so, or its
 * source begins "Not confirmed".
 */
export function phoneUnconfirmed(door) {
  return /not confirmed/i.test(door.title || "") || /^\s*not confirmed/i.test(String(door.source || ""));
}

/** Whether the ruleset's source for this contact says its email is not confirmed yet. */
export function emailUnconfirmed(door) {
  return /^\s*not confirmed|email[^.;]*(to be confirmed|not confirmed)/i.test(String(door.source || ""));
}

/** The door's title, with "(number not confirmed: check with the council)" when the ruleset says so and the title does not. */
export function doorTitle(door) {
  const title = String(door.title || "");
  return phoneUnconfirmed(door) && !/not confirmed/i.test(title) ? `${title} (number not confirmed: check with the council)` : title;
}

/** The fallback's HTML (a GOV.UK notification banner), from a Tees-shaped ruleset. */
export function fallbackHtml(ruleset) {
  const doors = Object.fromEntries(ruleset.front_doors.map((d) => [d.id, d]));
  const areas = ruleset.local_authorities;
  const children = areas.map((a) => ({ area: a, door: doors[a.front_door] })).filter((x) => x.door);
  const adults = areas.map((a) => ({ area: a, door: doors[a.adult_front_door] })).filter((x) => x.door);
  // Out of hours: one line when every area shares the team (as the four Tees councils do).
  const ooh = new Map();
  for (const { area, door } of children) {
    if (!door.out_of_hours) continue;
    const o = door.out_of_hours, key = `${o.name}|${o.phone}|${o.hours}`;
    if (!ooh.has(key)) ooh.set(key, { o, areas: [] });
    ooh.get(key).areas.push(area.title);
  }
  const oohLines = [...ooh.values()].map(({ o, areas: names }) =>
    `<p class="govuk-body">Out of hours${ooh.size > 1 ? ` (${esc(names.join(", "))})` : ""} – ${esc(o.hours)}: the ${esc(o.name)}, ${tel(o.phone)}.</p>`).join("\n");
  const item = ({ area, door }) => `<li data-area="${esc(area.id)}"><strong>${esc(area.title)}</strong>: ${esc(doorTitle(door))}, ${tel(door.phone)}</li>`;
  return `<div class="govuk-notification-banner hoth-fallback" role="region" aria-labelledby="fallback-title">
  <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="fallback-title">What to do without the screening</h2></div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-body">The screening needs JavaScript and WebAssembly, and they are turned off or blocked in this browser. You can still act now.</p>
    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>If a child is in danger now, or is missing now, call <a class="govuk-link" href="tel:999">999</a> and ask for the police.</strong></div>
    <ul class="govuk-list govuk-list--bullet">
      <li>If you think a crime has been committed and no one is in danger now, call the police on <a class="govuk-link" href="tel:101">101</a>.</li>
      <li>Tell your safeguarding lead today (in a school or college, the designated safeguarding lead). Do not wait for them if a child is in danger.</li>
    </ul>
    <h3 class="govuk-heading-s">Then call the front door for the area the child lives in</h3>
    <p class="govuk-body-s">The front door is the council team that takes safeguarding referrals about children.</p>
    <ul class="govuk-list hoth-fallback-doors">
      ${children.map(item).join("\n      ")}
    </ul>
    ${oohLines}
    <h3 class="govuk-heading-s">For a young person aged 18 to 25</h3>
    <p class="govuk-body-s">Raise an adult safeguarding concern with adult social care for the area they live in.</p>
    <ul class="govuk-list hoth-fallback-adults">
      ${adults.map(item).join("\n      ")}
    </ul>
  </div>
</div>`;
}
