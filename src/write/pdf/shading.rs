//! Gradients as PDF shadings: a linear gradient as an axial shading (type 2), a radial one
//! as a radial shading (type 3), each with one function per pair of stops, in RGB for the
//! stops' colours or in grey for their opacities (drawn as a soft mask).

use lopdf::{dictionary, Dictionary, Object};
use usvg::{Paint, Transform};

/// A colour as PDF's three RGB components from 0 to 1, to 4 decimals.
pub(super) fn rgb(color: usvg::Color) -> [f32; 3] {
    let channel = |c: u8| super::round(f32::from(c) / 255.0, 10_000.0);
    [
        channel(color.red),
        channel(color.green),
        channel(color.blue),
    ]
}

fn reals(values: &[f32]) -> Vec<Object> {
    values.iter().copied().map(Object::Real).collect()
}

/// Which channels a shading gives: the stops' colours, or their opacities in grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channels {
    Colour,
    Alpha,
}

/// A linear or radial gradient as usvg resolves it: in the user space of the path it
/// paints, after its own transform.
pub(super) struct Gradient<'a> {
    /// Axial (`ShadingType` 2) or radial (3), and its coordinates.
    kind: i64,
    coords: Vec<f32>,
    /// From the gradient's space to the user space of the path it paints.
    pub(super) transform: Transform,
    stops: &'a [usvg::Stop],
}

impl<'a> Gradient<'a> {
    /// A paint's gradient; `None` for a colour or a pattern.
    pub(super) fn of(paint: &'a Paint) -> Option<Gradient<'a>> {
        match paint {
            Paint::LinearGradient(g) => Some(Gradient {
                kind: 2,
                coords: vec![g.x1(), g.y1(), g.x2(), g.y2()],
                transform: g.transform(),
                stops: g.stops(),
            }),
            Paint::RadialGradient(g) => Some(Gradient {
                kind: 3,
                coords: vec![g.fx(), g.fy(), g.fr().get(), g.cx(), g.cy(), g.r().get()],
                transform: g.transform(),
                stops: g.stops(),
            }),
            Paint::Color(_) | Paint::Pattern(_) => None,
        }
    }

    /// The shading of `channels`; `None` for the alpha of stops that are all opaque, or a
    /// gradient without stops.
    pub(super) fn shading(&self, channels: Channels) -> Option<Dictionary> {
        if channels == Channels::Alpha && self.stops.iter().all(|s| s.opacity().get() >= 1.0) {
            return None;
        }
        let stops: Vec<(f32, Vec<f32>)> = (self.stops.iter())
            .map(|stop| {
                let values = match channels {
                    Channels::Colour => rgb(stop.color()).to_vec(),
                    Channels::Alpha => vec![stop.opacity().get()],
                };
                (stop.offset().get(), values)
            })
            .collect();
        let space = match channels {
            Channels::Colour => "DeviceRGB",
            Channels::Alpha => "DeviceGray",
        };
        Some(dictionary! {
            "ShadingType" => self.kind,
            "ColorSpace" => Object::Name(space.as_bytes().to_vec()),
            "Coords" => reals(&self.coords),
            "Function" => function(&stops)?,
            // The first and last colours go on past the ends: SVG's `pad`.
            "Extend" => vec![Object::Boolean(true), Object::Boolean(true)],
        })
    }
}

/// The function of a gradient's stops, `(offset, values)` with offsets in order: one
/// exponential (type 2, linear) function from each stop to the next, stitched (type 3)
/// when there is more than one. The first and last stops' values stand before and after
/// them; stops at one offset make a hard edge.
fn function(stops: &[(f32, Vec<f32>)]) -> Option<Object> {
    let (first, last) = (stops.first()?, stops.last()?);
    // Offsets never go back (SVG takes a smaller one as the one before it).
    let mut points: Vec<(f32, &[f32])> = vec![(0.0, &first.1)];
    let mut at = 0.0_f32;
    for (offset, values) in stops {
        at = offset.clamp(at, 1.0);
        points.push((at, values));
    }
    points.push((1.0, &last.1));
    let pieces: Vec<(f32, Object)> = (points.windows(2))
        .filter(|w| w[1].0 > w[0].0)
        .map(|w| {
            let piece = dictionary! {
                "FunctionType" => 2,
                "Domain" => reals(&[0.0, 1.0]),
                "C0" => reals(w[0].1),
                "C1" => reals(w[1].1),
                "N" => 1,
            };
            (w[0].0, Object::Dictionary(piece))
        })
        .collect();
    if pieces.len() <= 1 {
        return pieces.into_iter().next().map(|(_, f)| f);
    }
    let bounds: Vec<Object> = pieces[1..]
        .iter()
        .map(|(at, _)| Object::Real(*at))
        .collect();
    let encode: Vec<Object> = (0..pieces.len())
        .flat_map(|_| [Object::Real(0.0), Object::Real(1.0)])
        .collect();
    Some(Object::Dictionary(dictionary! {
        "FunctionType" => 3,
        "Domain" => reals(&[0.0, 1.0]),
        "Functions" => pieces.into_iter().map(|(_, f)| f).collect::<Vec<_>>(),
        "Bounds" => bounds,
        "Encode" => encode,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function as text: `[C0 → C1]` for one piece, `stitch(bounds: pieces)` for several.
    fn show(function: &Object) -> String {
        let d = function.as_dict().unwrap();
        let numbers = |key: &[u8]| {
            let values = d.get(key).unwrap().as_array().unwrap();
            let values: Vec<String> = values
                .iter()
                .map(|v| v.as_float().unwrap().to_string())
                .collect();
            values.join(" ")
        };
        match d.get(b"FunctionType").unwrap().as_i64().unwrap() {
            2 => format!("[{} → {}]", numbers(b"C0"), numbers(b"C1")),
            _ => {
                let pieces = d.get(b"Functions").unwrap().as_array().unwrap();
                let pieces: Vec<String> = pieces.iter().map(show).collect();
                format!("stitch({}: {})", numbers(b"Bounds"), pieces.join(" "))
            }
        }
    }

    fn stops(list: &[(f32, f32)]) -> Vec<(f32, Vec<f32>)> {
        list.iter().map(|&(at, v)| (at, vec![v])).collect()
    }

    #[test]
    fn stops_become_one_piece_per_pair_with_the_ends_held() {
        let f = |list: &[(f32, f32)]| show(&function(&stops(list)).unwrap());
        assert_eq!(f(&[(0.0, 0.0), (1.0, 1.0)]), "[0 → 1]");
        assert_eq!(
            f(&[(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]),
            "stitch(0.5: [0 → 1] [1 → 0])"
        );
        // Stops inside the range: their first and last values stand before and after.
        assert_eq!(
            f(&[(0.25, 0.0), (0.75, 1.0)]),
            "stitch(0.25 0.75: [0 → 0] [0 → 1] [1 → 1])"
        );
        // Two stops at one offset make a hard edge; an offset going back is taken as the
        // one before it.
        assert_eq!(
            f(&[(0.0, 0.0), (0.5, 0.2), (0.5, 0.8), (0.3, 0.9), (1.0, 1.0)]),
            "stitch(0.5: [0 → 0.2] [0.9 → 1])"
        );
        assert_eq!(f(&[(0.5, 0.3)]), "stitch(0.5: [0.3 → 0.3] [0.3 → 0.3])");
        assert!(function(&[]).is_none());
    }
}
