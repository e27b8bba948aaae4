#!/usr/bin/env python3
"""How far each preset colour moves when printed on a CMYK press.

    python3 tests/print/gamut.py [--limit DE] [PROFILE.icc ...]

Every `#rrggbb` colour in layouts/*.toml is converted from sRGB to the CMYK of each press
profile (relative colorimetric, as print workflows convert) and from there to CIELAB; its
distance from the colour's own CIELAB value (CIEDE2000) is how much the press shifts it.
A colour inside the press gamut comes back within rounding; one outside is clipped to the
nearest colour the press has. Below about 2 the shift is hard to see even side by side;
above 5 it is plain. Exits 1 when a colour moves more than --limit (default 5).

Without a profile it uses Coated FOGRA39 (ISO 12647-2, the European standard for coated
offset paper), which printpdf's crate source carries, found through `cargo metadata`.
Debian has a US one: /usr/share/color/icc/ghostscript/default_cmyk.icc (package
libgs-common, a SWOP coated press). LittleCMS's `transicc` (package liblcms2-utils) does
the conversions, in floating point.
"""

import argparse
import json
import math
import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def fogra39():
    """Coated FOGRA39 as printpdf ships it, in the crate source cargo has fetched."""
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for package in json.loads(metadata)["packages"]:
        if package["name"] == "printpdf":
            manifest = pathlib.Path(package["manifest_path"])
            return manifest.parent / "src" / "res" / "CoatedFOGRA39.icc"
    sys.exit("printpdf is not among the dependencies: give a profile")


def colours():
    """(preset, key, #rrggbb) for every colour of every preset's palette."""
    for path in sorted((ROOT / "layouts").glob("*.toml")):
        palette = tomllib.loads(path.read_text())["palette"]
        for key, value in palette.items():
            for i, hex_ in enumerate(value if isinstance(value, list) else [value]):
                name = f"{key}[{i}]" if isinstance(value, list) else key
                yield path.stem, name, hex_.lower()


def rgb(hex_):
    return tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5))


def transicc(source, target, rows):
    """`rows` converted from the `source` to the `target` profile (relative colorimetric)."""
    text = "".join(" ".join(str(v) for v in row) + "\n" for row in rows)
    out = subprocess.run(
        ["transicc", "-n", "-t1", f"-i{source}", f"-o{target}"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [tuple(float(v) for v in line.split()) for line in out.splitlines() if line.strip()]


def de2000(lab1, lab2):
    """CIEDE2000 colour difference (Sharma, Wu, Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profiles", nargs="*", type=pathlib.Path)
    parser.add_argument("--limit", type=float, default=5.0)
    args = parser.parse_args()
    profiles = args.profiles or [fogra39()]
    uses = {}
    for preset, key, hex_ in colours():
        uses.setdefault(hex_, []).append(f"{preset}.{key}")
    hexes = sorted(uses)
    own = transicc("*sRGB", "*Lab", [rgb(h) for h in hexes])
    worst = 0.0
    for path in profiles:
        print(f"{path}:")
        cmyk = transicc("*sRGB", path, [rgb(h) for h in hexes])
        printed = transicc(path, "*Lab", cmyk)
        for hex_, lab, ink, back in zip(hexes, own, cmyk, printed):
            shift = de2000(lab, back)
            worst = max(worst, shift)
            inks = " ".join(f"{c}{v:3.0f}" for c, v in zip("CMYK", ink))
            flag = "  OUT" if shift > args.limit else ""
            names = ", ".join(uses[hex_][:3]) + (" …" if len(uses[hex_]) > 3 else "")
            print(f"  {hex_}  ΔE00 {shift:4.1f}  {inks}{flag}  {names}")
    print(f"largest shift: ΔE00 {worst:.1f} (limit {args.limit})")
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
