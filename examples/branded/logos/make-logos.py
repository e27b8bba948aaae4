"""Draws the example's logos: two fictional organisations, for examples/branded/branded.toml.

Neither organisation exists. The words are outlines of the bundled Noto Sans Bold
(fonts/OFL.txt), so the SVG logos hold no text. Run from the repository's root:

    pip install fonttools pillow
    python3 examples/branded/logos/make-logos.py
"""

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

BOLD = "fonts/NotoSans-Bold.ttf"
HERE = "examples/branded/logos/"


def outline(font, text, x, baseline, size):
    """SVG path data of `text` set at `size` user units, starting at (x, baseline)."""
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs)
    for ch in text:
        name = cmap[ord(ch)]
        moved = TransformPen(pen, (scale, 0, 0, -scale, x, baseline))
        glyphs[name].draw(moved)
        x += glyphs[name].width * scale
    return pen.getCommands()


def trust(font):
    """A wayfinding mark in a rounded square with a gradient, and a two-line name."""
    words = outline(font, "Northfield", 74, 30, 24) + outline(font, "Health Partnership", 74, 58, 17)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 260 68" width="260" height="68">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0a6eb4"/>
      <stop offset="1" stop-color="#003d73"/>
    </linearGradient>
    <clipPath id="tile"><rect x="2" y="2" width="64" height="64" rx="12"/></clipPath>
  </defs>
  <rect x="2" y="2" width="64" height="64" rx="12" fill="url(#sky)"/>
  <g clip-path="url(#tile)">
    <path d="M-4 52 C 16 40, 30 58, 72 30 L72 72 L-4 72 Z" fill="#ffffff" fill-opacity="0.18"/>
  </g>
  <path d="M34 12 L48 44 L34 37 L20 44 Z" fill="#ffffff"/>
  <circle cx="34" cy="54" r="4" fill="#ffb81c"/>
  <path d="{words}" fill="#003d73"/>
</svg>
"""


def funder(font):
    """Three overlapping rings and a name."""
    words = outline(font, "Open Research Fund", 64, 37, 19)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 258 52" width="258" height="52">
  <g fill="none" stroke-width="5">
    <circle cx="20" cy="26" r="14" stroke="#7a1f5c"/>
    <circle cx="34" cy="26" r="14" stroke="#b8336a" stroke-opacity="0.85"/>
    <circle cx="27" cy="14" r="10" stroke="#e07a2e" transform="rotate(20 27 14)"/>
  </g>
  <path d="{words}" fill="#3b1f35"/>
</svg>
"""


def network():
    """A raster mark on a transparent background: linked dots and a name, 4x drawn."""
    scale = 4
    width, height = 220 * scale, 56 * scale
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    dots = [(18, 28), (40, 14), (40, 42), (62, 28)]
    for a in dots:
        for b in dots:
            if a < b:
                draw.line([(a[0] * scale, a[1] * scale), (b[0] * scale, b[1] * scale)],
                          fill=(0, 116, 107, 160), width=3 * scale)
    for (x, y) in dots:
        r = 7 * scale
        draw.ellipse([x * scale - r, y * scale - r, x * scale + r, y * scale + r],
                     fill=(0, 116, 107, 255))
    type_ = ImageFont.truetype(BOLD, 17 * scale)
    draw.text((80 * scale, 10 * scale), "Link Worker", font=type_, fill=(33, 43, 50, 255))
    draw.text((80 * scale, 30 * scale), "Network", font=type_, fill=(0, 116, 107, 255))
    image.save(HERE + "network.png", optimize=True)


if __name__ == "__main__":
    font = TTFont(BOLD)
    with open(HERE + "northfield.svg", "w") as out:
        out.write(trust(font))
    with open(HERE + "open-research-fund.svg", "w") as out:
        out.write(funder(font))
    network()
