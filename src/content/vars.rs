//! `{{ rules.online }}` in a page's Markdown: the texts of the operating rules
//! (tebiki.yaml `schedule:`), so a page states the same hours as the calendar,
//! the workbooks and the reports, and changes with them. Only `rules.` names
//! are read; code spans and code blocks are left as they are (a Tera example
//! in a code block stays an example).

use std::borrow::Cow;

/// The names a page may use and what each stands for.
#[derive(Debug, Clone, Default)]
pub struct Vars(Vec<(&'static str, String)>);

impl Vars {
    pub fn new(pairs: Vec<(&'static str, String)>) -> Vars {
        Vars(pairs)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn names(&self) -> String {
        self.0
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The prefix of every name a page may use.
const PREFIX: &str = "rules.";

/// `body` with every `{{ rules.… }}` outside code replaced; or (byte offset,
/// message) of each unknown name.
pub fn expand<'a>(body: &'a str, vars: &Vars) -> Result<Cow<'a, str>, Vec<(usize, String)>> {
    if !body.contains("{{") {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut problems = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (Some(open), Some(m)) if m == open => fence = None,
            (None, Some(m)) => fence = Some(m),
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
        } else {
            expand_line(line, offset, vars, &mut out, &mut problems);
        }
        offset += line.len();
    }
    if problems.is_empty() {
        Ok(Cow::Owned(out))
    } else {
        Err(problems)
    }
}

fn expand_line(
    line: &str,
    at: usize,
    vars: &Vars,
    out: &mut String,
    problems: &mut Vec<(usize, String)>,
) {
    let mut rest = line;
    let mut pos = 0;
    let mut in_code = false;
    while !rest.is_empty() {
        let next_tick = rest.find('`');
        let next_open = if in_code { None } else { rest.find("{{") };
        match (next_tick, next_open) {
            (Some(t), Some(o)) if t < o => {
                out.push_str(&rest[..=t]);
                in_code = !in_code;
                (pos, rest) = (pos + t + 1, &rest[t + 1..]);
            }
            (Some(t), None) => {
                out.push_str(&rest[..=t]);
                in_code = !in_code;
                (pos, rest) = (pos + t + 1, &rest[t + 1..]);
            }
            (_, Some(o)) => {
                out.push_str(&rest[..o]);
                let after = &rest[o + 2..];
                let Some(close) = after.find("}}") else {
                    out.push_str(&rest[o..]);
                    return;
                };
                let name = after[..close].trim();
                let whole = &rest[o..o + 2 + close + 2];
                match (name.strip_prefix(PREFIX), vars.get(name)) {
                    (Some(_), Some(value)) => out.push_str(value),
                    (Some(_), None) => {
                        out.push_str(whole);
                        problems.push((
                            at + pos + o,
                            format!(
                                "`{{{{ {name} }}}}` はありません（書けるのは {}）",
                                vars.names()
                            ),
                        ));
                    }
                    (None, _) => out.push_str(whole),
                }
                let used = o + whole.len();
                (pos, rest) = (pos + used, &rest[used..]);
            }
            (None, None) => {
                out.push_str(rest);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        Vars::new(vec![("rules.online", "8:00〜20:00".into())])
    }

    #[test]
    fn rules_names_are_replaced_outside_code_only() {
        let body = "提供時間は {{ rules.online }}。\n`{{ rules.online }}` と書く。\n```\n{{ rules.online }}\n```\n{{ run.date }}\n";
        assert_eq!(
            expand(body, &vars()).unwrap(),
            "提供時間は 8:00〜20:00。\n`{{ rules.online }}` と書く。\n```\n{{ rules.online }}\n```\n{{ run.date }}\n"
        );
    }

    #[test]
    fn an_unknown_rules_name_is_reported_where_it_is_written() {
        let body = "a\n終了は {{ rules.onlin_end }} です\n";
        let problems = expand(body, &vars()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, body.find("{{").unwrap());
        assert!(problems[0].1.contains("rules.online"), "{}", problems[0].1);
    }
}
