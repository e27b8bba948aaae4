//! Greedy line breaking with real glyph widths.

use super::{shape, Line, Style};

/// Characters after which a long word (a URL, a compound) may be broken when it cannot fit.
const SOFT_BREAKS: &[char] = &['/', '.', '-', '_', '?', '&', '=', '–', '—', '@'];

/// Wraps `text` into lines no wider than `max_width` pt.
///
/// Lines break at spaces; a word wider than the whole line is broken after a `/`, `.`, `-`
/// or similar where possible, else between characters, so no line is ever wider than
/// `max_width` unless a single character is. Explicit line breaks (`\n`) are kept.
pub fn wrap(text: &str, style: Style, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, style, max_width, &mut lines);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, style: Style, max_width: f32, lines: &mut Vec<Line>) {
    // Words are measured once each and lines planned from the sums, rather than shaping
    // every candidate line; each finished line is then shaped whole.
    let space = shape(" ", style).width;
    let mut words: Vec<String> = Vec::new();
    let mut width = 0.0;
    // The line that will start with the last piece of a broken word: the next one made.
    let mut continued: Option<usize> = None;
    for word in paragraph.split_whitespace() {
        let w = shape(word, style).width;
        if w > max_width {
            while !words.is_empty() {
                finish(&mut words, style, max_width, space, lines);
            }
            mark_continued(lines, continued.take());
            let mut pieces = break_word(word, style, max_width);
            for piece in pieces.iter_mut().skip(1) {
                piece.continues_word = true;
            }
            let last = pieces.pop();
            lines.extend(pieces);
            if let Some(last) = last {
                width = last.width;
                words.push(last.text);
                continued = last.continues_word.then_some(lines.len());
            }
            continue;
        }
        if !words.is_empty() && width + space + w > max_width {
            width = finish(&mut words, style, max_width, space, lines);
            // Words kept back by `finish` start the new line; flush them too if the word
            // does not fit beside them.
            if !words.is_empty() && width + space + w > max_width {
                while !words.is_empty() {
                    finish(&mut words, style, max_width, space, lines);
                }
            }
        }
        width = if words.is_empty() {
            w
        } else {
            width + space + w
        };
        words.push(word.to_string());
    }
    while !words.is_empty() {
        finish(&mut words, style, max_width, space, lines);
    }
    mark_continued(lines, continued);
    if lines.is_empty() {
        lines.push(shape("", style));
    }
}

fn mark_continued(lines: &mut [Line], at: Option<usize>) {
    if let Some(line) = at.and_then(|i| lines.get_mut(i)) {
        line.continues_word = true;
    }
}

/// Shapes the planned words as one line and adds it. Kerning across spaces can make the
/// shaped line a little wider than the planned sum: then its last words are kept back in
/// `words` for the next line, and the function returns their planned width.
fn finish(
    words: &mut Vec<String>,
    style: Style,
    max_width: f32,
    space: f32,
    lines: &mut Vec<Line>,
) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    let mut carried = Vec::new();
    loop {
        let line = shape(&words.join(" "), style);
        if line.width <= max_width || words.len() == 1 {
            lines.push(line);
            break;
        }
        carried.push(words.pop().unwrap_or_default());
    }
    carried.reverse();
    *words = carried;
    let widths: f32 = words.iter().map(|w| shape(w, style).width).sum();
    widths + space * words.len().saturating_sub(1) as f32
}

/// Splits a word that is wider than a line into pieces that each fit.
///
/// The word is shaped once and its pieces planned from the pen position at each cluster's
/// end, so the cost grows with the word's length, not with its square; each piece is then
/// shaped on its own and stepped back a cluster in the rare case that the cut changed its
/// kerning enough to overflow.
fn break_word(word: &str, style: Style, max_width: f32) -> Vec<Line> {
    let whole = shape(word, style);
    // (byte offset where a cluster ends, pen position there)
    let mut ends: Vec<(usize, f32)> = Vec::with_capacity(whole.glyphs.len());
    let mut pen = 0.0;
    for (i, glyph) in whole.glyphs.iter().enumerate() {
        pen += glyph.advance;
        let cluster_ends = whole
            .glyphs
            .get(i + 1)
            .is_none_or(|n| n.start != glyph.start);
        if cluster_ends && ends.last().is_none_or(|&(e, _)| glyph.end > e) {
            ends.push((glyph.end, pen));
        }
    }
    if ends.last().is_none_or(|&(e, _)| e < word.len()) {
        ends.push((word.len(), pen));
    }
    let mut pieces = Vec::new();
    let (mut from, mut from_x, mut next) = (0, 0.0, 0);
    while next < ends.len() {
        let first = next;
        // The longest run of clusters that fits, at least one.
        let mut fit = first;
        let mut soft = None;
        while next < ends.len() && (next == first || ends[next].1 - from_x <= max_width) {
            fit = next;
            let end = ends[next].0;
            if end < word.len() && word[..end].ends_with(SOFT_BREAKS) {
                soft = Some(next);
            }
            next += 1;
        }
        // Prefer a soft break unless it would leave the line less than half full.
        let fit_len = ends[fit].0 - from;
        let mut cut = match soft {
            Some(s) if ends[fit].0 < word.len() && (ends[s].0 - from) * 2 >= fit_len => s,
            _ => fit,
        };
        let line = loop {
            let line = shape(&word[from..ends[cut].0], style);
            if line.width <= max_width || cut == first {
                break line;
            }
            cut -= 1;
        };
        pieces.push(line);
        (from, from_x, next) = (ends[cut].0, ends[cut].1, cut + 1);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Weight;
    use crate::text::Fonts;

    fn body() -> Style<'static> {
        Style::new(Fonts::bundled(), Weight::Regular, 9.0)
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "Statutory and mandatory training (safeguarding, information governance, \
                    basic life support) for every member of staff";
        let lines = wrap(text, body(), 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(line.width <= 120.0, "{} is {} pt", line.text, line.width);
        }
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            joined.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn long_urls_break_after_a_slash() {
        let lines = wrap(
            "england.nhs.uk/personalisedcare/social-prescribing/",
            body(),
            100.0,
        );
        assert!(lines.len() >= 2);
        assert!(
            lines[0].text.ends_with(['/', '.', '-']),
            "{:?}",
            lines[0].text
        );
        for line in &lines {
            assert!(line.width <= 100.0);
        }
    }

    #[test]
    fn a_very_long_word_is_broken_into_full_lines() {
        let word: String = "abcdefghij".repeat(2_000);
        let lines = wrap(&word, body(), 150.0);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            word
        );
        assert!(lines.iter().all(|l| l.width <= 150.0));
        // Every line but the last is full: one more character would not have fitted.
        for pair in lines.windows(2) {
            let longer = format!("{}{}", pair[0].text, &pair[1].text[..1]);
            assert!(shape(&longer, body()).width > 150.0, "{longer}");
        }
    }

    #[test]
    fn lines_that_go_on_with_a_broken_word_say_so() {
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let lines = wrap(&format!("Visit {word} station today"), body(), 80.0);
        let mut read = String::new();
        for line in &lines {
            if !read.is_empty() && !line.continues_word {
                read.push(' ');
            }
            read.push_str(&line.text);
        }
        assert_eq!(read, format!("Visit {word} station today"), "{lines:?}");
        assert!(lines.iter().filter(|l| l.continues_word).count() >= 2);
    }

    #[test]
    fn a_word_without_break_points_is_cut_between_characters() {
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let lines = wrap(word, body(), 60.0);
        assert!(lines.len() > 2);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            word
        );
        assert!(lines.iter().all(|l| l.width <= 60.0));
    }
}
