//! QR codes as the scene holds them: a square of modules that each writer draws as vector
//! shapes, the dark modules as one path.

use super::{Color, Path, Point, Rect, Segment};

/// A QR code on the page: dark modules on a light square that includes the quiet zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Qr {
    /// The light square's top-left corner (the quiet zone's outer edge), in pt.
    pub origin: Point,
    /// The side of one module, in pt.
    pub module: f32,
    /// Modules per side of the symbol, without the quiet zone.
    pub size: usize,
    /// The width of the quiet zone on each side, in modules.
    pub quiet: usize,
    /// Whether each module is dark, row by row from the symbol's top-left corner:
    /// `size × size` values.
    pub dark: Vec<bool>,
    /// The dark modules' colour.
    pub color: Color,
    /// The light square's colour.
    pub background: Color,
    /// What the code holds: the address a phone opens.
    pub data: String,
}

impl Qr {
    /// The side of the light square, quiet zone included, in pt.
    pub fn side(&self) -> f32 {
        (self.size + 2 * self.quiet) as f32 * self.module
    }

    /// The light square, quiet zone included.
    pub fn bounds(&self) -> Rect {
        Rect::new(self.origin.x, self.origin.y, self.side(), self.side())
    }

    /// The dark modules as runs along each row, `(row, first column, length)`, counted in
    /// modules from the symbol's top-left corner inside the quiet zone. One rectangle a run
    /// keeps the path short, and leaves no seam between neighbouring modules of a row.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (row, cells) in self.dark.chunks(self.size.max(1)).enumerate() {
            let mut column = 0;
            while column < cells.len() {
                if !cells[column] {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < cells.len() && cells[column] {
                    column += 1;
                }
                runs.push((row, start, column - start));
            }
        }
        runs
    }

    /// The dark modules as one path in page coordinates: a closed rectangle a run, filled
    /// with the non-zero rule.
    pub fn path(&self) -> Path {
        let m = self.module;
        let x0 = self.origin.x + self.quiet as f32 * m;
        let y0 = self.origin.y + self.quiet as f32 * m;
        let mut segments = Vec::new();
        for (row, column, length) in self.runs() {
            let (left, top) = (x0 + column as f32 * m, y0 + row as f32 * m);
            let (right, bottom) = (left + length as f32 * m, top + m);
            segments.extend([
                Segment::MoveTo(Point::new(left, top)),
                Segment::LineTo(Point::new(right, top)),
                Segment::LineTo(Point::new(right, bottom)),
                Segment::LineTo(Point::new(left, bottom)),
                Segment::Close,
            ]);
        }
        Path { segments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(size: usize, dark: &[u8]) -> Qr {
        Qr {
            origin: Point::new(10.0, 20.0),
            module: 2.0,
            size,
            quiet: 4,
            dark: dark.iter().map(|&d| d == 1).collect(),
            color: Color::rgb(0, 0, 0),
            background: Color::rgb(255, 255, 255),
            data: String::new(),
        }
    }

    #[test]
    fn runs_join_neighbouring_dark_modules_of_a_row() {
        let qr = code(3, &[1, 1, 0, 0, 0, 0, 1, 0, 1]);
        assert_eq!(qr.runs(), vec![(0, 0, 2), (2, 0, 1), (2, 2, 1)]);
    }

    #[test]
    fn the_path_starts_inside_the_quiet_zone() {
        let qr = code(3, &[1, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(qr.side(), 22.0);
        let b = qr.path().bounds();
        assert_eq!((b.x, b.y, b.width, b.height), (18.0, 28.0, 6.0, 6.0));
    }
}
