#!/usr/bin/env python3
"""Finishes Trunk's dist/ for strict hosting.

1. Trunk's inline loader <script type=module> becomes a file named by its content
   (start-<hash>.js, with an integrity hash), so the page runs under a CSP with no
   'unsafe-inline' script.
2. Every file of the first load gets precompressed siblings, <file>.br (brotli, quality 11)
   and <file>.gz (gzip -9), which pb_hooks/panel.pb.js, nginx's brotli_static and gzip_static
   and Caddy's precompressed serve as they are.
"""
import base64
import gzip
import hashlib
import pathlib
import re
import sys

import brotli  # scripts/setup.sh installs it into .tools/venv

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
index = dist / "index.html"
html = index.read_text(encoding="utf-8")

inline = re.compile(r"<script type=\"?module\"?>(.*?)</script>", re.S)
found = inline.findall(html)
if len(found) != 1:
    sys.exit(f"finish-dist: expected one inline module script in {index}, found {len(found)}")
loader = found[0].strip() + "\n"
name = f"start-{hashlib.sha256(loader.encode()).hexdigest()[:16]}.js"
(dist / name).write_text(loader, encoding="utf-8")
integrity = "sha384-" + base64.b64encode(hashlib.sha384(loader.encode()).digest()).decode()
tag = f'<script type=module src=./{name} integrity={integrity}></script>'
html = inline.sub(lambda _: tag, html)
if "<script>" in html or " style=" in html:
    sys.exit(f"finish-dist: {index} still has an inline script or style")
index.write_text(html, encoding="utf-8")

for old in [*dist.glob("*.gz"), *dist.glob("*.br")]:
    old.unlink()
for path in sorted(dist.iterdir()):
    if path.suffix in {".html", ".js", ".wasm", ".css"}:
        # mtime=0: the same build gives the same bytes.
        packed = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        path.with_name(path.name + ".gz").write_bytes(packed)
        squeezed = brotli.compress(path.read_bytes(), quality=11)
        path.with_name(path.name + ".br").write_bytes(squeezed)
