// Characters that change the direction of text, written escaped, reach the
// templates; the expansion escapes them too (rustc denies them unescaped in a
// literal).
apim_dsl::template! {
    pub const T;
    /// Right-to-left: the value of the tag.
    var label = "bidi\u{202e}here";
    output o: string = label;
}

fn main() {
    assert!(T.arm_json().contains('\u{202e}'));
}
