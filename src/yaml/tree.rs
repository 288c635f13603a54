//! A YAML document as a tree whose every node knows the line and column it was
//! written at, so a problem found in any value can be placed exactly.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Line and column (both from 1, columns in characters) in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    pub line: usize,
    pub col: usize,
}

impl From<Marker> for Mark {
    fn from(m: Marker) -> Self {
        Mark {
            line: m.line(),
            col: m.col() + 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    /// `|` and `>` blocks.
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub at: Mark,
    /// Unique in its tree (an alias's copy gets fresh ids).
    pub id: usize,
}

impl Node {
    /// `key:` with nothing after it, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar(s, Style::Plain) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// Every node of the tree in document order (keys before their values).
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            out.push(node);
            match &node.kind {
                Kind::Scalar(..) => {}
                Kind::Seq(items) => stack.extend(items.iter().rev()),
                Kind::Map(entries) => {
                    for (k, v) in entries.iter().rev() {
                        stack.push(v);
                        stack.push(k);
                    }
                }
            }
        }
        out
    }
}

/// Why the text is not a YAML document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: Mark,
    pub message: String,
}

/// A problem in a document that is otherwise well formed: a key written twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub at: Mark,
    pub key: String,
    pub first_line: usize,
}

/// Deeper than this is refused: no data file of a handbook nests like that, and
/// the deserialiser is recursive.
const MAX_DEPTH: usize = 100;

struct Open {
    at: Mark,
    id: usize,
    anchor: usize,
    kind: OpenKind,
}

enum OpenKind {
    Seq(Vec<Node>),
    /// Entries so far, and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

impl Open {
    fn close(self) -> (Node, usize) {
        // A block mapping's own mark is after its first key: show the key.
        let at = match &self.kind {
            OpenKind::Map(entries, _) => entries.first().map_or(self.at, |(k, _)| k.at),
            OpenKind::Seq(_) => self.at,
        };
        let kind = match self.kind {
            OpenKind::Seq(items) => Kind::Seq(items),
            OpenKind::Map(entries, _) => Kind::Map(entries),
        };
        let node = Node {
            kind,
            at,
            id: self.id,
        };
        (node, self.anchor)
    }
}

/// Parses `text` (one document; none is a null) into a tree. Keys written twice
/// in one mapping are left out after the first and listed.
pub fn parse(text: &str) -> Result<(Node, Vec<Duplicate>), SyntaxError> {
    let mut builder = Builder {
        next_id: 0,
        anchors: HashMap::new(),
        budget: 100_000 + 10 * text.len(),
        duplicates: Vec::new(),
    };
    let root = builder
        .read(&mut Parser::new_from_str(text))
        .map_err(|(e, open)| unclosed(text, open).unwrap_or(e))?;
    Ok((root, builder.duplicates))
}

struct Builder {
    next_id: usize,
    anchors: HashMap<usize, Node>,
    /// Nodes still allowed, so aliases of aliases cannot blow up (a billion laughs).
    budget: usize,
    duplicates: Vec<Duplicate>,
}

impl Builder {
    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    /// The tree; on a syntax error, also where the innermost open collection
    /// started (an unclosed `[` is found only lines later).
    fn read(
        &mut self,
        parser: &mut Parser<std::str::Chars<'_>>,
    ) -> Result<Node, (SyntaxError, Option<Mark>)> {
        let mut stack: Vec<Open> = Vec::new();
        let mut root = None;
        let mut documents = 0;
        loop {
            let (event, marker) = parser.next_token().map_err(|e| {
                let error = SyntaxError {
                    at: Mark::from(*e.marker()),
                    message: super::message::syntax(e.info()),
                };
                let open = stack
                    .last()
                    .map(|o| o.at)
                    .filter(|at| at.line < error.at.line);
                (error, open)
            })?;
            let at = Mark::from(marker);
            let done = match event {
                Event::StreamEnd => break,
                Event::DocumentStart => {
                    documents += 1;
                    if documents > 1 {
                        let message = "1 つのファイルに書ける YAML の文書は 1 つです（--- で区切った 2 つ目があります）";
                        return Err((
                            SyntaxError {
                                at,
                                message: message.to_string(),
                            },
                            None,
                        ));
                    }
                    None
                }
                Event::SequenceStart(anchor, _) => {
                    self.open(&mut stack, at, anchor, OpenKind::Seq(Vec::new()))
                        .map_err(|e| (e, None))?;
                    None
                }
                Event::MappingStart(anchor, _) => {
                    self.open(&mut stack, at, anchor, OpenKind::Map(Vec::new(), None))
                        .map_err(|e| (e, None))?;
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => stack.pop().map(Open::close),
                Event::Scalar(text, style, anchor, _) => {
                    let style = match style {
                        TScalarStyle::Plain => Style::Plain,
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Style::Quoted,
                        TScalarStyle::Literal | TScalarStyle::Folded => Style::Block,
                    };
                    let kind = Kind::Scalar(text, style);
                    Some((
                        Node {
                            kind,
                            at,
                            id: self.id(),
                        },
                        anchor,
                    ))
                }
                Event::Alias(anchor) => Some((self.alias(anchor, at).map_err(|e| (e, None))?, 0)),
                _ => None,
            };
            if let Some((node, anchor)) = done {
                self.spend(1, at).map_err(|e| (e, None))?;
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.attach(&mut stack, &mut root, node);
            }
        }
        Ok(root.unwrap_or(Node {
            kind: Kind::Scalar(String::new(), Style::Plain),
            at: Mark { line: 1, col: 1 },
            id: 0,
        }))
    }

    fn open(
        &mut self,
        stack: &mut Vec<Open>,
        at: Mark,
        anchor: usize,
        kind: OpenKind,
    ) -> Result<(), SyntaxError> {
        if stack.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                at,
                message: format!("入れ子が深すぎます（{MAX_DEPTH} 段まで）"),
            });
        }
        let id = self.id();
        stack.push(Open {
            at,
            id,
            anchor,
            kind,
        });
        Ok(())
    }

    fn spend(&mut self, nodes: usize, at: Mark) -> Result<(), SyntaxError> {
        self.budget = self.budget.checked_sub(nodes).ok_or(SyntaxError {
            at,
            message: "エイリアス（*名前）の展開が大きすぎます".to_string(),
        })?;
        Ok(())
    }

    /// A copy of the anchored node, with fresh ids, placed where the alias is.
    fn alias(&mut self, anchor: usize, at: Mark) -> Result<Node, SyntaxError> {
        let Some(original) = self.anchors.get(&anchor).cloned() else {
            return Err(SyntaxError {
                at,
                message: "エイリアス（*名前）の指すアンカー（&名前）がありません".to_string(),
            });
        };
        let count = original.walk().len();
        self.spend(count, at)?;
        let mut copy = original;
        let mut stack = vec![&mut copy];
        while let Some(node) = stack.pop() {
            self.next_id += 1;
            node.id = self.next_id;
            match &mut node.kind {
                Kind::Scalar(..) => {}
                Kind::Seq(items) => stack.extend(items.iter_mut()),
                Kind::Map(entries) => {
                    for (k, v) in entries.iter_mut() {
                        stack.push(k);
                        stack.push(v);
                    }
                }
            }
        }
        Ok(copy)
    }

    fn attach(&mut self, stack: &mut [Open], root: &mut Option<Node>, node: Node) {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Open {
                kind: OpenKind::Seq(items),
                ..
            }) => items.push(node),
            Some(Open {
                kind: OpenKind::Map(entries, pending),
                ..
            }) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    let first = key.scalar().and_then(|k| {
                        entries
                            .iter()
                            .find(|(other, _)| other.scalar() == Some(k))
                            .map(|(other, _)| other.at.line)
                    });
                    match first {
                        Some(first_line) => self.duplicates.push(Duplicate {
                            at: key.at,
                            key: key.scalar().unwrap_or_default().to_string(),
                            first_line,
                        }),
                        None => entries.push((key, node)),
                    }
                }
            },
        }
    }
}

/// A `[` or `{` opened at `open` and not closed where the parser gave up:
/// the problem is shown at the bracket, not lines later.
fn unclosed(text: &str, open: Option<Mark>) -> Option<SyntaxError> {
    let at = open?;
    let line = text.lines().nth(at.line - 1)?;
    let bracket = line.chars().nth(at.col - 1)?;
    let message = match bracket {
        '[' => {
            "YAML として読めません: [ で始めたリストが ] で閉じていません（文字の [ は値を引用符で囲んでください）"
        }
        '{' => {
            "YAML として読めません: { で始めたマップが } で閉じていません（文字の { は値を引用符で囲んでください）"
        }
        _ => return None,
    };
    Some(SyntaxError {
        at,
        message: message.to_string(),
    })
}

/// Where a node sits: the keys (and list positions) from the root down to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Step>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

/// The path to the node `id` below `root` (for a key: to its mapping).
pub fn path_of(root: &Node, id: usize) -> Option<Path> {
    let mut path = Path::default();
    path_below(root, id, &mut path).then_some(path)
}

fn path_below(node: &Node, id: usize, path: &mut Path) -> bool {
    if node.id == id {
        return true;
    }
    match &node.kind {
        Kind::Scalar(..) => false,
        Kind::Seq(items) => items.iter().enumerate().any(|(i, item)| {
            path.0.push(Step::Index(i));
            let found = path_below(item, id, path);
            if !found {
                path.0.pop();
            }
            found
        }),
        Kind::Map(entries) => entries.iter().any(|(k, v)| {
            if k.id == id {
                return true;
            }
            path.0
                .push(Step::Key(k.scalar().unwrap_or_default().to_string()));
            let found = path_below(v, id, path);
            if !found {
                path.0.pop();
            }
            found
        }),
    }
}

/// What [`remove`] took out of the tree: an entry of a mapping (by key) or an
/// item of a list, and the container's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removed {
    Entry { map: usize, key: String },
    Item { seq: usize },
}

/// Takes the node `id` (a key takes its entry with it) out of the tree below
/// `node`. `None` when `id` is the root or is not found.
pub fn remove(node: &mut Node, id: usize) -> Option<Removed> {
    let container = node.id;
    match &mut node.kind {
        Kind::Scalar(..) => None,
        Kind::Seq(items) => {
            if let Some(i) = items.iter().position(|n| n.id == id) {
                items.remove(i);
                return Some(Removed::Item { seq: container });
            }
            items.iter_mut().find_map(|item| remove(item, id))
        }
        Kind::Map(entries) => {
            if let Some(i) = entries.iter().position(|(k, v)| k.id == id || v.id == id) {
                let (key, _) = entries.remove(i);
                let key = key.scalar().unwrap_or_default().to_string();
                return Some(Removed::Entry {
                    map: container,
                    key,
                });
            }
            entries.iter_mut().find_map(|(_, v)| remove(v, id))
        }
    }
}
