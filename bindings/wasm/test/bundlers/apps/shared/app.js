// The app every bundler builds: the smallest form that uses @hoth-tees/hoth. It reads a
// screening request as JSON from the page, screens it in the browser and shows the outcome
// JSON (byte for byte what the native engine gives), runs triage on the same text, and
// shows the request schema, loaded on demand by `schema()` and imported statically through
// the package's exports map. Nothing is sent anywhere: there is no server behind this page.
//
// "Check wording" runs the language guide (lintJson), which loads the package's second
// module, the checker, on first use: the bundler must have emitted it too.
//
// Each bundler's main.js calls start(): Vite and webpack with no options (they emit the
// two .wasm files that index.js names with `new URL(…, import.meta.url)`), esbuild with the
// URLs its `file` loader gives for `@hoth-tees/hoth/hoth_wasm_bg.wasm` and
// `@hoth-tees/hoth/hoth_checker_bg.wasm`.
import init, { lintJson, schema, screenJson, triage } from "@hoth-tees/hoth";
import requestSchema from "@hoth-tees/hoth/schemas/request.schema.json" with { type: "json" };

const $ = (id) => document.getElementById(id);

export async function start(options) {
  try {
    await init(options);
    $("schema").textContent = JSON.stringify(await schema("request"));
    $("schema-static").textContent = JSON.stringify(requestSchema);
  } catch (e) {
    document.title = `failed: ${e.message || JSON.stringify(e)}`;
    return;
  }
  $("screen").addEventListener("click", () => {
    try { $("outcome").textContent = screenJson($("request").value); }
    catch (e) { $("outcome").textContent = JSON.stringify(e); } // {errors: [{pointer, code, message, help}]}
  });
  $("lint").addEventListener("click", async () => {
    try { $("findings").textContent = await lintJson($("request").value); }
    catch (e) { $("findings").textContent = JSON.stringify(e); }
  });
  $("triage").addEventListener("click", () => {
    let form;
    try { form = JSON.parse($("request").value); } catch { form = {}; }
    $("now").textContent = JSON.stringify(triage(form));
  });
  document.title = "ready";
}
