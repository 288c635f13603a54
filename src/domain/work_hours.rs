//! Work hours (§8 作業時間): minutes summed by a key, and how they are written.
//! The monthly report and the annual report add the same minutes with these,
//! so the two agree to the minute.

use std::collections::BTreeMap;

/// `152:30`: hours and minutes, so that a column adds up to the minute.
pub fn hours_text(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Minutes summed per key, in the keys' order.
pub fn sum_by<K: Ord>(items: impl IntoIterator<Item = (K, u32)>) -> BTreeMap<K, u32> {
    let mut sums = BTreeMap::new();
    for (key, minutes) in items {
        *sums.entry(key).or_insert(0) += minutes;
    }
    sums
}

/// Whether two spans of minutes `[start, end)` share a minute.
pub fn overlaps(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_written_to_the_minute() {
        assert_eq!(hours_text(0), "0:00");
        assert_eq!(hours_text(9_150), "152:30");
        assert_eq!(hours_text(59), "0:59");
    }

    #[test]
    fn sums_keep_every_key_once() {
        let sums = sum_by([("b", 30), ("a", 15), ("b", 45)]);
        assert_eq!(sums.into_iter().collect::<Vec<_>>(), [("a", 15), ("b", 75)]);
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        assert!(!overlaps((510, 600), (600, 700)));
        assert!(overlaps((510, 601), (600, 700)));
        assert!(overlaps((600, 700), (610, 620)));
    }
}
