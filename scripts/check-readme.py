#!/usr/bin/env python3
"""Checks that every README code block marked `<!-- file: PATH -->` is exactly the content of PATH.

The marked files are the quick starts that each binding's own tests run (Python, Node, Kotlin),
so the README shows code that is tested. The Rust quick start is a doctest of ar-core
(`ar-core/src/lib.rs` includes README.md under `cfg(doctest)`).

With --fix, rewrites the marked README blocks from the files instead of checking.
"""
import pathlib
import re
import sys

repo = pathlib.Path(__file__).resolve().parent.parent
readme = (repo / "README.md").read_text(encoding="utf-8")
pattern = re.compile(r"<!-- file: (?P<path>[^ ]+) -->\n```[a-z]*\n(?P<body>.*?)```", re.S)
if "--fix" in sys.argv:
    fixed = pattern.sub(
        lambda m: f"<!-- file: {m.group('path')} -->\n```{m.group(0).split(chr(10))[1][3:]}\n"
        + (repo / m.group("path")).read_text(encoding="utf-8") + "```",
        readme,
    )
    (repo / "README.md").write_text(fixed, encoding="utf-8")
    sys.exit(0)
found = 0
failures = []
for m in pattern.finditer(readme):
    found += 1
    path = repo / m.group("path")
    if not path.exists():
        failures.append(f"{m.group('path')}: file does not exist")
        continue
    if path.read_text(encoding="utf-8") != m.group("body"):
        failures.append(f"{m.group('path')}: README block differs from the file")
for f in failures:
    print("README:", f)
if found < 4:
    failures.append(f"expected at least 4 marked quick starts, found {found}")
    print(failures[-1])
print(f"{found - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
