//! How many inputs the reader hands a worker at a time.
//!
//! Where the chunks end changes nothing in the results (every outcome keeps its reading
//! position), only how the work spreads: a fixed 64 gave a round of a few dozen applications
//! to one worker alone, and a round of a few hundred to a few.

/// The smallest chunk: the first inputs of a run go out four at a time, so every worker gets
/// work at once even in a small round.
const SMALLEST: usize = 4;
/// The largest chunk: channel traffic per input is negligible at this size.
const LARGEST: usize = 64;

/// The size of the next chunk once `read` inputs have been read: a sixteenth of them, from
/// [`SMALLEST`] up to [`LARGEST`]. Chunks grow with the run as it proves long: a round of 300
/// applications goes out in some 40 chunks, and from the 1,024th input on every chunk is 64.
pub(super) fn size(read: u64) -> usize {
    // Past what a `usize` holds, the run is long: the largest chunk.
    usize::try_from(read / 16).map_or(LARGEST, |n| n.clamp(SMALLEST, LARGEST))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many chunks `inputs` inputs are cut into, and the last full chunk's size.
    fn cut(inputs: u64) -> (usize, usize) {
        let (mut read, mut chunks, mut last) = (0, 0, 0);
        while read < inputs {
            last = size(read);
            read += last as u64;
            chunks += 1;
        }
        (chunks, last)
    }

    #[test]
    fn a_round_of_a_few_hundred_spreads_over_many_workers() {
        // 17 applications: five chunks, not one.
        assert!(cut(17).0 >= 5, "{:?}", cut(17));
        // 300 applications: enough chunks for several each of eight workers.
        assert!(cut(300).0 >= 32, "{:?}", cut(300));
    }

    #[test]
    fn a_long_run_goes_out_in_chunks_of_64() {
        assert_eq!(size(1024), LARGEST);
        assert_eq!(size(u64::MAX), LARGEST);
        let (chunks, last) = cut(1_000_000);
        assert_eq!(last, LARGEST);
        // Not many more channel sends than 64 at a time from the start would take.
        assert!(chunks < 1_000_000 / 64 + 100, "{chunks}");
    }
}
