//! The index files are scripts, not JSON files, because a page opened from
//! file:// may load a script but not fetch a file. Each one registers a part:
//!
//! ```js
//! (window.TEBIKI_SEARCH=window.TEBIKI_SEARCH||{})["g-3"]=JSON.parse('…');
//! ```
//!
//! The data is a JSON string parsed by `JSON.parse`, which browsers load much
//! faster than the same data as an object literal.

const PREFIX: &str = "(window.TEBIKI_SEARCH=window.TEBIKI_SEARCH||{})[\"";
const MIDDLE: &str = "\"]=JSON.parse('";
const SUFFIX: &str = "');\n";

/// The script registering `part` with `json`, which was written by the
/// `push_*` functions below (already quoted for the single-quoted string).
pub fn part_script(part: &str, json_pieces: &[&str]) -> String {
    let size = json_pieces.iter().map(|p| p.len()).sum::<usize>();
    let mut js = String::with_capacity(size + PREFIX.len() + part.len() + 24);
    js.push_str(PREFIX);
    js.push_str(part);
    js.push_str(MIDDLE);
    for piece in json_pieces {
        js.push_str(piece);
    }
    js.push_str(SUFFIX);
    js
}

/// The part name and data of a script written by [`part_script`].
pub fn read_part(js: &str) -> Option<(String, serde_json::Value)> {
    let rest = js.strip_prefix(PREFIX)?;
    let (part, rest) = rest.split_once(MIDDLE)?;
    let quoted = rest.strip_suffix(SUFFIX)?;
    let mut json = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            json.push(c);
            continue;
        }
        match chars.next()? {
            'n' => json.push('\n'),
            'r' => json.push('\r'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                json.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            other => json.push(other),
        }
    }
    Some((part.to_string(), serde_json::from_str(&json).ok()?))
}

/// Appends `text` as a JSON string inside a single-quoted JS string: escaped for
/// JSON (exactly as serde_json does), and that escaped again for the quotes
/// (`\` `'` line breaks, U+2028/9), in one pass.
pub fn push_quoted(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // The bytes that may need escaping: a table lookup a byte finds them in
    // the index's 25 MB of text twice as fast as matching every byte.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = true;
            b += 1;
        }
        table[b'"' as usize] = true;
        table[b'\\' as usize] = true;
        table[b'\'' as usize] = true;
        table[0xA8] = true;
        table[0xA9] = true;
        table
    };
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| SPECIAL[usize::from(b)]) {
        let i = from + at;
        let b = bytes[i];
        from = i + 1;
        let escaped: &str = match b {
            b'"' => "\\\\\"",
            b'\\' => "\\\\\\\\",
            b'\'' => "\\'",
            b'\n' => "\\\\n",
            b'\r' => "\\\\r",
            b'\t' => "\\\\t",
            0x08 => "\\\\b",
            0x0c => "\\\\f",
            0..=0x1f => "",
            // U+2028 and U+2029 end a line in JS source: E2 80 A8 / A9.
            0xA8 | 0xA9 if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 => {
                out.push_str(&text[plain..i - 2]);
                out.push_str(if b == 0xA8 { "\\u2028" } else { "\\u2029" });
                plain = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        if escaped.is_empty() {
            out.push_str("\\\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escaped);
        }
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

/// The number of digits [`push_number`] writes for `n`.
pub fn number_len(mut n: u64) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

pub fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `bytes` in standard base64 with padding (what the browser's `atob`
/// reads); no character of it needs quoting.
pub fn push_base64(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

/// The bytes of a string written by [`push_base64`].
pub fn read_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        let mut len = 0;
        for (i, &c) in chunk.iter().enumerate() {
            if c == b'=' {
                break;
            }
            let v = BASE64.iter().position(|&b| b == c)? as u32;
            n |= v << (18 - 6 * i);
            len = i;
        }
        out.extend((0..len).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

/// A comma before every item but the first.
pub fn sep(out: &mut String) {
    if !out.is_empty() {
        out.push(',');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_len_is_the_length_push_number_writes() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(number_len(n), out.len(), "{n}");
            assert_eq!(out, n.to_string());
        }
    }

    /// The old two-step quoting, which the one-pass [`push_quoted`] must match.
    fn quoted_in_two_steps(text: &str) -> String {
        let json = serde_json::to_string(text).unwrap();
        let mut out = String::new();
        for c in json.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn one_pass_quoting_equals_json_then_js_quoting() {
        let texts = [
            "",
            "夜間バッチ",
            "\"引用\" と \\ と '単引用'",
            "改行\n復帰\r\tタブ\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "\u{2028}行\u{2029}段落\u{2027}\u{202a}",
            "</script><!-- & -->",
        ];
        for text in texts {
            let mut out = String::new();
            push_quoted(&mut out, text);
            assert_eq!(out, quoted_in_two_steps(text), "{text:?}");
        }
        let mut n = String::new();
        push_number(&mut n, 0);
        n.push(' ');
        push_number(&mut n, 4_294_967_295);
        assert_eq!(n, "0 4294967295");
    }

    #[test]
    fn base64_is_what_browsers_decode() {
        // RFC 4648 test vectors.
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            push_base64(&mut out, bytes);
            assert_eq!(out, text);
            assert_eq!(read_base64(text).unwrap(), bytes);
        }
        let all: Vec<u8> = (0..=255).collect();
        let mut out = String::new();
        push_base64(&mut out, &all);
        assert_eq!(read_base64(&out).unwrap(), all);
    }

    #[test]
    fn a_part_script_reads_back() {
        let mut json = String::from("[");
        push_quoted(&mut json, "改行\n'引用'\u{2028}");
        json.push(']');
        let js = part_script("t-0", &[&json]);
        assert_eq!(js.lines().count(), 1);
        let (part, value) = read_part(&js).unwrap();
        assert_eq!(part, "t-0");
        assert_eq!(value, serde_json::json!(["改行\n'引用'\u{2028}"]));
    }
}
