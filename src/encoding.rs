//! Text encodings: of the files handed to other tools (UTF-8, or CP932 for the
//! Windows tools Japanese municipalities run), with unencodable characters as
//! errors rather than the silent `?` of most converters; and of the inputs,
//! which may have been saved on the contractor's Windows PCs.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-31J (Shift_JIS with the NEC and IBM extensions).
    #[serde(rename = "cp932", alias = "shift_jis", alias = "windows-31j")]
    Cp932,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Cp932 => "CP932（Shift_JIS）",
        })
    }
}

/// Every spelling serde accepts, aliases included (schemars leaves aliases out).
impl schemars::JsonSchema for Encoding {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Encoding".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": ["utf-8", "utf8", "cp932", "shift_jis", "windows-31j"],
            "description": "文字コード（utf-8 か cp932）"
        })
    }
}

/// The first character an encoding cannot write, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unencodable {
    pub ch: char,
    /// Byte offset in the text.
    pub offset: usize,
}

impl Unencodable {
    /// `U+20BB7 「𠮷」`, for messages.
    pub fn describe(&self) -> String {
        format!("U+{:04X}「{}」", self.ch as u32, self.ch)
    }
}

impl Encoding {
    pub fn encode(self, text: &str) -> Result<Vec<u8>, Unencodable> {
        match self {
            Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
            Encoding::Cp932 => encode_cp932(text),
        }
    }

    /// The first character of `text` this encoding cannot write.
    pub fn check(self, text: &str) -> Result<(), Unencodable> {
        match self {
            Encoding::Utf8 => Ok(()),
            Encoding::Cp932 => text
                .char_indices()
                .find(|(_, c)| cp932_char(*c).is_none())
                .map_or(Ok(()), |(offset, ch)| Err(Unencodable { ch, offset })),
        }
    }

    /// How many bytes `text` takes in this encoding (fixed-width layouts count
    /// bytes); unencodable characters count as two, the error comes later.
    pub fn width(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Cp932 => text
                .chars()
                .map(|c| cp932_char(c).map_or(2, |b| b.len()))
                .sum(),
        }
    }
}

fn encode_cp932(text: &str) -> Result<Vec<u8>, Unencodable> {
    let mut out = Vec::with_capacity(text.len());
    for (offset, ch) in text.char_indices() {
        match cp932_char(ch) {
            Some(bytes) => out.extend_from_slice(&bytes),
            None => return Err(Unencodable { ch, offset }),
        }
    }
    Ok(out)
}

/// One character in CP932. encoding_rs implements the WHATWG Shift_JIS
/// encoder, which is CP932 except for the characters Windows maps differently:
/// CP932 writes FULLWIDTH TILDE and friends where JIS has WAVE DASH etc., and
/// text typed on Windows (Excel, the ward's PCs) holds the Windows forms.
fn cp932_char(ch: char) -> Option<Vec<u8>> {
    let windows = match ch {
        '\u{FF5E}' => Some([0x81, 0x60]), // ～ FULLWIDTH TILDE (JIS: 〜 WAVE DASH)
        '\u{2225}' => Some([0x81, 0x61]), // ∥ PARALLEL TO (JIS: ‖)
        '\u{FFE0}' => Some([0x81, 0x91]), // ￠
        '\u{FFE1}' => Some([0x81, 0x92]), // ￡
        '\u{FFE2}' => Some([0x81, 0xCA]), // ￢
        _ => None,
    };
    if let Some(bytes) = windows {
        return Some(bytes.to_vec());
    }
    let mut buf = [0u8; 4];
    let s = ch.encode_utf8(&mut buf);
    let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(s);
    (!had_errors).then(|| bytes.into_owned())
}

/// Why the bytes of an input are not text tebiki can read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub saved_as: SavedAs,
    /// Line and column (from 1) of the first byte that is not UTF-8.
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedAs {
    /// "Unicode" in Windows Notepad: a UTF-16 byte order mark.
    Utf16,
    /// Shift_JIS/CP932, an old editor's default: every byte decodes as CP932.
    Cp932,
    Unknown,
}

impl NotUtf8 {
    pub fn message(&self) -> String {
        let how = |from: &str| {
            format!(
                "UTF-8 で保存し直してください（メモ帳は「名前を付けて保存」の文字コード、VS Code は右下の文字コードの「エンコード付きで保存」で UTF-8 を選びます。コマンドでは iconv -f {from} -t UTF-8 元のファイル > 新しいファイル）"
            )
        };
        match self.saved_as {
            SavedAs::Utf16 => format!("文字コードが UTF-16 です。{}", how("UTF-16")),
            SavedAs::Cp932 => format!("文字コードが Shift_JIS（CP932）です。{}", how("CP932")),
            SavedAs::Unknown => {
                "UTF-8 ではない文字があります（ファイルを UTF-8 で保存してください）".to_string()
            }
        }
    }
}

/// `String::from_utf8`, checked by simdutf8: the standard library's check
/// reads Japanese text at about 1 GB/s, a tenth of simdutf8's. Needed for
/// every input and every page the templates write.
pub fn utf8_string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that `bytes` is UTF-8. Checking
        // again (String::from_utf8) or copying (to_owned, whose fresh pages
        // fault in) was 2 % of a 10,000-page build.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // The standard library's error says where the text stops being UTF-8.
    String::from_utf8(bytes)
}

/// An input file's text as every reader sees it: UTF-8 without the byte order
/// mark Windows editors write, and with CRLF (and lone CR) line ends as LF, so
/// the YAML and Markdown readers count the lines the editor shows.
pub fn decode_input(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let mut text = utf8_string(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let saved_as = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            SavedAs::Utf16
        } else if encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
        {
            SavedAs::Cp932
        } else {
            SavedAs::Unknown
        };
        // The valid prefix is UTF-8, so line and column can be counted in it.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
        let (line, col) = crate::diagnostics::line_col(prefix, prefix.len());
        NotUtf8 {
            saved_as,
            line,
            col,
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_writes_kanji_kana_and_windows_symbols() {
        let bytes = Encoding::Cp932.encode("資格ｱ①～−髙").unwrap();
        assert_eq!(
            bytes,
            [
                0x8E, 0x91, 0x8A, 0x69, // 資格
                0xB1, // ｱ
                0x87, 0x40, // ①
                0x81, 0x60, // ～
                0x81, 0x7C, // − (U+2212 → minus sign)
                0xFB, 0xFC, // 髙 (IBM extension)
            ]
        );
    }

    #[test]
    fn cp932_refuses_a_character_outside_jis() {
        let err = Encoding::Cp932.encode("吉田と𠮷田").unwrap_err();
        assert_eq!(err.ch, '𠮷');
        assert_eq!(err.offset, "吉田と".len());
        assert_eq!(err.describe(), "U+20BB7「𠮷」");
        assert_eq!(
            Encoding::Cp932.check("😀"),
            Err(Unencodable {
                ch: '😀',
                offset: 0
            })
        );
        assert!(Encoding::Utf8.encode("𠮷").is_ok());
    }

    #[test]
    fn inputs_saved_on_windows_read_as_plain_utf8() {
        let bom_crlf = b"\xEF\xBB\xBF---\r\ntitle: a\r\n---\r\n".to_vec();
        assert_eq!(decode_input(bom_crlf).unwrap(), "---\ntitle: a\n---\n");
        let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode("title: 夜間\n");
        let err = decode_input([b"\n".as_slice(), &cp932].concat()).unwrap_err();
        assert_eq!((err.saved_as, err.line, err.col), (SavedAs::Cp932, 2, 8));
        assert!(
            err.message().contains("iconv -f CP932 -t UTF-8"),
            "{}",
            err.message()
        );
        let err = decode_input(vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert_eq!(err.saved_as, SavedAs::Utf16);
        let err = decode_input(b"ok\nx\xFD".to_vec()).unwrap_err();
        assert_eq!((err.saved_as, err.line, err.col), (SavedAs::Unknown, 2, 2));
    }

    #[test]
    fn utf8_string_takes_utf8_as_is_and_says_where_other_bytes_start() {
        let text = "夜間バッチ\u{1F600}ok";
        assert_eq!(utf8_string(text.as_bytes().to_vec()).unwrap(), text);
        for cut in 1..text.len() {
            let mut bytes = text.as_bytes()[..cut].to_vec();
            bytes.push(0xFF);
            let valid = text.is_char_boundary(cut).then_some(cut);
            let err = utf8_string(bytes).unwrap_err();
            let up_to = err.utf8_error().valid_up_to();
            assert!(valid.is_none_or(|v| v == up_to) && up_to <= cut, "{cut}");
        }
    }

    #[test]
    fn width_counts_bytes_of_the_encoding() {
        assert_eq!(Encoding::Cp932.width("AB資格ｱ"), 7);
        assert_eq!(Encoding::Utf8.width("AB資格"), 8);
    }
}
