//! Writing the output: a closed pipe, as with `| head`, is a normal end.

use std::io::{ErrorKind, Write};

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
