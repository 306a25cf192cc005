//! Reading the input (a file, or standard input for `-`; a UTF-8 byte order
//! mark and `//`/`/* */` comments allowed, as ARM and `az` allow them, and
//! trailing commas, which are reported) and writing the output (a closed
//! pipe, as with `| head`, is a normal end).

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

/// `text` (comments already blanked) with each trailing comma, one that
/// ends an object or array (`{"a": 1,}`, `[1, 2,]`), outside strings,
/// replaced by a space, so that the JSON parser's lines and columns stay
/// those of the file; and where each was. A comma after `{`, `[` or another
/// comma is left for the parser to refuse.
pub fn blank_trailing_commas(text: &str) -> (String, Vec<Comma>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut in_string = false;
    let mut escaped = false;
    // The last character outside strings that is not white space.
    let mut previous = None;
    for (i, &c) in chars.iter().enumerate() {
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
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (out, found)
}

/// Where serde_json's `error` in `text` (the text it parsed) is, as line and
/// column from 1, the column in characters as everywhere else (serde_json
/// counts bytes: each non-ASCII character before it would move it right);
/// and its message without serde_json's own position.
pub fn json_error(text: &str, error: &serde_json::Error) -> (usize, usize, String) {
    // serde_json counts an error before the first character as line or column 0.
    let line = error.line().max(1);
    let bytes = error.column();
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    // The characters that start before the error's byte column: the error's
    // own character is the last of them.
    let column = line_text
        .char_indices()
        .take_while(|&(i, _)| i < bytes)
        .count()
        .max(1);
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), bytes);
    let message = message
        .strip_suffix(&position)
        .map_or(message.clone(), str::to_string);
    (line, column, message)
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
