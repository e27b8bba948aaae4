#!/usr/bin/env bash
# Compares how headless Chromium draws a waypost SVG with the PNG rendered (by resvg) from the
# same scene, and fails when too many pixels differ.
#
#   tests/browser/compare.sh [options] PAGE.svg PAGE.png
#
# For example, after
#   waypost render examples/link-worker-training.toml -o out --format svg,png --dpi 96
# run it on out/link-worker-training.svg and out/link-worker-training.png.
#
# Options:
#   --threshold F     fail when more than this fraction of pixels differ (default 0.005)
#   --tolerance N     a pixel differs when a channel is off by more than N of 255 (default 64)
#   --shift N         ... and no pixel within N pixels of it matches (default 1; 0 = strict)
#   --system-fonts    let Chromium see the machine's fonts (default: it sees only DejaVu)
#   --keep DIR        keep Chromium's screenshot and a diff image (differences in red) in DIR
#
# Why Chromium is shown no Noto Sans: the page must bring its own (the `@font-face` subsets).
# A machine with Noto Sans installed would hide a missing or broken embedded font, so
# Chromium runs with a private fontconfig file that lists only DejaVu: a missing font then
# shows up as DejaVu, with other glyphs and wider lines. The same file turns hinting and
# subpixel (LCD) anti-aliasing off, as resvg draws; with hinting on, Chromium's glyphs differ
# from resvg's in 2-3 % of the pixels of the test pages even with the right font.
#
# Why a 1-pixel shift is allowed: Chromium puts text baselines (and glyph origins) on whole
# pixels, resvg does not, so every line on a fractional-pixel baseline differs along its
# edges. Allowing a pixel of shift removes that noise and keeps what matters: other glyphs,
# or glyphs more than a pixel away from where the layout put them.
#
# Measured on the test pages of src/write/svg/mod.rs (`write_demo_files`), fraction of all pixels
# that differ, allowing a 1-pixel shift (pixel for pixel in brackets):
#                               sample (text-dense)   12 cards          example roadmap
#   embedded fonts              0.14 % (0.71 %)       0.018 % (0.17 %)  0.094 % (0.81 %)
#   no fonts embedded (DejaVu)  3.15 % (5.16 %)       1.54 % (3.02 %)   2.51 % (5.88 %)
# (the example roadmap is examples/link-worker-training.toml, 12 offers on A4). The default
# threshold, 0.5 %, sits between the two rows with a margin of about 3 either side.
# A page with very little text cannot show a wrong font as a large fraction of its pixels:
# look at the diff image (--keep) rather than raising the threshold.
#
# The PNG must be 96 dpi (scene pt x 96/72 pixels): the SVG's width and height are in pt,
# which browsers draw at 96 CSS px per inch, so the screenshot is taken at the PNG's size.
#
# Exit status: 0 within the threshold, 1 above it, 2 for a usage or tool error.
# Needs: chromium (Debian package), python3 (standard library only).
set -euo pipefail

threshold=0.005
tolerance=64
max_shift=1
system_fonts=0
keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --threshold) threshold="$2"; shift 2 ;;
        --tolerance) tolerance="$2"; shift 2 ;;
        --shift) max_shift="$2"; shift 2 ;;
        --system-fonts) system_fonts=1; shift ;;
        --keep) keep="$2"; shift 2 ;;
        -h|--help) sed -n '2,44p' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [[ $# -ne 2 ]]; then
    echo "usage: compare.sh [options] PAGE.svg PAGE.png" >&2
    exit 2
fi
svg="$1"
png="$2"
for f in "$svg" "$png"; do
    [[ -f "$f" ]] || { echo "compare.sh: no such file: $f" >&2; exit 2; }
done
chromium="${CHROMIUM:-chromium}"
command -v "$chromium" >/dev/null || { echo "compare.sh: chromium not found" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The PNG's size in pixels, from its IHDR chunk.
read -r width height < <(python3 - "$png" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read(24)
if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
    sys.exit("compare.sh: not a PNG: " + sys.argv[1])
print(*struct.unpack(">II", data[16:24]))
EOF
) || true
[[ -n "${height:-}" ]] || exit 2

cp "$svg" "$work/page.svg"
# Zero margins and a block-level image: the SVG's top-left corner at the viewport's.
cat > "$work/page.html" <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}
img{display:block}</style></head>
<body><img src="page.svg" width="$width" height="$height" alt=""></body></html>
EOF

# The fonts Chromium may use: only DejaVu, or with --system-fonts the machine's own set. Either
# way hinting and LCD anti-aliasing are off, as in resvg.
mkdir -p "$work/fontcache"
if [[ $system_fonts -eq 0 ]]; then
    fonts="<dir>/usr/share/fonts/truetype/dejavu</dir>"
else
    fonts="<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
fi
cat > "$work/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  $fonts
  <cachedir>$work/fontcache</cachedir>
  <match target="pattern">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>false</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="lcdfilter" mode="assign"><const>lcdnone</const></edit>
  </match>
</fontconfig>
EOF
export FONTCONFIG_FILE="$work/fonts.conf"

# --virtual-time-budget lets the page settle before the screenshot. The data: fonts were in
# place without it in every run here, but font loading is asynchronous and a screenshot taken
# before it ends would show the fallback; the budget is virtual time, so it costs nothing.
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --virtual-time-budget=2000 \
    --screenshot="$work/shot.png" "file://$work/page.html" >"$work/chromium.log" 2>&1 || {
    cat "$work/chromium.log" >&2
    echo "compare.sh: chromium failed" >&2
    exit 2
}
[[ -f "$work/shot.png" ]] || { cat "$work/chromium.log" >&2; echo "compare.sh: no screenshot" >&2; exit 2; }

diff_out=""
if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    cp "$work/shot.png" "$keep/chromium.png"
    diff_out="$keep/diff.png"
fi
python3 - "$work/shot.png" "$png" "$tolerance" "$threshold" "$max_shift" "$diff_out" <<'EOF'
# Counts the pixels whose colour differs by more than the tolerance in any channel, after
# putting both images over white, and of those the ones with no match within `shift`
# pixels. Standard library only: a PNG reader for 8-bit images.
import struct, sys, zlib

def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"compare.sh: not a PNG: {path}")
    pos, idat, palette, trns = 8, [], None, None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or interlace or channels is None:
        sys.exit(f"compare.sh: unsupported PNG (depth {depth}, type {ctype}): {path}")
    raw = zlib.decompress(b"".join(idat))
    stride, bpp = w * channels, channels
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    # RGB over white, one bytes object per row.
    out = []
    for line in rows:
        px = bytearray()
        for x in range(w):
            if ctype == 3:
                i = line[x]
                r, g, b = palette[3 * i:3 * i + 3]
                al = trns[i] if trns and i < len(trns) else 255
            else:
                v = line[x * channels:(x + 1) * channels]
                r, g, b = (v[0], v[0], v[0]) if ctype in (0, 4) else (v[0], v[1], v[2])
                al = v[-1] if ctype in (4, 6) else 255
            px += bytes(((c * al + 255 * (255 - al)) + 127) // 255 for c in (r, g, b))
        out.append(bytes(px))
    return w, h, out

def write_png(path, w, h, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

shot, ref, tolerance, threshold, shift, diff_path = sys.argv[1:7]
tolerance, threshold, shift = int(tolerance), float(threshold), int(shift)
w1, h1, a = read_png(shot)
w2, h2, b = read_png(ref)
if (w1, h1) != (w2, h2):
    sys.exit(f"compare.sh: screenshot is {w1}x{h1}, reference {w2}x{h2}")
def near(img, x, y, rgb):
    # Whether some pixel of img within `shift` pixels of (x, y) has the colour rgb.
    for yy in range(max(0, y - shift), min(h1, y + shift + 1)):
        row = img[yy]
        for xx in range(max(0, x - shift), min(w1, x + shift + 1)):
            if max(abs(row[3 * xx + i] - rgb[i]) for i in range(3)) <= tolerance:
                return True
    return False

strict, differing, diff_rows = 0, 0, []
for y, (ra, rb) in enumerate(zip(a, b)):
    d = bytearray()
    for x in range(w1):
        pa, pb = ra[3 * x:3 * x + 3], rb[3 * x:3 * x + 3]
        off = max(abs(pa[i] - pb[i]) for i in range(3)) > tolerance
        strict += off
        if off and shift:
            off = not (near(b, x, y, pa) and near(a, x, y, pb))
        differing += off
        # Differences in red over a faded copy of the reference.
        d += b"\xff\x00\x00" if off else bytes(255 - (255 - v) // 4 for v in pb)
    diff_rows.append(bytes(d))
if diff_path:
    write_png(diff_path, w1, h1, diff_rows)
total = w1 * h1
fraction = differing / total
verdict = "ok" if fraction <= threshold else "FAIL"
print(f"{verdict}: {differing} of {total} pixels differ ({fraction:.4%}) allowing a "
      f"{shift}-pixel shift; {strict} ({strict / total:.4%}) pixel for pixel "
      f"(tolerance {tolerance}/255, threshold {threshold:.2%})")
sys.exit(0 if fraction <= threshold else 1)
EOF
