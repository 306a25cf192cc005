//! JSON text with object keys in the order given, laid out as
//! `serde_json::to_string_pretty` lays it out.
//!
//! serde_json keeps object keys in insertion order only with its
//! `preserve_order` feature, which would switch every `serde_json::Map` of the
//! user's application to an `IndexMap` (features are unified): so the files this
//! crate writes fix their own keys' order here instead. Values the caller gives
//! keep whatever order their `Value` has.

use serde_json::Value;

/// A JSON node to write.
pub(crate) enum Json<'a> {
    /// An object whose keys are written in this order.
    Object(Vec<(&'a str, Json<'a>)>),
    /// A string.
    Str(&'a str),
    /// A value of the caller's, pretty-printed by serde_json.
    Value(&'a Value),
}

impl Json<'_> {
    /// The pretty-printed text, two-space indented, without a final newline.
    pub(crate) fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(0, &mut out);
        out
    }

    fn write(&self, indent: usize, out: &mut String) {
        match self {
            Json::Str(text) => out.push_str(&serde_json::to_string(text).unwrap_or_default()),
            Json::Value(value) => {
                // JSON strings escape line breaks, so every `\n` of the text is
                // between tokens: indenting after each one nests the value.
                let text = serde_json::to_string_pretty(value).unwrap_or_default();
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.push('\n');
                        pad(indent, out);
                    }
                    out.push_str(line);
                }
            }
            Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push('\n');
                    pad(indent + 2, out);
                    Json::Str(key).write(indent + 2, out);
                    out.push_str(": ");
                    value.write(indent + 2, out);
                }
                out.push('\n');
                pad(indent, out);
                out.push('}');
            }
        }
    }
}

fn pad(indent: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::Json;
    use serde_json::json;

    #[test]
    fn keys_keep_the_order_given_and_values_nest() {
        // Keys inserted sorted: with or without serde_json's `preserve_order`
        // (the workspace's test builds have it), the value lists them so.
        let value = json!({ "empty": [], "list": [1, { "x": null }] });
        let text = Json::Object(vec![
            ("z", Json::Str("last \"first\"")),
            ("a", Json::Object(vec![])),
            ("m", Json::Object(vec![("v", Json::Value(&value))])),
        ])
        .to_pretty();
        let expected = r#"{
  "z": "last \"first\"",
  "a": {},
  "m": {
    "v": {
      "empty": [],
      "list": [
        1,
        {
          "x": null
        }
      ]
    }
  }
}"#;
        assert_eq!(text, expected);
    }
}
