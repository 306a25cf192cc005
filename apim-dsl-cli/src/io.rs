//! Reading the input (a file, or standard input for `-`; a UTF-8 byte order
//! mark, `//`/`/* */` comments and line breaks inside strings allowed, as
//! ARM and `az` allow them, and trailing commas, which are reported) and
//! writing the output (a closed pipe, as with `| head`, is a normal end).

use std::io::{ErrorKind, Read, Write};
use std::path::Path;

/// Whether `path` stands for standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name to show for `path`: `<stdin>` for `-`.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The warning at each trailing comma of a template.
pub const TRAILING_COMMA: &str = "trailing comma, which JSON does not allow: Azure CLI and the portal's template editor refuse the file";

/// The warning at each trailing comma of a deployment parameters file.
pub const TRAILING_COMMA_PARAMETERS: &str = "trailing comma, which JSON does not allow";

/// The warning at each trailing comma of a file: a parameters file's or a
/// template's.
pub fn trailing_comma(parameters: bool) -> &'static str {
    if parameters {
        TRAILING_COMMA_PARAMETERS
    } else {
        TRAILING_COMMA
    }
}

/// Where a trailing comma is: line and column (from 1, the column in
/// characters), and the byte offset in the text the JSON parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comma {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The byte offset.
    pub offset: usize,
}

/// The text of `path` (standard input for `-`), ready for a JSON parser:
/// without a leading byte order mark, with comments and trailing commas
/// blanked out; and where each trailing comma was.
pub fn read_source(path: &Path) -> std::io::Result<(String, Vec<Comma>)> {
    let text = if is_stdin(path) {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        std::fs::read_to_string(path)?
    };
    Ok(blank_trailing_commas(&blank_comments(strip_bom(&text))))
}

/// The line and column (from 1, the column in characters) of each character
/// of a text read from its start: a line ends at LF, CR, or CRLF (counted
/// once, its LF on the CR's line), as Json.NET (ARM's reader) and editors
/// count lines, and as [`PositionIndex`](apim_dsl_core::arm::json_pos::PositionIndex)
/// does.
#[derive(Debug, Clone, Copy)]
struct LineCounter {
    line: usize,
    column: usize,
    /// The last character was a CR: the line ends unless an LF follows.
    after_cr: bool,
}

impl LineCounter {
    fn new() -> Self {
        LineCounter {
            line: 1,
            column: 1,
            after_cr: false,
        }
    }

    /// The line and column of `c`, the next character; moves past it.
    fn next(&mut self, c: char) -> (usize, usize) {
        if self.after_cr && c != '\n' {
            self.line += 1;
            self.column = 1;
        }
        let at = (self.line, self.column);
        self.after_cr = c == '\r';
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        at
    }
}

/// `text` (comments already blanked) with each trailing comma, one that
/// ends an object or array (`{"a": 1,}`, `[1, 2,]`), outside strings,
/// replaced by a space, so that the JSON parser's lines and columns stay
/// those of the file; and where each was. A comma after `{`, `[` or another
/// comma is left for the parser to refuse.
pub fn blank_trailing_commas(text: &str) -> (String, Vec<Comma>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut lines = LineCounter::new();
    let mut in_string = false;
    let mut escaped = false;
    // The last character outside strings that is not white space.
    let mut previous = None;
    for (i, &c) in chars.iter().enumerate() {
        let (line, column) = lines.next(c);
        let mut written = c;
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            previous = Some(c);
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            // (After `:` a value is missing: the parser says so at the comma.)
            let after_value = !matches!(previous, None | Some('{' | '[' | ',' | ':'));
            if after_value && matches!(next, Some('}' | ']')) {
                written = ' ';
                found.push(Comma {
                    line,
                    column,
                    offset: out.len(),
                });
            }
            previous = Some(c);
        } else if !c.is_whitespace() {
            previous = Some(c);
        }
        out.push(written);
    }
    (out, found)
}

/// A control character (U+0000 to U+001F) written as it is inside a string
/// (a key or a value), where JSON wants it escaped ("All Unicode characters
/// may be placed within the quotation marks, except for the characters that
/// MUST be escaped: quotation mark, reverse solidus, and the control
/// characters (U+0000 through U+001F)", RFC 8259, section 7).
///
/// ARM reads it as the character it is: "You can break a string into
/// multiple lines" (Microsoft Learn, "Understand the structure and syntax of
/// ARM templates", section "Multi-line strings"), and the service parses a
/// template with Json.NET (its messages are Json.NET's: "Deployment template
/// parse failed: 'After parsing a value an unexpected character was
/// encountered ...'"), whose `JsonTextReader` keeps every character of a
/// string but `"` and `\` as written; Azure CLI reads the file with
/// Python's `json.loads(..., strict=False)` ("use strict=False to allow
/// multiline strings", `_remove_comments_from_json` in Azure/azure-cli), which
/// accepts every control character in a string, and sends the text
/// unchanged (`JsonCTemplatePolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawControl {
    /// The character.
    pub character: char,
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The byte offset.
    pub offset: usize,
    /// The byte offset of the opening quote of the string it is in.
    pub string_start: usize,
}

impl RawControl {
    /// Whether this is a character people write in text on purpose: a line
    /// break (LF or CR, which Microsoft Learn documents) or a tab (a
    /// multi-line script's indentation). The others are invisible in an
    /// editor and get a warning.
    pub fn is_text(&self) -> bool {
        matches!(self.character, '\n' | '\r' | '\t')
    }

    /// How JSON writes the character: `\t`, `\f`, `\u000b`.
    pub fn escape(&self) -> String {
        json_escape(self.character)
    }

    /// The warning for a raw control character other than a line break or
    /// a tab.
    pub fn warning(&self) -> String {
        format!(
            "control character U+{:04X} written as it is in a string: ARM reads it as that character, but it is invisible, and JSON allows it only escaped: write `{}`",
            u32::from(self.character),
            self.escape()
        )
    }
}

/// How JSON writes the control character `c` in a string.
fn json_escape(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        '\u{8}' => "\\b".to_string(),
        '\u{c}' => "\\f".to_string(),
        c => format!("\\u{:04x}", u32::from(c)),
    }
}

/// One escape written for a raw control character: where it is in the text
/// serde_json reads, how long it is, and where the character is in the file.
#[derive(Debug, Clone, Copy)]
struct Escape {
    at: usize,
    len: usize,
    original: usize,
}

/// `text` as serde_json reads it: each control character written raw inside
/// a string replaced by its escape (so the parsed string holds the
/// character, as ARM's does); and how to find a place of it in `text`.
#[derive(Debug)]
struct Escaped {
    text: String,
    escapes: Vec<Escape>,
    raw: Vec<RawControl>,
    /// The strings that hold a raw line break: the byte offsets of the
    /// opening quote and after the closing one, in `text`.
    multi_line: Vec<(usize, usize)>,
    /// The byte offset of the opening quote of a string still open at the
    /// end of the text.
    open_at_end: Option<usize>,
}

impl Escaped {
    /// The offset in the original text of `offset` in the escaped one.
    fn original_offset(&self, offset: usize) -> usize {
        let before = self.escapes.partition_point(|e| e.at <= offset);
        let Some(escape) = before.checked_sub(1).map(|i| self.escapes[i]) else {
            return offset;
        };
        if offset < escape.at + escape.len {
            escape.original
        } else {
            // A control character is one byte.
            escape.original + 1 + (offset - escape.at - escape.len)
        }
    }
}

/// Escapes the control characters that `text` (comments already blanked)
/// has raw inside its strings.
fn escape_raw_controls(text: &str) -> Escaped {
    let mut out = String::with_capacity(text.len());
    let mut escapes = Vec::new();
    let mut raw = Vec::new();
    let mut multi_line = Vec::new();
    let mut lines = LineCounter::new();
    let mut string_start = None;
    let mut line_break = false;
    let mut escaped = false;
    for (offset, c) in text.char_indices() {
        let (line, column) = lines.next(c);
        match string_start {
            Some(start) => {
                if escaped {
                    escaped = false;
                    out.push(c);
                } else if c == '\\' {
                    escaped = true;
                    out.push(c);
                } else if c == '"' {
                    string_start = None;
                    if line_break {
                        multi_line.push((start, offset + 1));
                    }
                    out.push(c);
                } else if c < ' ' {
                    line_break |= c == '\n' || c == '\r';
                    let escape = json_escape(c);
                    escapes.push(Escape {
                        at: out.len(),
                        len: escape.len(),
                        original: offset,
                    });
                    raw.push(RawControl {
                        character: c,
                        line,
                        column,
                        offset,
                        string_start: start,
                    });
                    out.push_str(&escape);
                } else {
                    out.push(c);
                }
            }
            None => {
                if c == '"' {
                    string_start = Some(offset);
                    line_break = false;
                }
                out.push(c);
            }
        }
    }
    Escaped {
        text: out,
        escapes,
        raw,
        multi_line,
        open_at_end: string_start,
    }
}

/// Why a text is not JSON: where (line and column from 1, the column in
/// characters) and what serde_json says, without its own position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses `text` (comments and trailing commas blanked, [`read_source`]) as
/// ARM reads it: the control characters written raw inside its strings
/// ([`RawControl`]: line breaks, tabs, ...) are the characters they are.
/// With the raw control characters, in the order of the text.
///
/// # Errors
/// The first place where `text` is not JSON, with a hint where the error
/// follows right after a string that runs over a line break (its closing
/// quote may be missing: the string then ran on to the next quote), or where
/// a string runs on to the end of the text.
pub fn parse_json(text: &str) -> Result<(serde_json::Value, Vec<RawControl>), JsonError> {
    let escaped = escape_raw_controls(text);
    match serde_json::from_str(&escaped.text) {
        Ok(value) => Ok((value, escaped.raw)),
        Err(error) => Err(json_error(text, &escaped, &error)),
    }
}

/// The line and column (from 1) of the byte `offset` of `text`, the column
/// in characters, lines ending as [`LineCounter`] ends them.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut lines = LineCounter::new();
    for c in text[..offset].chars() {
        lines.next(c);
    }
    // The place after the text read: a character there other than an LF is
    // on the next line after a CR.
    lines.next(text[offset..].chars().next().unwrap_or(' '))
}

/// Where serde_json's `error` in the escaped copy of `text` is in `text`, as
/// line and column from 1, the column in characters as everywhere else
/// (serde_json counts bytes: each non-ASCII character before it would move it
/// right); and its message without serde_json's own position.
fn json_error(text: &str, escaped: &Escaped, error: &serde_json::Error) -> JsonError {
    // serde_json counts an error before the first character as line or column 0.
    let line = error.line().max(1);
    let bytes = error.column();
    // serde_json ends a line at LF only.
    let line_start: usize = escaped
        .text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    // The error's own character is the one that starts before its byte
    // column, last.
    let offset = escaped.original_offset(line_start + bytes.saturating_sub(1));
    let (line, column) = line_column(text, offset);
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), bytes);
    let mut message = message
        .strip_suffix(&position)
        .map_or(message.clone(), str::to_string);
    // A string missing its closing quote now runs on to the next quote, over
    // line breaks, and the error is right after where that string ends (at
    // the text that was to follow the quote taken for its end).
    if let (Some(start), true) = (escaped.open_at_end, error.is_eof()) {
        // The string runs on to the end of the file.
        let (from_line, from_column) = line_column(text, start);
        message.push_str(&format!(
            " (in the string that opens at line {from_line} column {from_column} and runs to the end of the file: if it lacks its closing quote, add it where the string ends)"
        ));
    } else if let Some(&(start, _)) = escaped.multi_line.iter().find(|&&(_, end)| {
        text.get(end..offset)
            .is_some_and(|between| between.trim().is_empty())
    }) {
        let (from_line, from_column) = line_column(text, start);
        message.push_str(&format!(
            " (after the string that opens at line {from_line} column {from_column} and runs over a line break to this line: if it lacks its closing quote, add it where the string ends)"
        ));
    }
    JsonError {
        line,
        column,
        message,
    }
}

/// `text` without a leading UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `text` with its `//` and `/* */` comments (outside strings) replaced by
/// spaces, one per character, line breaks kept: the JSON parser's lines and
/// columns stay those of the file.
pub fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                out.push(' ');
                while let Some(&next) = chars.peek() {
                    if next == '\n' || next == '\r' {
                        break;
                    }
                    chars.next();
                    out.push(' ');
                }
            }
            ('/', Some('*')) => {
                chars.next();
                out.push_str("  ");
                let mut star = false;
                for next in chars.by_ref() {
                    out.push(if next == '\n' || next == '\r' {
                        next
                    } else {
                        ' '
                    });
                    if star && next == '/' {
                        break;
                    }
                    star = next == '*';
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Why writing the output failed (a closed pipe is not a failure).
#[derive(Debug)]
pub struct WriteFailed;

/// Writes `bytes` to standard output. A closed pipe (`apim-dsl ... | head`)
/// ends the output quietly; another error is reported on standard error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), WriteFailed> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprint_line(&format!("error: cannot write to standard output: {e}"));
            Err(WriteFailed)
        }
    }
}

/// Writes a line to standard error, ignoring a closed standard error.
pub fn eprint_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_become_spaces_and_strings_stay() {
        let text = "{\"a\": \"http://x\", // c\n /* b\n */ \"b\": 1}";
        let out = blank_comments(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "{\"a\": \"http://x\",     \n     \n    \"b\": 1}");
        assert_eq!(blank_comments(r#""a\"//b""#), r#""a\"//b""#);
    }

    /// Control characters written raw in strings (keys and values) are read
    /// as those characters, as ARM reads them: a line break (LF, CRLF, CR), a
    /// tab, any other; escapes and text outside strings stay as they are.
    #[test]
    fn raw_control_characters_in_strings_are_read_as_written() {
        let text = "{\"a\": \"x\ny\", \"b\r\nc\": \"[concat(\r\n  'p',\t'q')]\",\n \"d\": \"\\\"\u{b}\\n\\\\\", \"e\": \"\u{0}\u{1f}\r\"}";
        let (value, raw) = parse_json(text).expect("read as ARM reads it");
        assert_eq!(
            value,
            serde_json::json!({
                "a": "x\ny",
                "b\r\nc": "[concat(\r\n  'p',\t'q')]",
                "d": "\"\u{b}\n\\",
                "e": "\u{0}\u{1f}\r",
            })
        );
        let found: Vec<(char, usize, usize, bool)> = raw
            .iter()
            .map(|r| (r.character, r.line, r.column, r.is_text()))
            .collect();
        assert_eq!(
            found,
            [
                ('\n', 1, 9),
                ('\r', 2, 7),
                ('\n', 2, 8),
                ('\r', 3, 14),
                ('\n', 3, 15),
                ('\t', 4, 7),
                ('\u{b}', 5, 10),
                ('\u{0}', 5, 24),
                ('\u{1f}', 5, 25),
                ('\r', 5, 26),
            ]
            .map(|(c, l, col)| (c, l, col, matches!(c, '\n' | '\r' | '\t')))
        );
        for r in &raw {
            assert_eq!(text[r.offset..].chars().next(), Some(r.character));
            assert_eq!(&text[r.string_start..=r.string_start], "\"");
        }
        assert_eq!(raw[6].escape(), "\\u000b");
        assert!(raw[6].warning().contains("U+000B"), "{}", raw[6].warning());
        assert!(raw[6].warning().ends_with("write `\\u000b`"));
        assert_eq!(json_escape('\u{8}'), "\\b");
        assert_eq!(json_escape('\u{c}'), "\\f");
        // A JSON text without raw control characters reads as before.
        let (_, raw) = parse_json("{\"a\": \"b\\n\"}\n").unwrap();
        assert!(raw.is_empty());
    }

    /// An error after a raw control character is at its place in the file,
    /// not in the escaped copy serde_json reads: later on the line, on a
    /// later line, at the end of the text.
    #[test]
    fn errors_stay_at_their_place_in_the_file() {
        for (text, line, column) in [
            ("{\"a\": \"\t\u{1}x\", \"b\": [1,,]}", 1, 22),
            ("{\"a\": \"x\r\ny\", \"é\": tru}", 2, 13),
            ("{\"a\": \"x\n\ny\",\n \"b\": 1 \"c\": 2}", 4, 9),
            ("{\"a\": \"\tx\"", 1, 10),
            ("{\"a\": \"\\q\t\"}", 1, 9),
            ("{\"a\": \"x\u{1}", 1, 9),
            ("{\"a\":\u{1}\"x\"}", 1, 6),
        ] {
            let error = parse_json(text).expect_err(text);
            assert_eq!(
                (error.line, error.column),
                (line, column),
                "{text:?}: {error:?}"
            );
            // Without serde_json's own position.
            assert!(!error.message.ends_with(char::is_numeric), "{error:?}");
            // (A string open at the end of the text is named.)
            assert_eq!(
                error.message.contains("closing quote"),
                error.message.starts_with("EOF while parsing a string"),
                "{error:?}"
            );
        }
        // Without raw control characters, as serde_json counts, in characters.
        let error = parse_json("{\"é\": [1,,]}").unwrap_err();
        assert_eq!(
            (error.line, error.column, error.message.as_str()),
            (1, 10, "expected value")
        );
    }

    /// A string missing its closing quote runs on over a line break to the
    /// next quote, as in ARM: the error where it ends says so.
    #[test]
    fn a_missing_closing_quote_is_named() {
        let text = "{\n  \"a\": \"abc,\n  \"b\": 1\n}";
        let error = parse_json(text).unwrap_err();
        assert_eq!((error.line, error.column), (3, 4), "{error:?}");
        assert_eq!(
            error.message,
            "expected `,` or `}` (after the string that opens at line 2 column 8 and runs over a line break to this line: if it lacks its closing quote, add it where the string ends)"
        );
        // In an array, and a string whose quote is missing before a comment.
        let text = "[\"a\", \"b\n  \"c\"]";
        let error = parse_json(text).unwrap_err();
        assert_eq!((error.line, error.column), (2, 4), "{error:?}");
        assert!(
            error.message.contains("opens at line 1 column 7"),
            "{error:?}"
        );
        // A string open to the end of the text, over line breaks or not.
        for (text, line, column) in [("{\n  \"a\": \"abc\n\n", 3, 1), ("[1, \"ab", 1, 7)] {
            let error = parse_json(text).unwrap_err();
            assert_eq!((error.line, error.column), (line, column), "{error:?}");
            let opens = if line == 3 {
                "line 2 column 8"
            } else {
                "line 1 column 5"
            };
            assert_eq!(
                error.message,
                format!(
                    "EOF while parsing a string (in the string that opens at {opens} and runs to the end of the file: if it lacks its closing quote, add it where the string ends)"
                )
            );
        }
        // Not at the end of the text outside a string.
        let error = parse_json("{\"a\": \"x\ny\", \"b\": [1").unwrap_err();
        assert!(!error.message.contains("closing quote"), "{error:?}");
        // Not after a string that ended earlier.
        for text in [
            "{\"a\": \"x\ny\",\n \"b\": 1 \"c\": 2}",
            "{\"a\": \"x\ny\", \"b\": 1 \"c\": 2}",
            "{\"a\": \"x\ny\", \"é\": tru}",
        ] {
            let error = parse_json(text).unwrap_err();
            assert!(!error.message.contains("closing quote"), "{error:?}");
        }
    }

    /// A line ends at LF, CR or CRLF (once), as Json.NET and editors count
    /// lines: in a file with CR line breaks only and after a lone CR in a
    /// string, the raw control characters, the trailing commas and the errors
    /// are on their lines; CRLF counts once.
    #[test]
    fn lines_end_at_lf_cr_and_crlf() {
        for br in ["\n", "\r", "\r\n"] {
            let text = format!(
                "{{\"a\": \"x{br}y{vt}\",{br} \"b\": [1,{br}],}}",
                vt = '\u{b}'
            );
            let (out, commas) = blank_trailing_commas(&text);
            let places: Vec<(usize, usize)> = commas.iter().map(|c| (c.line, c.column)).collect();
            assert_eq!(places, [(3, 9), (4, 2)], "{text:?}");
            let (_, raw) = parse_json(&out).unwrap();
            let places: Vec<(char, usize, usize)> = raw
                .iter()
                .map(|r| (r.character, r.line, r.column))
                .collect();
            // The LF of a CRLF is on the CR's line, after it.
            let mut expected: Vec<(char, usize, usize)> = br
                .chars()
                .zip(9..)
                .map(|(c, column)| (c, 1, column))
                .collect();
            expected.push(('\u{b}', 2, 2));
            assert_eq!(places, expected, "{text:?}");
            let error = parse_json(&format!("{{\"a\": \"x{br}y\", \"é\": tru}}")).unwrap_err();
            assert_eq!((error.line, error.column), (2, 13), "{br:?}: {error:?}");
            let error =
                parse_json(&format!("{{{br}  \"a\": \"abc,{br}  \"b\": 1{br}}}")).unwrap_err();
            assert_eq!((error.line, error.column), (3, 4), "{br:?}: {error:?}");
            assert!(
                error.message.contains("opens at line 2 column 8"),
                "{br:?}: {error:?}"
            );
        }
        assert_eq!(line_column("a\r\nb", 2), (1, 3));
        assert_eq!(line_column("a\r", 2), (2, 1));
        assert_eq!(line_column("a\rb", 2), (2, 1));
    }

    #[test]
    fn trailing_commas_become_spaces_where_they_are() {
        let text = "{\"a\": [1, 2,\n ],\n \"s\": \"x,]\\\",}\",\n \"é\": {\"b\": 1 , },\n}";
        let (out, found) = blank_trailing_commas(text);
        assert_eq!(out.chars().count(), text.chars().count());
        let places: Vec<(usize, usize)> = found.iter().map(|c| (c.line, c.column)).collect();
        assert_eq!(places, vec![(1, 12), (4, 15), (4, 18)]);
        // The byte offset is the comma's (blanked) place in the text read.
        for comma in &found {
            assert_eq!(&text[comma.offset..=comma.offset], ",");
            assert_eq!(&out[comma.offset..=comma.offset], " ");
        }
        let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(value["s"], "x,]\",}");
        assert_eq!(value["a"], serde_json::json!([1, 2]));
        // Not trailing: the parser refuses these as before.
        for text in ["[,]", "{,}", "[1,,]", "[1 2,]"] {
            let (out, found) = blank_trailing_commas(text);
            assert!(
                serde_json::from_str::<serde_json::Value>(&out).is_err(),
                "{text}"
            );
            if text != "[1 2,]" {
                assert!(found.is_empty(), "{text}");
            }
        }
        assert_eq!(
            blank_trailing_commas("[1,]").1,
            vec![Comma {
                line: 1,
                column: 3,
                offset: 2
            }]
        );
    }
}
