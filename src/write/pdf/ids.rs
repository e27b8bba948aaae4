//! The FNV-1a hash that the trailer's `/ID` (a hash of the file) and the font subset tags
//! are made of.

pub(super) const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions (unlike `Hasher`).
pub(super) fn fnv1a(basis: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(basis, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// 128 bits of content hash as 32 uppercase hex digits: a file's `/ID`.
pub(super) fn content_id(bytes: &[u8]) -> [u8; 32] {
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

    #[test]
    fn a_content_id_is_32_hex_digits_that_follow_the_content() {
        let id = content_id(b"one file");
        assert!(id
            .iter()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert_ne!(id, content_id(b"another file"));
        assert_eq!(id, content_id(b"one file"));
    }
}
