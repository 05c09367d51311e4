/// <reference path="../pb_data/types.d.ts" />

// The PocketBase backups panel, served from the public dir (`--publicDir`, at its root or in a
// folder such as `admin/backups/`) as a static host should serve it:
// - compressed: the build's precompressed `<file>.br` with `Content-Encoding: br` where the
//   request accepts brotli, else `<file>.gz` with gzip, else the file raw (PocketBase serves
//   the public dir raw);
// - the list of backups (`GET /api/backups`, that path only) gzipped by PocketBase's own gzip
//   middleware, where the request accepts it (at 10,000 backups some 800 KB of JSON); backup
//   downloads and their `Range` reads are other paths, untouched;
// - cached: a year, immutable, for the files Trunk names by their content; `no-cache` for
//   `index.html`, so a new release is seen on the next load;
// - under a strict Content-Security-Policy on the page — on every path that answers with it:
//   `/`, `/index.html`, and the panel's own paths (`/backups`, `/settings`, `/servers`, a reload
//   or a shared link), which PocketBase answers with the root `index.html` (`--indexFallback`).
// Only the panel's own files (and the list's answer) are touched: an .html, .js, .wasm or .css file
// of the public dir that has a `.gz` beside it, or the root `index.html` where PocketBase would
// fall back to it.
// The rest of the API (backup downloads with their Range reads included), the dashboard and
// every other public file pass through as before.
//
// Install: copy this one file into `pb_hooks/` (or your `--hooksDir`) and restart PocketBase.
// More origins the page may call (other PocketBase servers): PB_PANEL_CONNECT_SRC="https://a https://b".
routerUse((e) => {
  // Handlers run in their own VM: everything they use is declared inside.
  const method = e.request.method;
  const path = e.request.url.path;
  if (method === "GET" && path === "/api/backups") return $apis.gzip().func(e);
  if ((method !== "GET" && method !== "HEAD") || path.startsWith("/api/") || path.startsWith("/_/")) {
    return e.next();
  }

  const args = $os.args;
  let publicDir = $filepath.join(args[0], "../pb_public");
  let indexFallback = true;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--publicDir" && i + 1 < args.length) publicDir = args[i + 1];
    else if (args[i].startsWith("--publicDir=")) publicDir = args[i].slice("--publicDir=".length);
    // A bool flag takes its value only after "=" ("--indexFallback false" is still true).
    else if (/^--indexFallback=(false|f|0)$/i.test(args[i])) indexFallback = false;
  }
  const exists = (rel) => {
    try {
      $os.stat($filepath.join(publicDir, rel));
      return true;
    } catch (_) {
      return false;
    }
  };

  let rel = path.replace(/^\/+/, "");
  if (rel.split("/").includes("..")) return e.next();
  // The panel's folder without its slash: its relative asset URLs need the slash.
  if (rel !== "" && !rel.endsWith("/") && exists(rel + "/index.html.gz")) {
    const query = e.request.url.rawQuery;
    return e.redirect(301, path + "/" + (query ? "?" + query : ""));
  }
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  // A path with no file (`/backups`): PocketBase answers it with the root index.html — the
  // panel, when it is at the root — so it gets the page's headers too.
  if (indexFallback && !exists(rel) && exists("index.html.gz")) rel = "index.html";
  const types = {
    html: "text/html; charset=utf-8",
    js: "text/javascript; charset=utf-8",
    wasm: "application/wasm",
    css: "text/css; charset=utf-8",
  };
  const type = types[rel.slice(rel.lastIndexOf(".") + 1)];
  if (!type || !exists(rel + ".gz")) return e.next();

  const header = e.response.header();
  header.set("Content-Type", type);
  header.set("Vary", "Accept-Encoding");
  header.set("X-Content-Type-Options", "nosniff");
  // Trunk writes its 64-bit hash without leading zeros: under 16 digits one build in sixteen.
  if (/-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(rel)) {
    header.set("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    header.set("Cache-Control", "no-cache");
  }
  if (type.startsWith("text/html")) {
    const connect = ["'self'", $os.getenv("PB_PANEL_CONNECT_SRC")].join(" ").trim();
    header.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
        `connect-src ${connect}; img-src 'self' data:`,
    );
  }
  // The codings the request accepts (`br;q=0` refuses one, `*` stands for the others).
  const quality = {};
  for (const part of (e.request.header.get("Accept-Encoding") || "").toLowerCase().split(",")) {
    const [coding, ...params] = part.split(";").map((p) => p.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (coding) quality[coding] = q ? parseFloat(q.slice(2)) || 0 : 1;
  }
  const takes = (coding) => (coding in quality ? quality[coding] : quality["*"] || 0) > 0;
  const fsys = $os.dirFS(publicDir);
  for (const [coding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (takes(coding) && exists(rel + suffix)) {
      header.set("Content-Encoding", coding);
      return e.fileFS(fsys, rel + suffix);
    }
  }
  return e.fileFS(fsys, rel);
});
