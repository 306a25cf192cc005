//! `uniqueString` and `guid`, bit for bit as Azure computes them.
//!
//! - `uniqueString(a, b, ...)`: the arguments joined with `-`, UTF-8 encoded,
//!   hashed with Microsoft's 64-bit MurmurHash variant (two 32-bit lanes with
//!   the constants 597399067, 2869860233, 1444728091 and 197830471, MurmurHash3's
//!   `fmix32` finalizer), and written as 13 base32 characters
//!   (`abcdefghijklmnopqrstuvwxyz234567`, most significant 5 bits first).
//!   Reference: <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#uniquestring>.
//! - `guid(a, b, ...)`: a name-based UUID version 5 (RFC 4122, SHA-1) of the
//!   dash-joined arguments in the namespace `11fb06fb-712d-4ddd-98c7-e71bbd588830`.
//!   Reference: <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#guid>.
//!
//! Test vectors come from the Bicep compiler's tests, which run Azure's own
//! expression engine (see the tests below for each source).

/// Microsoft's 64-bit MurmurHash variant of `data` with seed 0.
pub fn murmur64(data: &[u8]) -> u64 {
    const C1: u32 = 597_399_067;
    const C2: u32 = 2_869_860_233;
    const C3: u32 = 1_444_728_091;
    const C4: u32 = 197_830_471;
    let word = |b: &[u8]| -> u32 {
        b.iter()
            .enumerate()
            .fold(0u32, |acc, (i, &x)| acc | (u32::from(x) << (8 * i)))
    };
    let mut h1: u32 = 0;
    let mut h2: u32 = 0;
    let mut chunks = data.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let k1 = word(&chunk[..4]);
        let k2 = word(&chunk[4..]);
        h1 ^= k1.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h1 = h1
            .rotate_left(19)
            .wrapping_add(h2)
            .wrapping_mul(5)
            .wrapping_add(C3);
        h2 ^= k2.wrapping_mul(C2).rotate_left(17).wrapping_mul(C1);
        h2 = h2
            .rotate_left(13)
            .wrapping_add(h1)
            .wrapping_mul(5)
            .wrapping_add(C4);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let k1 = word(&tail[..tail.len().min(4)]);
        h1 ^= k1.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        if tail.len() > 4 {
            let k2 = word(&tail[4..]);
            h2 ^= k2.wrapping_mul(C2).rotate_left(17).wrapping_mul(C1);
        }
    }
    let len = data.len() as u32;
    h1 ^= len;
    h2 ^= len;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (u64::from(h2) << 32) | u64::from(h1)
}

fn fmix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// `uniqueString(parts...)`: 13 lowercase base32 characters.
pub fn unique_string(parts: &[&str]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut hash = murmur64(parts.join("-").as_bytes());
    let mut out = String::with_capacity(13);
    for _ in 0..13 {
        out.push(ALPHABET[(hash >> 59) as usize] as char);
        hash <<= 5;
    }
    out
}

/// The namespace of `guid()`'s name-based UUIDs.
pub const GUID_NAMESPACE: [u8; 16] = [
    0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30,
];

/// `guid(parts...)`: a UUID v5 in lowercase `8-4-4-4-12` form.
pub fn guid(parts: &[&str]) -> String {
    let mut sha = sha1_smol::Sha1::new();
    sha.update(&GUID_NAMESPACE);
    sha.update(parts.join("-").as_bytes());
    let digest = sha.digest().bytes();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Source: Bicep's snapshot test (src/Bicep.Cli.IntegrationTests/Files/
    // SnapshotCommandTests/basic/main.snapshot.json), storage account name
    // 'store${uniqueString(resourceGroup().id)}' = 'storejs26ofeqkqeve'.
    #[test]
    fn unique_string_of_a_resource_group_id() {
        assert_eq!(
            unique_string(&[
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg"
            ]),
            "js26ofeqkqeve"
        );
    }

    // Source: Bicep's FunctionResolverTests.GetLiteralTransformations
    // (src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs), evaluated
    // by Azure.Deployments.Expression: uniqueString('snap', 'crackle', 'pop').
    #[test]
    fn unique_string_of_three_parts() {
        assert_eq!(unique_string(&["snap", "crackle", "pop"]), "byghxckddilkc");
    }

    // Source: the same Bicep test: guid('foo', 'bar', 'baz').
    #[test]
    fn guid_of_three_parts() {
        assert_eq!(
            guid(&["foo", "bar", "baz"]),
            "2ed86837-7c7c-5eaa-9864-dd077fd19b0d"
        );
    }

    // Source: github.com/cloud-maker-ai/go-guid guid_test.go: guid('test').
    // (That port joins several arguments without the `-` separator, so its
    // multi-argument vector disagrees with Azure's, checked above by Bicep's.)
    #[test]
    fn guid_of_one_part() {
        assert_eq!(guid(&["test"]), "d6a5baf1-8b9b-542a-8525-2982f1f98a0c");
    }
}
