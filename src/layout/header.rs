//! The title block with its legend, and the footer.

use super::badge::{cost_chip, new_chip};
use super::badge::{Chip, ChipStyle, Flow};
use super::block::Block;
use super::logos::LogoRow;
use super::metrics::Metrics;
use super::preset::Preset;
use super::qr::Code;
use crate::model::{Cost, Label, Place, Roadmap};

/// The most of the header's width that logos beside the title may take, with their gap.
const LOGOS_BESIDE: f32 = 0.4;
/// The most of the footer's width that a strip of logos beside its text may take.
const LOGOS_BESIDE_FOOTER: f32 = 0.5;
use crate::scene::{with_role, Item, Path, Point, Rect, Role, Shape, Weight};

/// The title, subtitle and legend, measured for the content width, with the header's logos
/// beside them or in a row above.
pub struct Header<'f> {
    logos: Option<LogoRow>,
    /// Whether the logos stand beside the title (right-aligned) rather than above it.
    logos_beside: bool,
    /// The width the header spans, pt.
    width: f32,
    title: Block<'f>,
    subtitle: Option<Block<'f>>,
    legend: Flow,
    chip_style: ChipStyle<'f>,
    gap: f32,
    above_subtitle: f32,
    /// Where the subtitle's first line box starts, from the title's, when it stands
    /// beside the title; `None` when it stands under it.
    beside: Option<Point>,
    /// Height of the whole header, in pt.
    pub height: f32,
    /// The role of the title's lines: the title, or page furniture for the running title
    /// of a later page.
    role: Role,
}

impl<'f> Header<'f> {
    /// The running title of a later page of a roadmap laid over several pages: the
    /// roadmap's title alone, in the subtitle's size, as page furniture.
    pub fn running(roadmap: &Roadmap, width: f32, m: &Metrics<'f>) -> Header<'f> {
        let title = Block::new(
            m.fonts,
            &roadmap.title,
            Weight::Bold,
            m.subtitle,
            m.lines.subtitle,
            width,
        );
        Header {
            logos: None,
            logos_beside: false,
            width,
            height: title.height(),
            title,
            subtitle: None,
            legend: Flow::new(Vec::new(), m.chip, width),
            chip_style: m.chip,
            gap: 0.0,
            above_subtitle: 0.0,
            beside: None,
            role: Role::Pagination,
        }
    }

    /// Measures the header for `width` pt.
    pub fn new(roadmap: &Roadmap, full_width: f32, m: &Metrics<'f>, preset: &Preset) -> Header<'f> {
        // Logos stand beside the title while they leave it most of the width; otherwise
        // they take a row of their own above it.
        let logos = LogoRow::new(roadmap, Place::Header, preset);
        let logos_beside = logos
            .as_ref()
            .is_some_and(|row| row.width + row.gap <= full_width * LOGOS_BESIDE);
        let width = match (&logos, logos_beside) {
            (Some(row), true) => full_width - row.width - row.gap,
            _ => full_width,
        };
        let title = Block::new(
            m.fonts,
            &roadmap.title,
            Weight::Bold,
            m.title,
            m.lines.title,
            width,
        );
        let chip_style = m.chip;
        let legend = Flow::new(legend_chips(roadmap, chip_style, preset), chip_style, width);
        let (gap, above_subtitle) = (m.space.legend, m.space.subtitle);
        let mut height = title.height() + gap + legend.height;
        let (subtitle, beside) = match subtitle_beside(&title, roadmap, width, m, preset) {
            Some((block, at)) => {
                height += (at.y + block.height() - title.height()).max(0.0);
                (Some(block), Some(at))
            }
            None => {
                let under = (roadmap.subtitle.as_deref()).map(|s| {
                    Block::new(
                        m.fonts,
                        s,
                        Weight::Regular,
                        m.subtitle,
                        m.lines.subtitle,
                        width,
                    )
                });
                if let Some(s) = &under {
                    height += s.height() + above_subtitle;
                }
                (under, None)
            }
        };
        let height = match &logos {
            Some(row) if logos_beside => height.max(row.height),
            Some(row) => row.height + row.gap + height,
            None => height,
        };
        Header {
            logos,
            logos_beside,
            width: full_width,
            title,
            subtitle,
            legend,
            chip_style,
            gap,
            above_subtitle,
            beside,
            height,
            role: Role::Title,
        }
    }

    /// The header as items, its top-left corner at `at`.
    pub fn place(&self, at: Point, preset: &Preset) -> Vec<Item> {
        let p = &preset.palette;
        let mut logos = Vec::new();
        let mut at = at;
        if let Some(row) = &self.logos {
            if self.logos_beside {
                logos = row.place(Point::new(at.x + self.width - row.width, at.y));
            } else {
                logos = row.place(at);
                at.y += row.height + row.gap;
            }
        }
        let colour = if self.role == Role::Title {
            p.text.0
        } else {
            p.muted.0
        };
        let mut items = with_role(self.title.place(at.x, at.y, colour), self.role);
        let mut y = at.y + self.title.height();
        match (&self.subtitle, self.beside) {
            (Some(s), Some(to)) => {
                let subtitle = s.place(at.x + to.x, at.y + to.y, p.muted.0);
                items.extend(with_role(subtitle, Role::Subtitle));
                y = y.max(at.y + to.y + s.height());
            }
            (Some(s), None) => {
                y += self.above_subtitle;
                items.extend(with_role(s.place(at.x, y, p.muted.0), Role::Subtitle));
                y += s.height();
            }
            (None, _) => {}
        }
        y += self.gap;
        let legend = self.legend.place(Point::new(at.x, y), self.chip_style);
        for (entry, chips) in legend.into_iter().enumerate() {
            items.extend(with_role(chips, Role::Legend(entry)));
        }
        items.extend(logos);
        items
    }
}

/// The subtitle set beside a one-line title, first baselines level and `space.beside`
/// between them, with where it starts from the title's top-left corner;
/// `None` unless the density asks for it and the subtitle then fits on one line.
fn subtitle_beside<'f>(
    title: &Block,
    roadmap: &Roadmap,
    width: f32,
    m: &Metrics<'f>,
    preset: &Preset,
) -> Option<(Block<'f>, Point)> {
    let [line] = title.lines.as_slice() else {
        return None;
    };
    let text = roadmap.subtitle.as_deref()?;
    if !preset.packing.subtitle_beside {
        return None;
    }
    let x = line.width + m.space.title_beside;
    let block = Block::new(
        m.fonts,
        text,
        Weight::Regular,
        m.subtitle,
        m.lines.subtitle,
        width - x,
    );
    if block.lines.len() != 1 || block.broken {
        return None;
    }
    let y = title.style.ascent() - block.style.ascent();
    Some((block, Point::new(x, y)))
}

/// The legend: what each badge and icon on the page means; only what the page uses.
fn legend_chips(roadmap: &Roadmap, style: ChipStyle, preset: &Preset) -> Vec<Vec<Chip>> {
    let offers = || roadmap.stages.iter().flat_map(|s| &s.offers);
    let p = &preset.palette;
    let explain = |text: &str| Chip::tag_text(text, style, p.muted.0);
    let words = &roadmap.labels;
    let mut groups = Vec::new();
    if offers().any(|o| o.cost == Cost::Free) {
        groups.push(vec![
            cost_chip(&Cost::Free, words, style, preset),
            explain(words.get(Label::FreeMeaning)),
        ]);
    }
    if offers().any(|o| matches!(o.cost, Cost::Chargeable { .. })) {
        groups.push(vec![
            cost_chip(&Cost::Chargeable { price: None }, words, style, preset),
            explain(words.get(Label::ChargeableMeaning)),
        ]);
    }
    let new = offers().filter(|o| o.new).count();
    if new > 0 {
        groups.push(vec![
            new_chip(words, style, preset),
            explain(&words.new_count(new)),
        ]);
    }
    let levels = offers().filter_map(|o| o.level.map(|l| l.get()));
    if let (Some(low), Some(high)) = (levels.clone().min(), levels.max()) {
        // The levels the roadmap's offers have: "Level 3", or "Level 2–7".
        let range = if low == high {
            low.to_string()
        } else {
            format!("{low}\u{2013}{high}")
        };
        groups.push(vec![
            Chip::pill(&words.level(&range), style, p.level.0, p.free_text.0),
            explain(words.get(Label::LevelMeaning)),
        ]);
    }
    for (i, tag) in roadmap.tags.iter().enumerate() {
        if offers().any(|o| o.tags.contains(&i)) {
            groups.push(vec![Chip::tag(tag.icon, &tag.label, style, p.muted.0)]);
        }
    }
    groups
}

/// The footer: when the page was updated, who made it, and where the roadmap lives online.
pub struct Footer<'f> {
    logos: Option<LogoRow>,
    /// Whether the logos stand beside the footer's text rather than above it.
    logos_beside: bool,
    block: Option<Block<'f>>,
    /// The page number of a roadmap laid over several pages: at the right of the text's
    /// last line, or under the text when it does not fit there.
    folio: Option<Block<'f>>,
    /// Where the page number starts on the text's last line, from the text's left edge,
    /// pt; `None` when it stands under the text.
    folio_x: Option<f32>,
    online: Option<Online<'f>>,
    /// Space between the text, the caption and the code, pt.
    gap: f32,
    rule: f32,
    /// Height including the rule above it, in pt (0 when there is no footer).
    pub height: f32,
    /// The role of the text's lines: the footer, or page furniture for a running foot.
    role: Role,
}

/// The roadmap's own address as a QR code, with a caption and the address in words
/// beside it, for a reader of the paper copy.
struct Online<'f> {
    code: Code,
    caption: Block<'f>,
    address: Block<'f>,
    /// The width of the caption and address, pt.
    width: f32,
}

impl<'f> Online<'f> {
    /// Measures the code and its words for a footer `width` pt wide: the words take at
    /// most half of what the code leaves, the footer's own text the rest.
    fn new(roadmap: &Roadmap, width: f32, gap: f32, m: &Metrics<'f>) -> Option<Online<'f>> {
        let url = roadmap.online.as_ref()?;
        let code = Code::new(url)?;
        let room = ((width - code.side() - gap) / 2.0).max(1.0);
        let caption = roadmap.labels.get(Label::Scan);
        let lines = m.lines.subtitle;
        let caption = Block::new(m.fonts, caption, Weight::Bold, m.small, lines, room);
        let address = Block::new(
            m.fonts,
            url.display(),
            Weight::Regular,
            m.small,
            lines,
            room,
        );
        let width = caption.width().max(address.width());
        Some(Online {
            code,
            caption,
            address,
            width,
        })
    }

    fn height(&self) -> f32 {
        self.code
            .side()
            .max(self.caption.height() + self.address.height())
    }
}

impl<'f> Footer<'f> {
    /// Measures the footer for `width` pt; `folio` is the page number of a roadmap laid
    /// over several pages ("Page 1 of 2"), set at the right of the footer text's last
    /// line, `keep` pt short of its end (room for a note there), or, when it does not fit
    /// there, under the text.
    pub fn new(
        roadmap: &Roadmap,
        width: f32,
        folio: Option<&str>,
        keep: f32,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Footer<'f> {
        let gap = m.space.footer;
        let online = Online::new(roadmap, width, gap, m);
        let mut text_width = online
            .as_ref()
            .map_or(width, |o| width - o.code.side() - o.width - 2.0 * gap);
        let logos = LogoRow::new(roadmap, Place::Footer, preset);
        let logos_beside = logos
            .as_ref()
            .is_some_and(|row| row.width + row.gap <= text_width * LOGOS_BESIDE_FOOTER);
        if let (Some(row), true) = (&logos, logos_beside) {
            text_width -= row.width + row.gap;
        }
        let block = roadmap.footer_line().map(|text| {
            Block::new(
                m.fonts,
                &text,
                Weight::Regular,
                m.small,
                m.lines.subtitle,
                text_width.max(1.0),
            )
        });
        let folio = folio.map(|words| {
            let width = text_width.max(1.0);
            Block::new(
                m.fonts,
                words,
                Weight::Bold,
                m.small,
                m.lines.subtitle,
                width,
            )
        });
        let folio_x = match (&block, &folio) {
            (Some(text), Some(folio)) => {
                let last = text.lines.last().map_or(0.0, |line| line.width);
                let x = text_width - keep - folio.width();
                (last + gap <= x).then_some(x)
            }
            _ => None,
        };
        let under = folio.as_ref().filter(|_| folio_x.is_none());
        let text = block.as_ref().map_or(0.0, Block::height) + under.map_or(0.0, Block::height);
        let content = match &logos {
            Some(row) if logos_beside => text.max(row.height),
            Some(row) if text > 0.0 => text + row.gap + row.height,
            Some(row) => row.height,
            None => text,
        };
        let content = content.max(online.as_ref().map_or(0.0, Online::height));
        let height = if content > 0.0 {
            content + m.space.footer
        } else {
            0.0
        };
        Footer {
            logos,
            logos_beside,
            block,
            folio,
            folio_x,
            online,
            gap,
            rule: m.rule,
            height,
            role: Role::Footer,
        }
    }

    /// The running foot of a page that is not the roadmap's last, when the full footer
    /// stands once, on the last page: one line under a rule, the roadmap's title at the
    /// left (when it fits that line beside the rest) and the page number at the right,
    /// `keep` pt short of the line's end (room for a note there).
    pub fn running(
        roadmap: &Roadmap,
        width: f32,
        folio: &str,
        keep: f32,
        m: &Metrics<'f>,
    ) -> Footer<'f> {
        let gap = m.space.footer;
        let line = |words: &str, weight, room: f32| {
            Block::new(m.fonts, words, weight, m.small, m.lines.subtitle, room)
        };
        let folio = line(folio, Weight::Bold, width.max(1.0));
        let folio_x = (width - keep - folio.width()).max(0.0);
        // The title stands only whole, on one line: a running foot is never two lines.
        let block = Some(line(
            &roadmap.title,
            Weight::Regular,
            (folio_x - gap).max(1.0),
        ))
        .filter(|title| title.lines.len() == 1 && !title.broken && folio_x > gap);
        let text = block.as_ref().map_or(0.0, Block::height);
        let height = text.max(folio.height()) + m.space.footer;
        Footer {
            logos: None,
            logos_beside: false,
            block,
            folio: Some(folio),
            folio_x: Some(folio_x),
            online: None,
            gap,
            rule: m.rule,
            height,
            role: Role::Pagination,
        }
    }

    /// The footer as items, the rule at `top`, `width` pt wide.
    pub fn place(&self, x: f32, top: f32, width: f32, preset: &Preset) -> Vec<Item> {
        if self.height <= 0.0 {
            return Vec::new();
        }
        let p = &preset.palette;
        let mut items = vec![Item::Shape(Shape {
            path: Path::rect(Rect::new(x, top, width, self.rule)),
            fill: Some(p.card_border.0),
            stroke: None,
        })];
        let bottom = top + self.height;
        // The strip stands on the footer's bottom edge beside the text, or above the text.
        let mut text_x = x;
        // The page number's line under the text, when it stands there.
        let under = self.folio.as_ref().filter(|_| self.folio_x.is_none());
        let folio = under.map_or(0.0, Block::height);
        if let Some(row) = &self.logos {
            let text = self.block.as_ref().map_or(0.0, Block::height) + folio;
            let row_top = if self.logos_beside || text == 0.0 {
                bottom - row.height
            } else {
                bottom - text - row.gap - row.height
            };
            items.extend(row.place(Point::new(x, row_top)));
            if self.logos_beside {
                text_x += row.width + row.gap;
            }
        }
        if let Some(block) = &self.block {
            let lines = block.place(text_x, bottom - folio - block.height(), p.muted.0);
            items.extend(with_role(lines, self.role));
        }
        if let Some(block) = &self.folio {
            let (folio_x, top) = match self.folio_x {
                Some(dx) => (text_x + dx, bottom - block.height()),
                None => (text_x, bottom - folio),
            };
            let lines = block.place(folio_x, top, p.muted.0);
            items.extend(with_role(lines, Role::Pagination));
        }
        if let Some(online) = &self.online {
            let side = online.code.side();
            let at = Point::new(x + width - side, bottom - side);
            // The code's light modules and quiet zone are the page's own colour, not a
            // white box: the decoder reads it as well (tests/qr.rs).
            items.push(online.code.place(at, p.text.0, p.page.0));
            // The words stand beside the code on the footer text's lines: set in the same
            // size and leading, and ending on its last line. The caption is bold, whose
            // ascent differs, so it is set from the address's first baseline.
            let left = at.x - self.gap - online.width;
            let address_top = bottom - online.address.height();
            let baseline = address_top + online.address.style.ascent() - online.address.leading;
            let caption_top = baseline
                - online.caption.style.ascent()
                - online.address.leading * (online.caption.lines.len().max(1) - 1) as f32;
            items.extend(with_role(
                online.caption.place(left, caption_top, p.text.0),
                Role::Footer,
            ));
            let address = online.address.place(left, address_top, p.link.0);
            items.extend(with_role(address, Role::Footer));
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use crate::scene::Text;

    /// The header's text lines with `role`.
    fn lines(items: &[Item], role: Role) -> Vec<&Text> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Text(t) if t.role == role => Some(t),
                _ => None,
            })
            .collect()
    }

    fn header(subtitle: &str, beside: bool) -> (Header<'static>, Vec<Item>) {
        let source = format!(
            "title = \"Training roadmap\"\nsubtitle = \"{subtitle}\"\n\n[[stage]]\n\
             title = \"One\"\n"
        );
        let roadmap = model::parse("header.toml", &source).unwrap();
        let mut preset = Preset::builtin("timeline").unwrap();
        preset.packing.subtitle_beside = beside;
        let m = Metrics::new(&preset, 1.0, crate::text::Fonts::bundled());
        let header = Header::new(&roadmap, 700.0, &m, &preset);
        let items = header.place(Point::new(0.0, 0.0), &preset);
        (header, items)
    }

    #[test]
    fn a_subtitle_beside_the_title_shares_its_baseline_and_saves_a_line() {
        let short = "What is open to you at each stage";
        let (under, _) = header(short, false);
        let (beside, items) = header(short, true);
        let title = lines(&items, Role::Title);
        let subtitle = lines(&items, Role::Subtitle);
        assert_eq!((title.len(), subtitle.len()), (1, 1));
        assert!((title[0].origin.y - subtitle[0].origin.y).abs() < 0.01);
        assert!(subtitle[0].origin.x > title[0].origin.x + title[0].width);
        assert!(beside.height < under.height - subtitle[0].size);
    }

    #[test]
    fn a_subtitle_too_long_to_stand_beside_the_title_goes_under_it() {
        let long = "What is open to you at each stage, who provides it, what it costs, \
                    and where to find it online or on paper";
        let (under, _) = header(long, false);
        let (beside, items) = header(long, true);
        let title = lines(&items, Role::Title);
        let subtitle = lines(&items, Role::Subtitle);
        assert!(subtitle[0].origin.y > title[0].origin.y);
        assert_eq!(beside.height, under.height);
    }
}
