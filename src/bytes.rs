//! Little-endian words read from short byte strings: the memo's keys and the JSON escape test both look at
//! up to eight bytes at once.

/// The up to 8 bytes of `b` as a little-endian word, zero-padded (`b.len() <= 8`), read without a loop:
/// two overlapping 4-byte loads, or the first, middle and last bytes of a shorter string.
#[inline]
pub(crate) fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or([0; 4])) as u64;
    match n {
        0 => 0,
        1..=3 => u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)),
        _ => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_are_the_bytes() {
        let b = b"abcdefgh";
        for n in 0..=8 {
            let want = b[..n].iter().enumerate().fold(0u64, |v, (i, &x)| v | u64::from(x) << (8 * i));
            assert_eq!(load_le(&b[..n]), want, "{n}");
        }
    }
}
