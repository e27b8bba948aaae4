//! The trailer `/ID`: printpdf's random one replaced by a hash of the file, and the FNV-1a
//! hash it is made of, which the font subset tags use too.

use super::output;
use crate::error::{PdfError, Result};
use std::ops::Range;

/// Replaces the two random trailer `/ID` strings with a hash of the file (computed with
/// the strings blanked), so equal scenes give equal bytes. The strings keep their length,
/// so the cross-reference offsets stay valid.
pub(super) fn stamp_content_id(mut bytes: Vec<u8>) -> Result<Vec<u8>> {
    let spans = id_spans(&bytes).ok_or_else(|| output(PdfError::NoTrailerId))?;
    for span in &spans {
        bytes[span.clone()].fill(b'0');
    }
    let id = content_hash(&bytes);
    for span in spans {
        bytes[span].copy_from_slice(&id);
    }
    Ok(bytes)
}

/// Where the contents of the two `/ID` strings are: printpdf writes 32 capital letters
/// in parentheses for each, in the trailer at the end of the file.
fn id_spans(bytes: &[u8]) -> Option<[Range<usize>; 2]> {
    let find = |from: usize, needle: &[u8]| {
        (bytes.get(from..)?.windows(needle.len()))
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let trailer = (bytes.windows(7)).rposition(|w| w == b"trailer")?;
    let mut at = find(trailer, b"/ID")? + 3;
    let mut string = || {
        let open = find(at, b"(")?;
        let between = bytes.get(at..open)?;
        if !between
            .iter()
            .all(|&b| b == b'[' || b.is_ascii_whitespace())
        {
            return None;
        }
        let span = open + 1..open + 33;
        let letters = bytes.get(span.clone())?.iter().all(u8::is_ascii_uppercase);
        (letters && bytes.get(span.end) == Some(&b')')).then(|| {
            at = span.end + 1;
            span
        })
    };
    Some([string()?, string()?])
}

pub(super) const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions (unlike `Hasher`).
pub(super) fn fnv1a(basis: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(basis, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// 128 bits of content hash as 32 uppercase hex digits, the length of printpdf's ids.
fn content_hash(bytes: &[u8]) -> [u8; 32] {
    let first = fnv1a(FNV_BASIS, bytes);
    let second = fnv1a(first ^ 0x9e37_79b9_7f4a_7c15, bytes);
    let mut out = [0; 32];
    let hex = format!("{first:016X}{second:016X}");
    out.copy_from_slice(hex.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::pdf::tests::contains;

    #[test]
    fn finds_and_replaces_only_printpdf_ids() {
        let ids = b"trailer\n<</Root 1 0 R/ID[(ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB)(BBCDEFGHIJABCDEFGHIJABCDEFGHIJAB)]>>";
        let spans = id_spans(ids).unwrap();
        assert_eq!(&ids[spans[0].clone()], b"ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB");
        assert_eq!(&ids[spans[1].clone()], b"BBCDEFGHIJABCDEFGHIJABCDEFGHIJAB");
        assert!(id_spans(b"trailer\n<</ID[(short)(short)]>>").is_none());
        let stamped = stamp_content_id(ids.to_vec()).unwrap();
        assert_eq!(stamped.len(), ids.len());
        assert!(!contains(&stamped, b"ABCDEFGHIJ"));
    }
}
