#!/usr/bin/env bash
# Times waypost writing the example's SVG, 300 dpi PNG and PDF against Typst compiling the
# same page (benches/typst/roadmap.typ, same text, links and bundled fonts) to a 300 dpi
# PNG, each as a fresh process, in one hyperfine run, and prints the medians and their ratio.
#
# Needs hyperfine (Debian package `hyperfine`) and Typst's Python binding (`pip install typst`).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json "$out/times.json" \
    --command-name waypost \
    "target/release/waypost render examples/link-worker-training.toml --format svg,png,pdf --dpi 300 -o $out/waypost" \
    --command-name typst \
    "python3 -c 'import typst; typst.compile(\"benches/typst/roadmap.typ\", output=\"$out/typst.png\", ppi=300, font_paths=[\"fonts\"], ignore_system_fonts=True)'"

python3 - "$out/times.json" <<'PY'
import json
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
waypost, typst = results["waypost"]["median"], results["typst"]["median"]
print(f"median: waypost {waypost * 1000:.0f} ms (SVG + PNG + PDF), "
      f"typst {typst * 1000:.0f} ms (PNG); waypost / typst = {waypost / typst:.2f}")
PY
