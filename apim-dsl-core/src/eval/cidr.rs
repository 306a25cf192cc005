//! `parseCidr`, `cidrSubnet` and `cidrHost`, per
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr>.

use serde_json::{Value as Json, json};
use std::net::{Ipv4Addr, Ipv6Addr};

/// An address range: the address as a 128-bit number, the prefix length, and
/// whether it is IPv4 (32 bits) or IPv6.
struct Range {
    addr: u128,
    prefix: u32,
    v4: bool,
}

impl Range {
    fn bits(&self) -> u32 {
        if self.v4 { 32 } else { 128 }
    }

    fn mask(&self) -> u128 {
        let host = self.bits() - self.prefix;
        let all = if self.v4 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        if host >= 128 {
            0
        } else {
            all & !((1u128 << host) - 1)
        }
    }

    fn show(&self, addr: u128) -> String {
        if self.v4 {
            Ipv4Addr::from(addr as u32).to_string()
        } else {
            Ipv6Addr::from(addr).to_string()
        }
    }
}

fn parse(text: &str) -> Result<Range, String> {
    let bad = || format!("'{text}' is not a CIDR range (like '10.0.0.0/16')");
    let (ip, prefix) = text.trim().split_once('/').ok_or_else(bad)?;
    let prefix: u32 = prefix.parse().map_err(|_| bad())?;
    if let Ok(v4) = ip.parse::<Ipv4Addr>() {
        if prefix > 32 {
            return Err(bad());
        }
        return Ok(Range {
            addr: u128::from(u32::from(v4)),
            prefix,
            v4: true,
        });
    }
    let v6: Ipv6Addr = ip.parse().map_err(|_| bad())?;
    if prefix > 128 {
        return Err(bad());
    }
    Ok(Range {
        addr: u128::from(v6),
        prefix,
        v4: false,
    })
}

/// `parseCidr(range)`: network, netmask, broadcast (IPv4), first and last
/// usable addresses and the prefix length.
pub(super) fn parse_cidr(text: &str) -> Result<Json, String> {
    let r = parse(text)?;
    let mask = r.mask();
    let network = r.addr & mask;
    let all = if r.v4 {
        u128::from(u32::MAX)
    } else {
        u128::MAX
    };
    let last = network | (all & !mask);
    if r.v4 {
        let (first, last_usable) = if r.prefix >= 31 {
            (network, last)
        } else {
            (network + 1, last - 1)
        };
        Ok(json!({
            "network": r.show(network),
            "netmask": r.show(mask),
            "broadcast": r.show(last),
            "firstUsable": r.show(first),
            "lastUsable": r.show(last_usable),
            "cidr": r.prefix,
        }))
    } else {
        Ok(json!({
            "network": r.show(network),
            "netmask": r.show(mask),
            "firstUsable": r.show(network),
            "lastUsable": r.show(last),
            "cidr": r.prefix,
        }))
    }
}

/// `cidrSubnet(range, newPrefix, index)`: the `index`-th subnet of the range.
pub(super) fn cidr_subnet(text: &str, new_prefix: i64, index: i64) -> Result<String, String> {
    let r = parse(text)?;
    if new_prefix < i64::from(r.prefix) || new_prefix > i64::from(r.bits()) {
        return Err(format!(
            "cidrSubnet(): the new prefix length {new_prefix} must be between {} and {}",
            r.prefix,
            r.bits()
        ));
    }
    let extra = new_prefix as u32 - r.prefix;
    let count: u128 = if extra >= 127 {
        u128::MAX
    } else {
        1u128 << extra
    };
    if index < 0 || (index as u128) >= count {
        return Err(format!(
            "cidrSubnet(): the index {index} is out of range: '{text}' has {count} subnets of /{new_prefix}"
        ));
    }
    let host_bits = r.bits() - new_prefix as u32;
    let network = r.addr & r.mask();
    let addr = network + (index as u128).checked_shl(host_bits).unwrap_or(0);
    Ok(format!("{}/{new_prefix}", r.show(addr)))
}

/// `cidrHost(range, index)`: the `index`-th usable host address.
pub(super) fn cidr_host(text: &str, index: i64) -> Result<String, String> {
    let r = parse(text)?;
    let network = r.addr & r.mask();
    let host_bits = r.bits() - r.prefix;
    let size: u128 = if host_bits >= 127 {
        u128::MAX
    } else {
        1u128 << host_bits
    };
    let (first, usable) = if r.v4 && r.prefix < 31 {
        (network + 1, size - 2)
    } else {
        (network, size)
    };
    if index < 0 || (index as u128) >= usable {
        return Err(format!(
            "cidrHost(): the index {index} is out of range: '{text}' has {usable} usable hosts"
        ));
    }
    Ok(r.show(first + index as u128))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr#parsecidr
    #[test]
    fn parse_cidr_documented_examples() {
        assert_eq!(
            parse_cidr("10.144.0.0/20").unwrap(),
            json!({"network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255",
                   "firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": 20})
        );
        assert_eq!(
            parse_cidr("fdad:3236:5555::/48").unwrap(),
            json!({"network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::",
                   "firstUsable": "fdad:3236:5555::", "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": 48})
        );
    }

    // Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr#cidrsubnet
    // and #cidrhost.
    #[test]
    fn subnets_and_hosts() {
        assert_eq!(
            cidr_subnet("10.144.0.0/20", 24, 0).unwrap(),
            "10.144.0.0/24"
        );
        assert_eq!(
            cidr_subnet("10.144.0.0/20", 24, 15).unwrap(),
            "10.144.15.0/24"
        );
        assert!(cidr_subnet("10.144.0.0/20", 24, 16).is_err());
        assert_eq!(cidr_host("10.144.3.0/24", 0).unwrap(), "10.144.3.1");
        assert_eq!(cidr_host("10.144.3.0/24", 253).unwrap(), "10.144.3.254");
        assert!(cidr_host("10.144.3.0/24", 254).is_err());
    }
}
