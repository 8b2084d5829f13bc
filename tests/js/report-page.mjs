// The report's HTML opens from disk in headless Chromium with no console errors and no
// request for anything but the file itself (no network, no JavaScript from elsewhere).
// Usage: node tests/js/report-page.mjs REPORT.html [SCREENSHOT.png]
import puppeteer from "puppeteer-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const file = resolve(process.argv[2]);
const url = pathToFileURL(file).href;
let passed = 0, failed = 0;
const check = (name, ok, detail = "") => { if (ok) passed++; else { failed++; console.error(`FAIL ${name}\n${detail}`); } };
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, userDataDir: mkdtempSync(join(tmpdir(), "hoth-report-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const errors = [], requests = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  await page.setViewport({ width: 1100, height: 1400 });
  await page.goto(url, { waitUntil: "load" });
  check("no console errors or warnings", errors.length === 0, errors.join("\n"));
  check("no request but the file itself", requests.every((u) => u === url), requests.join("\n"));
  check("no scripts in the page", (await page.$$("script")).length === 0);
  check("the tables are there", (await page.$$eval("h2", (hs) => hs.map((h) => h.id))).join(",").includes("by_concern,by_threshold,by_harm_type,by_local_authority,top_gaps,actions_by_urgency,judgement"));
  check("a chart for each count table", (await page.$$("svg")).length >= 6);
  if (process.argv[3]) await page.screenshot({ path: process.argv[3] });
} finally {
  await browser.close();
}
console.log(`report page: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
