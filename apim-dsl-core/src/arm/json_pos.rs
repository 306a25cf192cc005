//! Where each value of a JSON document starts: line and column by JSON path, so
//! that a problem found in a value of a template (by `apim-dsl check`) is
//! reported at that value in the file.
//!
//! `serde_json` keeps no positions; this is a small scanner over the same text
//! that records, for every value, its path (as [`key_path`] and [`index_path`]
//! spell it) and where it starts. It reads only what it must to find the values
//! (strings, with their escapes, for the keys) and gives up, with what it has, on
//! text that is not JSON: the document was parsed by `serde_json` first, which
//! reports the syntax errors.

use std::borrow::Cow;
use std::collections::HashMap;

/// A position in a text: 1-based line and column (in characters), and the byte
/// offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The byte offset, from 0.
    pub offset: usize,
}

/// Whether a JSON path writes `key` after a `.`: an ASCII letter, `_` or
/// `$`, then also digits.
pub fn plain_key(key: &str) -> bool {
    key.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// The path of the member `key` of the object at `parent`: `$.a.b`, or
/// `$.a['odd key']` when the key is not a plain name ([`plain_key`]), with
/// `\\`, `'` and the control characters escaped (`$.a['it\\'s']`,
/// `$.a['two\\nlines']`): a path stays on one line.
pub fn key_path(parent: &str, key: &str) -> String {
    if plain_key(key) {
        return format!("{parent}.{key}");
    }
    let mut out = format!("{parent}['");
    for c in key.chars() {
        if c == '\'' {
            out.push_str("\\'");
        } else {
            push_escaped(&mut out, c);
        }
    }
    out.push_str("']");
    out
}

/// A key (or a path of keys) as a message shows it: on one line, with `\\`
/// and the control characters escaped as [`key_path`] escapes them (a line
/// break as `\n`, a backslash as `\\`); a key without them as it is.
pub fn shown_key(key: &str) -> Cow<'_, str> {
    if !key.chars().any(|c| c == '\\' || c < ' ') {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len() + 2);
    for c in key.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// `c`, or its escape for `\\` and the control characters.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        c => out.push(c),
    }
}

/// The path of item `index` of the array at `parent`: `$.a[0]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// How deep the scanner follows nested values (as `serde_json`'s limit).
const MAX_DEPTH: usize = 128;

/// The start of every value of a JSON document, by path (`$` for the root).
///
/// Every look-up takes time independent of the document's size (but for the
/// length of one path or a few hundred bytes of text): a check reports each of
/// its findings through one, and a file can have as many findings as values.
#[derive(Debug, Clone, Default)]
pub struct PositionIndex {
    starts: HashMap<String, usize>,
    /// Each path with its ASCII letters in lower case, and where its value
    /// starts: `None` when several paths are spelled so.
    folded: HashMap<String, Option<usize>>,
    /// Every value's start and path, in the order of the text (so sorted by
    /// start), a key given twice once for each of its values.
    values: Vec<(usize, String)>,
    /// The objects and arrays, in the order they open (so sorted by start):
    /// start, end (after the closing bracket; 0 for one the scan did not
    /// close), path, and the index of the one around it.
    containers: Vec<Container>,
    duplicates: Vec<String>,
    lines: Lines,
}

/// An object or array of the document.
#[derive(Debug, Clone)]
struct Container {
    start: usize,
    end: usize,
    path: String,
    parent: Option<usize>,
}

/// Where the lines of a text start, and how many characters precede
/// checkpoints of it, to turn a byte offset into a line and a column quickly.
///
/// A line ends at LF, CR, or CRLF (counted once), as Json.NET (which ARM
/// parses templates with) and editors count lines.
#[derive(Debug, Clone, Default)]
struct Lines {
    text: String,
    /// The byte offset at which each line starts; the first is 0.
    starts: Vec<usize>,
    /// The characters before each multiple of [`CHECKPOINT`] bytes (rounded
    /// down to a character's start).
    chars_before: Vec<usize>,
}

/// Bytes between two character counts of [`Lines`].
const CHECKPOINT: usize = 256;

impl Lines {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut count = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i.is_multiple_of(CHECKPOINT) {
                chars_before.push(count);
            }
            // Every byte but a UTF-8 continuation byte starts a character.
            if b & 0xC0 != 0x80 {
                count += 1;
            }
        }
        if bytes.len().is_multiple_of(CHECKPOINT) {
            chars_before.push(count);
        }
        Lines {
            text: text.to_string(),
            starts,
            chars_before,
        }
    }

    /// The characters before the byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        let Some(&before) = self.chars_before.get(checkpoint) else {
            return 0;
        };
        before
            + self.text.as_bytes()[checkpoint * CHECKPOINT..offset]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count()
    }

    fn at_offset(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // The last line that starts at or before the offset.
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        Position {
            line,
            column: self.chars_before(offset) - self.chars_before(line_start) + 1,
            offset,
        }
    }
}

impl PositionIndex {
    /// Scans `text`.
    pub fn new(text: &str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            text,
            at: 0,
            starts: HashMap::new(),
            values: Vec::new(),
            containers: Vec::new(),
            open: Vec::new(),
            duplicates: Vec::new(),
        };
        scanner.skip_ws();
        scanner.value("$".to_string(), 0);
        let mut folded: HashMap<String, Option<usize>> = HashMap::new();
        for (path, &start) in &scanner.starts {
            folded
                .entry(path.to_ascii_lowercase())
                .and_modify(|found| *found = None)
                .or_insert(Some(start));
        }
        PositionIndex {
            starts: scanner.starts,
            folded,
            values: scanner.values,
            containers: scanner.containers,
            duplicates: scanner.duplicates,
            lines: Lines::new(text),
        }
    }

    /// The paths of keys an object holds more than once, in the order found
    /// (the path's position is its last occurrence). ARM rejects such a template
    /// ("Property with the same name already exists"); a JSON reader keeps only
    /// the last value.
    pub fn duplicate_keys(&self) -> &[String] {
        &self.duplicates
    }

    /// The line and column of a byte offset (an offset inside a character
    /// is taken as that character's start). A line ends at LF, CR or CRLF, as
    /// Json.NET, which ARM reads templates with, and editors count lines.
    pub fn at_offset(&self, offset: usize) -> Position {
        self.lines.at_offset(offset)
    }

    /// The path of the value that starts at the byte `offset`, or else of the
    /// first one that starts after it: for the offset of a key, the path of
    /// its value.
    pub fn path_from(&self, offset: usize) -> Option<&str> {
        let first = self.values.partition_point(|(start, _)| *start < offset);
        self.values.get(first).map(|(_, path)| path.as_str())
    }

    /// The path of the innermost object or array that holds the byte `offset`
    /// (between its brackets): where a trailing comma is, the value it ends.
    pub fn container_at(&self, offset: usize) -> Option<&str> {
        // Every container that holds the offset starts before it, and holds
        // the last one that does: the innermost is among that one and those
        // around it.
        let last = self
            .containers
            .partition_point(|c| c.start < offset)
            .checked_sub(1)?;
        let mut at = Some(last);
        while let Some(i) = at {
            let container = &self.containers[i];
            if offset < container.end {
                return Some(container.path.as_str());
            }
            at = container.parent;
        }
        None
    }

    /// Where the value at `path` starts; for a path the document spells in
    /// another case (`$.Resources[0].Type`, which ARM reads alike), there;
    /// for a path the document lacks, its nearest ancestor that it has.
    pub fn position(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(found) = self.starts.get(path) {
                return Some(self.at_offset(*found));
            }
            // The one path spelled so ignoring case (none when several are).
            if let Some(Some(found)) = self.folded.get(&path.to_ascii_lowercase()) {
                return Some(self.at_offset(*found));
            }
            path = parent(path)?;
        }
    }
}

/// `$.a.b` → `$.a`; `$.a[0]` → `$.a`; `$.a['k']` → `$.a`; `$` → none.
fn parent(path: &str) -> Option<&str> {
    if path.ends_with(']') {
        // `[0]` or `['...']`: find the opening bracket of this last step.
        let bytes = path.as_bytes();
        if path.ends_with("']") {
            let mut i = path.len() - 2;
            while i > 0 {
                i -= 1;
                if bytes[i] == b'\''
                    && i >= 1
                    && bytes[i - 1] == b'['
                    && (i < 2 || bytes[i - 2] != b'\\')
                {
                    return Some(&path[..i - 1]);
                }
            }
            return None;
        }
        return path.rfind('[').map(|i| &path[..i]);
    }
    path.rfind('.').map(|i| &path[..i])
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    starts: HashMap<String, usize>,
    values: Vec<(usize, String)>,
    containers: Vec<Container>,
    /// The containers open at the current position, innermost last.
    open: Vec<usize>,
    duplicates: Vec<String>,
}

impl Scanner<'_> {
    /// Records the object or array at `path` that opens here.
    fn open(&mut self, path: String) {
        self.containers.push(Container {
            start: self.at,
            end: 0,
            path,
            parent: self.open.last().copied(),
        });
        self.open.push(self.containers.len() - 1);
        self.at += 1;
    }

    /// Records the end of the innermost open object or array, whose closing
    /// bracket is here.
    fn close(&mut self) {
        self.at += 1;
        if let Some(i) = self.open.pop() {
            self.containers[i].end = self.at;
        }
    }

    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    /// Scans one value at the current position (white space skipped).
    fn value(&mut self, path: String, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        // Only an object's key can come twice under one path.
        if self.starts.insert(path.clone(), self.at).is_some() {
            self.duplicates.push(path.clone());
        }
        self.values.push((self.at, path.clone()));
        match self.bytes.get(self.at)? {
            b'{' => {
                self.open(path.clone());
                self.skip_ws();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.close();
                    return Some(());
                }
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    self.skip_ws();
                    if self.bytes.get(self.at) != Some(&b':') {
                        return None;
                    }
                    self.at += 1;
                    self.skip_ws();
                    self.value(key_path(&path, &key), depth + 1)?;
                    self.skip_ws();
                    match self.bytes.get(self.at)? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.close();
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.open(path.clone());
                self.skip_ws();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.close();
                    return Some(());
                }
                let mut index = 0;
                loop {
                    self.skip_ws();
                    self.value(index_path(&path, index), depth + 1)?;
                    index += 1;
                    self.skip_ws();
                    match self.bytes.get(self.at)? {
                        b',' => self.at += 1,
                        b']' => {
                            self.close();
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            _ => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// A string's value (escapes decoded), the position after it.
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..)?;
            let stop = rest.find(['"', '\\'])?;
            out.push_str(&rest[..stop]);
            self.at += stop;
            if self.bytes[self.at] == b'"' {
                self.at += 1;
                return Some(out);
            }
            self.at += 1;
            let escape = *self.bytes.get(self.at)?;
            self.at += 1;
            match escape {
                b'n' => out.push('\n'),
                b't' => out.push('\t'),
                b'r' => out.push('\r'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'u' => {
                    let high = self.hex4()?;
                    let c = if (0xD800..0xDC00).contains(&high)
                        && self.text.get(self.at..self.at + 2) == Some("\\u")
                    {
                        self.at += 2;
                        let low = self.hex4()?;
                        char::from_u32(
                            0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF),
                        )
                    } else {
                        char::from_u32(high)
                    };
                    out.push(c.unwrap_or('\u{FFFD}'));
                }
                other => out.push(char::from(other)),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path spelled in another case than the document's finds the
    /// document's value (ARM reads structural keys ignoring case), unless
    /// two spellings are there.
    #[test]
    fn paths_in_another_case_find_the_value() {
        let index = PositionIndex::new("{\"Resources\": [{\"Type\": \"t\"}]}");
        let at = index.position("$.resources[0].type").unwrap();
        assert_eq!((at.line, at.column), (1, 25));
        let twice = PositionIndex::new("{\"a\": {\"B\": 1, \"b\": 2}}");
        // Neither spelling is picked: the ancestor is.
        let at = twice.position("$.a.bb").unwrap();
        assert_eq!((at.line, at.column), (1, 7));
        let at = twice.position("$.a.b").unwrap();
        assert_eq!((at.line, at.column), (1, 21));
        let at = twice.position("$.A.x").unwrap();
        assert_eq!((at.line, at.column), (1, 7));
    }

    #[test]
    fn keys_an_object_holds_twice_are_listed() {
        let text = "{\"variables\": {\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 2}}";
        let index = PositionIndex::new(text);
        assert_eq!(index.duplicate_keys(), ["$.variables.b.c", "$.variables.a"]);
        // The position is the last occurrence.
        assert_eq!(index.position("$.variables.a").map(|p| p.column), Some(52));
        assert!(
            PositionIndex::new("{\"a\": [1, 1], \"b\": {\"a\": 1}}")
                .duplicate_keys()
                .is_empty()
        );
    }

    #[test]
    fn the_container_at_an_offset_is_the_innermost() {
        // Trailing commas blanked to spaces, as the CLI reads them.
        let text = "{\"a\": [1, {\"b\": [2 ] } ], \"c\": {} }";
        let index = PositionIndex::new(text);
        let at = |needle: &str| text.find(needle).and_then(|o| index.container_at(o));
        assert_eq!(at("2 ]"), Some("$.a[1].b"));
        assert_eq!(at(" ] }"), Some("$.a[1].b"));
        assert_eq!(at(" } ]"), Some("$.a[1]"));
        assert_eq!(at(" ],"), Some("$.a"));
        assert_eq!(at(", \"c"), Some("$"));
        // A bracket itself is outside its value, inside the one around it.
        assert_eq!(at("{}"), Some("$"));
        assert_eq!(
            index.container_at(text.find("{}").unwrap() + 1),
            Some("$.c")
        );
        assert_eq!(index.container_at(0), None);
        assert_eq!(index.container_at(text.len()), None);
    }

    #[test]
    fn values_are_found_by_path() {
        let text =
            "{\n  \"a\": {\"b\": [1, \"x\"]},\n  \"odd key\": \"\\u00e9\\\"\",\n  \"c\": null\n}";
        let index = PositionIndex::new(text);
        let at = |path: &str| index.position(path).map(|p| (p.line, p.column));
        assert_eq!(at("$"), Some((1, 1)));
        assert_eq!(at("$.a"), Some((2, 8)));
        assert_eq!(at("$.a.b[1]"), Some((2, 18)));
        assert_eq!(at("$['odd key']"), Some((3, 14)));
        assert_eq!(at("$.c"), Some((4, 8)));
        // A path below a value falls back to the value.
        assert_eq!(at("$.a.b[1].deeper"), Some((2, 18)));
        assert_eq!(at("$['odd key'].x"), Some((3, 14)));
    }

    /// A string with raw line breaks (which ARM reads) is one value, found by
    /// its start; a key's offset finds its value.
    #[test]
    fn the_value_from_an_offset() {
        let text = "{\"a\": \"x\ny\", \"two\nlines\": [1, \"z\"]}";
        let index = PositionIndex::new(text);
        let at = |needle: &str| text.find(needle).and_then(|o| index.path_from(o));
        assert_eq!(at("\"x"), Some("$.a"));
        assert_eq!(at("\"two"), Some("$['two\\nlines']"));
        assert_eq!(at("\"z"), Some("$['two\\nlines'][1]"));
        assert_eq!(at("{"), Some("$"));
        assert_eq!(index.path_from(text.len()), None);
        let at = |path: &str| index.position(path).map(|p| (p.line, p.column));
        assert_eq!(at("$['two\\nlines'][1]"), Some((3, 13)));
    }

    #[test]
    fn paths_spell_keys() {
        assert_eq!(key_path("$", "name"), "$.name");
        assert_eq!(key_path("$", "$schema"), "$.$schema");
        assert_eq!(key_path("$.a", "it's"), "$.a['it\\'s']");
        assert_eq!(key_path("$.a", "a\\b"), "$.a['a\\\\b']");
        // A key with control characters (ARM reads them raw in a key) stays
        // on one line, and apart from the key with their escapes' text.
        assert_eq!(key_path("$", "two\nlines"), "$['two\\nlines']");
        assert_eq!(key_path("$", "two\\nlines"), "$['two\\\\nlines']");
        assert_eq!(key_path("$", "t\tab\r\u{b}"), "$['t\\tab\\r\\u000b']");
        assert_eq!(parent("$.a['x\\n\\'y']"), Some("$.a"));
        // In a message, escaped alike (but `'`).
        assert_eq!(shown_key("it's"), "it's");
        assert_eq!(shown_key("two\nlines.x"), "two\\nlines.x");
        assert_eq!(shown_key("a\\b\u{b}"), "a\\\\b\\u000b");
        assert_eq!(index_path("$.r", 2), "$.r[2]");
    }

    /// A line ends at LF, CR or CRLF (once), as Json.NET and editors count:
    /// a file with CR line breaks only, a lone CR inside a string, CRLF.
    #[test]
    fn lines_end_at_lf_cr_and_crlf() {
        let at = |text: &str, needle: &str| {
            let index = PositionIndex::new(text);
            let p = index.at_offset(text.find(needle).unwrap());
            (p.line, p.column)
        };
        assert_eq!(at("{\r  \"a\": 1,\r  \"b\": 2\r}", "\"b"), (3, 3));
        assert_eq!(at("{\"s\": \"x\ry\", \"n\": 1}", "\"n"), (2, 5));
        assert_eq!(at("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}", "\"b"), (3, 3));
        assert_eq!(at("{\"s\": \"x\r\ny\", \"n\": 1}", "\"n"), (2, 5));
        // Mixed; a blank line of each kind.
        assert_eq!(at("[\r\r\n\n\n\r1]", "1"), (6, 1));
        // The LF of a CRLF is on the line the CR ends.
        assert_eq!(at("[1,\r\n2]", "\n"), (1, 5));
        let index = PositionIndex::new("{\r\"a\":\r\n{\"b\": 1}}");
        let p = index.position("$.a.b").unwrap();
        assert_eq!((p.line, p.column), (3, 7));
    }

    /// The line and column of every offset, the path from every offset and
    /// the container at every offset are those a scan of the whole text
    /// gives, over lines longer than the character count's checkpoints, with
    /// characters of several bytes on them, and keys given twice.
    #[test]
    fn look_ups_agree_with_a_scan_of_the_text() {
        let long = "é€😀x".repeat(40);
        let text = format!(
            "{{\"a\": [1, {{\"b\": \"{long}\"}}, [[], {{}}]],\r\n \"{long}\": {{\"c\": \"x\ry\"}},\r \"a\": [\n2, \"é\"], \"z\": {{\"y\": [3]}}}}"
        );
        let index = PositionIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            // Lines and columns by counting from the start.
            let mut expected = offset.min(text.len());
            while !text.is_char_boundary(expected) {
                expected -= 1;
            }
            let (mut line, mut column) = (1, 1);
            for (i, c) in text[..expected].char_indices() {
                if c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            // An offset at the LF of a CRLF is on the CR's line.
            let p = index.at_offset(offset);
            assert_eq!((p.line, p.column, p.offset), (line, column, expected));
            let first = index
                .values
                .iter()
                .filter(|(start, _)| *start >= offset)
                .min_by_key(|(start, _)| *start)
                .map(|(_, path)| path.as_str());
            assert_eq!(index.path_from(offset), first, "{offset}");
            let innermost = index
                .containers
                .iter()
                .filter(|c| c.start < offset && offset < c.end)
                .max_by_key(|c| c.start)
                .map(|c| c.path.as_str());
            assert_eq!(index.container_at(offset), innermost, "{offset}");
        }
        // A key given twice: each value's start gives its own path.
        let from = |needle: &str| index.path_from(text.rfind(needle).unwrap());
        assert_eq!(from("[\n2"), Some("$.a"));
        assert_eq!(from("\"é\"]"), Some("$.a[1]"));
        assert_eq!(index.path_from(text.find("[1").unwrap()), Some("$.a"));
        // The path's position is the last value's, on line 5 (the CR in a
        // string ends line 3).
        assert_eq!(index.position("$.a[1]").map(|p| p.line), Some(5));
        // (A path only the first value has stays there.)
        assert_eq!(index.position("$.a[1].b").map(|p| p.line), Some(1));
    }

    /// Brackets the scan did not close hold nothing; those it closed inside
    /// them are found.
    #[test]
    fn the_container_at_an_offset_in_broken_text() {
        let text = "{\"a\": [1, {\"b\": 2} ], \"c\": [3, ";
        let index = PositionIndex::new(text);
        assert_eq!(index.container_at(text.find(" ]").unwrap()), Some("$.a"));
        assert_eq!(index.container_at(text.find("2}").unwrap()), Some("$.a[1]"));
        assert_eq!(index.container_at(text.find("3").unwrap()), None);
        assert_eq!(index.container_at(text.len()), None);
    }

    #[test]
    fn broken_or_deep_text_does_not_panic() {
        for text in [
            "",
            "{",
            "{\"a\"",
            "[1,",
            "\"\\u12",
            "{\"a\":[}",
            &"[".repeat(10_000),
        ] {
            let _ = PositionIndex::new(text).position("$.a[0]");
        }
    }
}
