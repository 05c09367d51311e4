#!/usr/bin/env python3
"""Finishes Trunk's dist/ for strict hosting.

1. Trunk's inline loader <script type=module> becomes a file named by its content
   (start-<hash>.js, with an integrity hash), so the page runs under a CSP with no
   'unsafe-inline' script. Ahead of it goes early-<hash>.js (src/api/early-list.js), which
   asks for a stored session's list while the wasm downloads.
2. The chunks of the split build (scripts/split/wasm-bindgen left them in the folder given as
   the second argument) join dist/, each named by its content, and so does their link module
   __wasm_split.js, whose import of the glue and the glue's import of it name the files as
   they are now (the glue's integrity hash follows).
3. Every file gets precompressed siblings, <file>.br (brotli, quality 11)
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
chunks = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else None
index = dist / "index.html"
html = index.read_text(encoding="utf-8")


def content_name(stem, data, suffix):
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


if chunks is not None:
    link_module = chunks / "__wasm_split.js"
    if not link_module.is_file():
        sys.exit(f"finish-dist: no {link_module}: was the build split?")
    link = link_module.read_text(encoding="utf-8")
    for chunk in sorted(chunks.glob("*.wasm")):
        data = chunk.read_bytes()
        named = content_name(chunk.stem, data, ".wasm")
        (dist / named).write_bytes(data)
        quoted = f'"./{chunk.name}"'
        if quoted not in link:
            sys.exit(f"finish-dist: {link_module} does not load {chunk.name}")
        link = link.replace(quoted, f'"./{named}"')
    glues = [p for p in dist.glob("*.js") if re.fullmatch(r"[\w-]+-[0-9a-f]+\.js", p.name)
             and p.with_name(p.stem + "_bg.wasm").exists()]
    if len(glues) != 1:
        sys.exit(f"finish-dist: expected one wasm-bindgen glue in {dist}, found {glues}")
    glue = glues[0]
    plain = re.sub(r"-[0-9a-f]+$", "", glue.stem)
    if f'"./{plain}.js"' not in link:
        sys.exit(f"finish-dist: {link_module} does not import ./{plain}.js")
    link = link.replace(f'"./{plain}.js"', f'"./{glue.name}"')
    # A chunk whose shared chunks failed first is never awaited: its own failed fetch would be
    # an unhandled rejection, reported as an uncaught error. The loader says it failed anyway.
    fetches = re.compile(r"(const src = fetch\(new URL\([^)]*\)\);)")
    link, found = fetches.subn(r"\1 src.catch(() => {});", link)
    if found == 0:
        sys.exit(f"finish-dist: {link_module} fetches no chunk as expected")
    link_named = content_name("__wasm_split", link.encode(), ".js")
    (dist / link_named).write_text(link, encoding="utf-8")
    glue_code = glue.read_text(encoding="utf-8")
    # Only the imports: the wasm's own import module keeps its name in the glue's objects.
    imports = re.compile(r"""(from\s*)(['"])\./__wasm_split\.js\2""")
    if not imports.search(glue_code):
        sys.exit(f"finish-dist: {glue} does not import __wasm_split.js")
    glue_code = imports.sub(lambda m: f'{m.group(1)}"./{link_named}"', glue_code)
    old_sri = sri(glue.read_bytes())
    glue.write_text(glue_code, encoding="utf-8")
    if old_sri in html:
        html = html.replace(old_sri, sri(glue_code.encode()))

inline = re.compile(r"<script type=\"?module\"?>(.*?)</script>", re.S)
found = inline.findall(html)
if len(found) != 1:
    sys.exit(f"finish-dist: expected one inline module script in {index}, found {len(found)}")
loader = found[0].strip() + "\n"
name = f"start-{hashlib.sha256(loader.encode()).hexdigest()[:16]}.js"
(dist / name).write_text(loader, encoding="utf-8")
integrity = sri(loader.encode())
tag = f'<script type=module src=./{name} integrity={integrity}></script>'
html = inline.sub(lambda _: tag, html)
# The stored session's list, asked for while the wasm downloads (src/api/early-list.js):
# first in the head (after the charset, which must come first), async, so it neither waits
# for nor delays anything else.
early_source = pathlib.Path(__file__).resolve().parent.parent / "src/api/early-list.js"
# Its comments are for the reader of the source: the page gets the code alone.
early_code = "".join(line.strip() for line in early_source.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("//")).encode()
early_name = content_name("early", early_code, ".js")
(dist / early_name).write_bytes(early_code)
charset = re.compile(r"<meta charset=[^>]*>")
html, found = charset.subn(
    lambda m: f"{m.group(0)}<script async src=./{early_name} integrity={sri(early_code)}></script>",
    html, count=1)
if found != 1:
    sys.exit(f"finish-dist: no <meta charset> in {index}")
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
