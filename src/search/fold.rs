//! Folding text for search, identical in Rust (the index) and in
//! templates/static/search.js (the query): one character in, one character out,
//! so positions found in folded text are positions in the original.
//!
//! - full-width ASCII (Ａ１！) → ASCII, ASCII upper case → lower case
//! - hiragana → katakana, so ぱらめーた finds パラメータ
//! - half-width katakana (ｶﾅ) → full-width; ideographic space → space; 〜 → ~

/// Full-width katakana for U+FF66..=U+FF9D, in order.
const FULL_KANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        '\u{301C}' => '~',
        '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        '\u{FF66}'..='\u{FF9D}' => {
            let i = (c as u32 - 0xFF66) as usize;
            FULL_KANA.chars().nth(i).unwrap_or(c)
        }
        _ => c,
    }
}

pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Characters that make up words; bigrams never cross anything else.
pub fn is_word(c: char) -> bool {
    // `is_alphanumeric` walks Unicode tables for every kana and kanji; the
    // answers for the Basic Multilingual Plane are looked up once.
    static BMP: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let code = c as usize;
    if code >= 0x10000 {
        return c.is_alphanumeric();
    }
    let bits = BMP.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for code in 0..0x10000u32 {
            if char::from_u32(code).is_some_and(char::is_alphanumeric) {
                bits[code as usize / 64] |= 1 << (code % 64);
            }
        }
        bits
    });
    bits[code / 64] & (1 << (code % 64)) != 0
}

/// Each pair of adjacent word characters of already folded text, packed as
/// `(first << 32) | second`.
pub fn bigrams(folded: &str, out: &mut Vec<u64>) {
    bigrams_of(folded.chars(), out);
}

/// [`bigrams`] of the folded characters `chars`.
pub fn bigrams_of(chars: impl Iterator<Item = char>, out: &mut Vec<u64>) {
    let mut prev: Option<char> = None;
    for c in chars {
        if is_word(c) {
            if let Some(p) = prev {
                out.push((u64::from(p as u32) << 32) | u64::from(c as u32));
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
}

pub fn bigram_text(key: u64) -> String {
    let first = char::from_u32((key >> 32) as u32).unwrap_or(' ');
    let second = char::from_u32(key as u32).unwrap_or(' ');
    [first, second].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF_KANA: &str = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";

    #[test]
    fn half_width_kana_table_is_complete() {
        assert_eq!(HALF_KANA.chars().count(), 0xFF9D - 0xFF66 + 1);
        assert_eq!(FULL_KANA.chars().count(), HALF_KANA.chars().count());
        for (i, c) in HALF_KANA.chars().enumerate() {
            assert_eq!(c as u32, 0xFF66 + i as u32);
        }
    }

    #[test]
    fn folding_unifies_scripts_and_widths_but_keeps_length() {
        assert_eq!(fold("ぱらめーた"), "パラメータ");
        assert_eq!(fold("ﾊﾞｯﾁ"), "ハﾞッチ");
        assert_eq!(fold("ＡＷＳ　Batch"), "aws batch");
        assert_eq!(fold("8:30〜18:00"), "8:30~18:00");
        let s = "夜間日次バッチ（ＡＢＣ）";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn bigrams_stop_at_punctuation_and_spaces() {
        let mut keys = Vec::new();
        bigrams(&fold("夜間バッチ、稼働 ab"), &mut keys);
        let texts: Vec<String> = keys.into_iter().map(bigram_text).collect();
        assert_eq!(texts, ["夜間", "間バ", "バッ", "ッチ", "稼働", "ab"]);
    }

    #[test]
    fn word_table_agrees_with_unicode() {
        for code in (0..0x11000u32)
            .step_by(7)
            .chain([0x3041, 0x3099, 0x30FC, 0x4E00, 0xFF10])
        {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_word(c), c.is_alphanumeric(), "{code:x}");
            }
        }
    }
}
