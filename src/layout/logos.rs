//! The roadmap's logos in a row: the header's beside or above the title, the footer's in a
//! strip beside or above its text. Logos keep the size the roadmap or preset gives them in
//! mm: fitting changes type, never a logo.

use super::preset::Preset;
use crate::model::{Place, Roadmap};
use crate::scene::{Item, Link, Picture, Point, Rect, Role};
use crate::units::pt_from_mm;

/// One place's logos, measured, in the order the roadmap gives them.
pub struct LogoRow {
    pictures: Vec<(Picture, Option<String>)>,
    /// Between two logos, and between the row and the text beside or under it, pt.
    pub gap: f32,
    /// The row's width, pt.
    pub width: f32,
    /// The tallest logo's height, pt.
    pub height: f32,
}

impl LogoRow {
    /// The logos of `place`, or `None` when the roadmap has none there.
    pub fn new(roadmap: &Roadmap, place: Place, preset: &Preset) -> Option<LogoRow> {
        let sizes = &preset.logo;
        let default = match place {
            Place::Header => sizes.header.get(),
            _ => sizes.footer.get(),
        };
        let gap = pt_from_mm(sizes.gap.get());
        let min_height = pt_from_mm(sizes.minimum.get());
        let pictures: Vec<(Picture, Option<String>)> = (roadmap.logos.iter())
            .filter(|logo| logo.place == place)
            .map(|logo| {
                let height = pt_from_mm(logo.height.unwrap_or(default));
                let width = height * logo.image.aspect();
                let picture = Picture {
                    rect: Rect::new(0.0, 0.0, width, height),
                    image: logo.image.clone(),
                    alt: logo.alt.clone(),
                    role: match place {
                        Place::Header => Role::Title,
                        _ => Role::Footer,
                    },
                    min_height,
                };
                (picture, logo.link.as_ref().map(|u| u.as_str().to_string()))
            })
            .collect();
        if pictures.is_empty() {
            return None;
        }
        let widths: f32 = pictures.iter().map(|(p, _)| p.rect.width).sum();
        let width = widths + gap * (pictures.len() - 1) as f32;
        let height = (pictures.iter())
            .map(|(p, _)| p.rect.height)
            .fold(0.0, f32::max);
        Some(LogoRow {
            pictures,
            gap,
            width,
            height,
        })
    }

    /// The logos as items, the row's top-left corner at `at`, each standing on the row's
    /// bottom edge. A logo with a link is the link's content, named by its alt text.
    pub fn place(&self, at: Point) -> Vec<Item> {
        let mut x = at.x;
        let bottom = at.y + self.height;
        let mut items = Vec::with_capacity(self.pictures.len());
        for (picture, link) in &self.pictures {
            let rect = Rect::new(
                x,
                bottom - picture.rect.height,
                picture.rect.width,
                picture.rect.height,
            );
            x += rect.width + self.gap;
            let image = Item::Image(Picture {
                rect,
                ..picture.clone()
            });
            items.push(match link {
                Some(url) => Item::Link(Link {
                    rect,
                    url: url.clone(),
                    label: picture.alt.clone().unwrap_or_default(),
                    children: vec![image],
                }),
                None => image,
            });
        }
        items
    }
}
