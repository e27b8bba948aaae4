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
    for word in paragraph.split_whitespace() {
        let w = shape(word, style).width;
        if w > max_width {
            while !words.is_empty() {
                finish(&mut words, style, max_width, space, lines);
            }
            let mut pieces = break_word(word, style, max_width);
            let last = pieces.pop();
            lines.extend(pieces);
            if let Some(last) = last {
                width = last.width;
                words.push(last.text);
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
    if lines.is_empty() {
        lines.push(shape("", style));
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
fn break_word(word: &str, style: Style, max_width: f32) -> Vec<Line> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let boundaries: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        // The longest prefix that fits, at least one character.
        let mut fit = boundaries[0];
        let mut soft = None;
        for &end in &boundaries {
            if shape(&rest[..end], style).width > max_width {
                break;
            }
            fit = end;
            if rest[..end].ends_with(SOFT_BREAKS) && end < rest.len() {
                soft = Some(end);
            }
        }
        // Prefer a soft break unless it would leave the line less than half full.
        let end = match soft {
            Some(s) if fit < rest.len() && s * 2 >= fit => s,
            _ => fit,
        };
        pieces.push(shape(&rest[..end], style));
        rest = &rest[end..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Weight;

    const BODY: Style = Style::new(Weight::Regular, 9.0);

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "Statutory and mandatory training (safeguarding, information governance, \
                    basic life support) for every member of staff";
        let lines = wrap(text, BODY, 120.0);
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
            BODY,
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
    fn a_word_without_break_points_is_cut_between_characters() {
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let lines = wrap(word, BODY, 60.0);
        assert!(lines.len() > 2);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            word
        );
        assert!(lines.iter().all(|l| l.width <= 60.0));
    }
}
