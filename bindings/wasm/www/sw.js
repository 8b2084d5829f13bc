// The screening page's service worker: it keeps the page's own static files (the page,
// its CSS and JavaScript, GOV.UK Frontend, the engine's wasm and its JSON data, fonts and
// icons) so the page reloads with no network. Same origin only: it never fetches, caches
// or answers for another origin, and it keeps only files named in sw-manifest.json (written
// by prepare-www.mjs). Nothing about a child is ever cached or stored: the page sends no
// answers anywhere, so the only requests it sees are for these static files.
//
// Network first: online, every file comes fresh from the server (so a corrected phone
// number or ruleset arrives at once) and the kept copy is refreshed; offline, or when the
// page's own server does not answer within a few seconds, the kept copy is used.
const PREFIX = "hoth-static-";
const WAIT_MS = 4000;
const scope = new URL(self.registration.scope);

async function manifest() {
  const response = await fetch(new URL("sw-manifest.json", scope), { cache: "no-store" });
  if (!response.ok) throw new Error(`sw-manifest.json: HTTP ${response.status}`);
  return response.json();
}

// The newest list of kept files (caches.keys() is in creation order).
const newestCache = async () => (await caches.keys()).filter((k) => k.startsWith(PREFIX)).pop();

// The paths of the files we keep (from the newest list), read once per activation.
let kept = null;
async function keptFiles() {
  if (kept) return kept;
  const name = await newestCache();
  if (!name) return new Set();
  const names = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  return (kept = new Set(names));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const { version, files } = await manifest();
    const cache = await caches.open(PREFIX + version);
    await cache.addAll(files.map((f) => new Request(new URL(f, scope), { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    const newest = await (async () => { try { return PREFIX + (await manifest()).version; } catch { return null; } })();
    // Keep the newest list only (or every list, if the manifest cannot be read now).
    if (newest && keys.includes(newest)) await Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== newest).map((k) => caches.delete(k)));
    kept = null;
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return; // not ours: the browser handles it
  event.respondWith(answer(event, request, url));
});

async function answer(event, request, url) {
  // The page itself is kept as index.html, whatever the address bar says ("/" or "/index.html").
  const path = request.mode === "navigate" && url.pathname.endsWith("/") ? `${url.pathname}index.html` : url.pathname;
  const files = await keptFiles();
  if (!files.has(path)) return fetch(request); // not a file we keep: straight to the network, never stored
  const cache = await caches.open(await newestCache());
  const key = new URL(path, url.origin).href;
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  const fallback = async () => { const copy = await cache.match(key); if (copy) return copy; return network; };
  const timer = new Promise((resolve) => setTimeout(resolve, WAIT_MS, "slow"));
  try {
    const first = await Promise.race([network, timer]);
    if (first !== "slow") return first.ok ? first : (await cache.match(key)) || first;
    return await fallback();
  } catch {
    const copy = await cache.match(key);
    if (copy) return copy;
    return Response.error();
  }
}
