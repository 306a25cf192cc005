//! Reading the input (a file, or standard input for `-`; a UTF-8 byte order
//! mark and `//`/`/* */` comments allowed, as ARM and `az` allow them) and
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

/// The text of `path` (standard input for `-`), ready for a JSON parser:
/// without a leading byte order mark, with comments blanked out.
pub fn read_source(path: &Path) -> std::io::Result<String> {
    let text = if is_stdin(path) {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        std::fs::read_to_string(path)?
    };
    Ok(blank_comments(strip_bom(&text)))
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
}
