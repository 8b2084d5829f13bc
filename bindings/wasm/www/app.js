// The front-door screening page: the <hoth-screener> element (hoth-screener.js) does the
// screening; this file starts GOV.UK Frontend for the page's own header, registers the
// service worker (so the page reloads offline) and fills in the footer. No rule logic,
// nothing stored, nothing sent.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

// Offline: a same-origin service worker keeps the page, GOV.UK Frontend and the engine.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});

const screener = document.querySelector("hoth-screener");
screener.addEventListener("hoth-ready", (event) => {
  const v = event.detail.versions;
  document.getElementById("versions").textContent = `hoth engine ${v.engine} · ruleset ${v.ruleset.id} ${v.ruleset.version} (sha256 ${v.ruleset.sha256.slice(0, 12)}…) · reconstructed from public practice: see each reason's source`;
  document.body.dataset.ready = "true";
});
screener.addEventListener("hoth-error", () => { document.body.dataset.ready = "fallback"; });

import("./vendor/govuk-frontend.min.js").then(({ createAll, SkipLink }) => createAll(SkipLink)).catch(() => {});
import("./hoth-screener.js").catch(() => {
  // The element itself did not load: show the page's own fallback (what to do without it).
  const noscript = screener.querySelector("noscript");
  screener.insertAdjacentHTML("beforeend", noscript ? noscript.textContent : "");
  document.body.dataset.ready = "fallback";
});
