//! The wording of YAML problems, in the handbook's language. Values are quoted
//! as written, so the message says which value is wrong, not only where.

use serde::de::Unexpected;

/// `` `a`, `b` `` for the keys or values that may be written.
pub fn choices(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// What serde's `expected` text (`a string`, `u32`, `struct Inquiry`) asks for.
fn expected(exp: &str) -> String {
    let japanese = match exp {
        "a string" | "string" | "a character" | "char" => "文字列",
        "a sequence" | "a tuple" => "リスト（- で始まる行か [a, b]）",
        "a boolean" | "bool" => "true か false",
        "unit" | "null" => "空の値",
        "u8" | "u16" | "u32" | "u64" | "usize" => "0 以上の整数",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        "f32" | "f64" | "a number" => "数値",
        _ if exp.starts_with("struct ") || exp == "a map" || exp.starts_with("a map") => {
            "キーと値の組（key: value）"
        }
        _ if exp.starts_with("enum ") || exp.starts_with("variant ") => "決められた値",
        _ => return exp.to_string(),
    };
    japanese.to_string()
}

fn unexpected(u: &Unexpected<'_>) -> String {
    match u {
        Unexpected::Bool(b) => format!("真偽値 {b}"),
        Unexpected::Unsigned(n) => format!("数値 {n}"),
        Unexpected::Signed(n) => format!("数値 {n}"),
        Unexpected::Float(f) => format!("数値 {f}"),
        Unexpected::Char(c) => format!("文字列 `{c}`"),
        Unexpected::Str(s) => format!("文字列 `{s}`"),
        Unexpected::Unit | Unexpected::Option => "空の値".to_string(),
        Unexpected::Seq => "リスト".to_string(),
        Unexpected::Map => "キーと値の組".to_string(),
        other => other.to_string(),
    }
}

pub fn invalid_type(u: Unexpected<'_>, exp: &str) -> String {
    format!(
        "{}を書いてください（{}が書かれています）",
        expected(exp),
        unexpected(&u)
    )
}

pub fn invalid_value(u: Unexpected<'_>, exp: &str) -> String {
    format!("{} は使えません（{}）", unexpected(&u), expected(exp))
}

/// chrono's parse errors for a date, which say nothing about the value.
const CHRONO: [&str; 7] = [
    "input is out of range",
    "premature end of input",
    "input contains invalid characters",
    "trailing input",
    "input is not enough for unique date and time",
    "no possible date and time matching input",
    "bad or unsupported format string",
];

/// A message raised while reading the scalar `text`, made to name the value:
/// chrono's date errors become [`crate::domain::written::date`]'s.
pub fn about_value(message: &str, text: &str) -> String {
    if CHRONO.contains(&message) {
        return match crate::domain::written::date(text) {
            Err(problem) => problem,
            Ok(_) => format!("日付 `{text}` は YYYY-MM-DD で書いてください（例: 2027-04-05）"),
        };
    }
    message.to_string()
}

/// The YAML parser's description of a syntax error, in Japanese with the
/// original after it.
pub fn syntax(info: &str) -> String {
    let known = [
        (
            "mapping values are not allowed",
            "ここには「キー: 値」を書けません（値の中の「: 」は引用符で囲んでください）",
        ),
        (
            "did not find expected key",
            "キーが見つかりません（字下げか、閉じていない引用符・括弧を確認してください）",
        ),
        (
            "did not find expected ',' or ']'",
            "[ で始めたリストが ] で閉じていません",
        ),
        (
            "did not find expected ',' or '}'",
            "{ で始めたマップが } で閉じていません",
        ),
        (
            "found unexpected end of stream",
            "引用符か括弧が閉じないままファイルが終わっています",
        ),
        (
            "found character that cannot start any token",
            "ここに書けない文字があります（値を引用符で囲んでください）",
        ),
        (
            "found a tab character",
            "字下げにタブは使えません（空白にしてください）",
        ),
        ("invalid indentation", "字下げが揃っていません"),
        (
            "did not find expected <document start>",
            "文書の区切りが正しくありません",
        ),
        ("did not find expected node content", "値がありません"),
        ("found undefined tag handle", "使えないタグ（!…）があります"),
        (
            "found unknown escape character",
            "二重引用符の中に使えない \\ の書き方があります",
        ),
        (
            "could not find expected ':'",
            "「キー: 値」の「:」がありません",
        ),
    ];
    let japanese = known
        .iter()
        .find(|(english, _)| info.contains(english))
        .map_or("書き方に誤りがあります", |(_, ja)| ja);
    format!("YAML として読めません: {japanese}（{info}）")
}
