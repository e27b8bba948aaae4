"""Makes the small fonts the tests of a roadmap's own `[fonts]` use, from the bundled Noto Sans.

    pip install fonttools   # 4.x
    python3 tests/fonts/make.py

Noto Sans is under the SIL Open Font License 1.1 without reserved names (fonts/OFL.txt), so
these derivatives keep that licence. Every face is renamed "Waypost Test" and slanted, so a
picture tells at a glance which characters it drew and which Noto Sans drew upright.

- WaypostTest-Regular.ttf, WaypostTest-Bold.ttf: printable ASCII and a check mark (U+2713,
  which Noto Sans lacks), and nothing else: no ŵ, ŷ, £, € or –, which Noto Sans then draws.
- WaypostTest.ttc: the two faces as a collection (0 Regular, 1 Bold).
- WaypostTest-Restricted.ttf, WaypostTest-PreviewPrint.ttf: the regular face with OS/2
  fsType 0x0002 (restricted licence embedding) and 0x0004 (preview & print).
- WaypostTest-CFF.otf: the regular face with PostScript (CFF) outlines.
- WaypostTest-Variable.ttf: the regular face with an `fvar` table (a weight axis).
"""

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent / "fonts"
CHECK = 0x2713
SLANT = 0.25


def face(source: str, style: str) -> TTFont:
    font = TTFont(FONTS / source)
    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=list(range(0x20, 0x7F)))
    subsetter.subset(font)
    # The check mark borrows the glyph of "v": a character only this font has.
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[CHECK] = table.cmap[ord("v")]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite() or glyph.numberOfContours == 0:
            continue
        pen = TTGlyphPen(font.getGlyphSet())
        glyph.draw(TransformPen(pen, (1, 0, SLANT, 1, 0, 0)), glyf)
        glyf[name] = pen.glyph()
    family, full, ps = "Waypost Test", f"Waypost Test {style}", f"WaypostTest-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    for nid, value in ((1, family), (2, style), (3, ps), (4, full), (6, ps)):
        names.setName(value, nid, 3, 1, 0x409)
        names.setName(value, nid, 1, 0, 0)
    font["OS/2"].fsType = 0
    return font


def save(font: TTFont, name: str) -> None:
    font.save(HERE / name)
    print(name, (HERE / name).stat().st_size, "bytes")


def main() -> None:
    regular = face("NotoSans-Regular.ttf", "Regular")
    bold = face("NotoSans-Bold.ttf", "Bold")
    save(regular, "WaypostTest-Regular.ttf")
    save(bold, "WaypostTest-Bold.ttf")

    collection = TTCollection()
    collection.fonts = [TTFont(HERE / "WaypostTest-Regular.ttf"), TTFont(HERE / "WaypostTest-Bold.ttf")]
    collection.save(HERE / "WaypostTest.ttc")
    print("WaypostTest.ttc", (HERE / "WaypostTest.ttc").stat().st_size, "bytes")

    for fs_type, name in ((0x0002, "Restricted"), (0x0004, "PreviewPrint")):
        font = TTFont(HERE / "WaypostTest-Regular.ttf")
        font["OS/2"].fsType = fs_type
        save(font, f"WaypostTest-{name}.ttf")

    variable = TTFont(HERE / "WaypostTest-Regular.ttf")
    builder = FontBuilder(font=variable)
    builder.setupFvar([("wght", 400, 400, 700, "Weight")], [])
    save(variable, "WaypostTest-Variable.ttf")

    # The same glyphs with cubic PostScript outlines.
    source = TTFont(HERE / "WaypostTest-Regular.ttf")
    order = source.getGlyphOrder()
    glyphs = source.getGlyphSet()
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(glyphs[name].width, glyphs)
        glyphs[name].draw(pen)
        charstrings[name] = pen.getCharString()
    cff = FontBuilder(source["head"].unitsPerEm, isTTF=False)
    cff.setupGlyphOrder(order)
    cff.setupCharacterMap(source.getBestCmap())
    cff.setupCFF("WaypostTest-CFF", {"FullName": "Waypost Test CFF"}, charstrings, {})
    cff.setupHorizontalMetrics({n: source["hmtx"][n] for n in order})
    cff.setupHorizontalHeader(ascent=source["hhea"].ascent, descent=source["hhea"].descent)
    cff.setupNameTable({"familyName": "Waypost Test CFF", "styleName": "Regular"})
    cff.setupOS2(fsType=0)
    cff.setupPost()
    save(cff.font, "WaypostTest-CFF.otf")


if __name__ == "__main__":
    main()
