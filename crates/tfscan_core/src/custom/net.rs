//! Address ranges for `cidr_range_subset`, read as Python's `ipaddress.ip_network(text,
//! strict=False)` reads them: `10.0.0.0/8`, `10.1.2.3/8` (host bits dropped), a bare address
//! (one address), IPv6 with `::`.

use alloc::vec::Vec;

use super::python::Py;

/// An IPv4 or IPv6 range: its first address as a 128-bit number, its prefix length, and its
/// version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    address: u128,
    prefix: u32,
    v6: bool,
}

impl Network {
    fn bits(self) -> u32 {
        if self.v6 {
            128
        } else {
            32
        }
    }

    /// Python's `subnet_of`: same version, and this range lies inside `outer`.
    pub fn within(&self, outer: &Network) -> bool {
        self.v6 == outer.v6
            && outer.prefix <= self.prefix
            && mask(self.address, outer.prefix, self.bits()) == outer.address
    }

    /// Reads one range; None where Python raises `ValueError`.
    pub fn parse(text: &str) -> Option<Network> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let (value, v6) = if address.contains(':') {
            (parse_v6(address)?, true)
        } else {
            (u128::from(parse_v4(address)?), false)
        };
        let bits = if v6 { 128 } else { 32 };
        let prefix = match prefix {
            None => bits,
            Some(digits) => {
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let prefix: u32 = digits.parse().ok()?;
                if prefix > bits {
                    return None;
                }
                prefix
            }
        };
        Some(Network {
            address: mask(value, prefix, bits),
            prefix,
            v6,
        })
    }
}

/// `address` with all but its first `prefix` bits (of `bits`) cleared.
fn mask(address: u128, prefix: u32, bits: u32) -> u128 {
    if prefix == 0 {
        return 0;
    }
    let host_bits = bits - prefix;
    let kept = if bits == 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    };
    address & kept & !((1u128 << host_bits) - 1)
}

/// Four decimal octets, without leading zeros (Python refuses `010.0.0.1`).
fn parse_v4(text: &str) -> Option<u32> {
    let mut value = 0u32;
    let mut count = 0;
    for part in text.split('.') {
        count += 1;
        if part.is_empty()
            || part.len() > 3
            || !part.bytes().all(|b| b.is_ascii_digit())
            || (part.len() > 1 && part.starts_with('0'))
        {
            return None;
        }
        let octet: u32 = part.parse().ok()?;
        if octet > 255 {
            return None;
        }
        value = (value << 8) | octet;
    }
    (count == 4).then_some(value)
}

/// Eight groups of up to four hex digits, `::` standing for a run of zero groups, the last two
/// groups optionally written as an IPv4 address.
fn parse_v6(text: &str) -> Option<u128> {
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let groups = |part: &str| -> Option<Vec<u16>> {
        if part.is_empty() {
            return Some(Vec::new());
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut out = Vec::new();
        for (index, piece) in pieces.iter().enumerate() {
            if index + 1 == pieces.len() && piece.contains('.') {
                let v4 = parse_v4(piece)?;
                out.push((v4 >> 16) as u16);
                out.push(v4 as u16);
                continue;
            }
            if piece.is_empty() || piece.len() > 4 {
                return None;
            }
            out.push(u16::from_str_radix(piece, 16).ok()?);
        }
        Some(out)
    };
    let first = groups(head)?;
    let all: Vec<u16> = match tail {
        None => first,
        Some(tail) => {
            if tail.contains("::") {
                return None;
            }
            let last = groups(tail)?;
            let missing = 8usize.checked_sub(first.len() + last.len())?;
            if missing == 0 {
                return None;
            }
            let mut all = first;
            all.extend(core::iter::repeat_n(0, missing));
            all.extend(last);
            all
        }
    };
    if all.len() != 8 {
        return None;
    }
    Some(
        all.iter()
            .fold(0u128, |value, group| (value << 16) | u128::from(*group)),
    )
}

/// The ranges a policy value or an attribute names: one string, or a list of strings. None
/// where Python raises (text that is no range, a value of another kind).
pub fn networks(value: &Py) -> Option<Vec<Network>> {
    match value {
        Py::Str(text) => Some(alloc::vec![Network::parse(text)?]),
        Py::List(items) => items
            .iter()
            .map(|item| match item {
                Py::Str(text) => Network::parse(text),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> Network {
        Network::parse(text).unwrap()
    }

    #[test]
    fn ranges_read_as_python_reads_them() {
        assert!(net("10.1.0.0/16").within(&net("10.0.0.0/8")));
        assert!(!net("10.0.0.0/8").within(&net("10.1.0.0/16")));
        assert!(net("10.1.2.3/8").within(&net("10.0.0.0/8")));
        assert!(net("192.168.1.1").within(&net("192.168.0.0/16")));
        assert!(net("0.0.0.0/0").within(&net("0.0.0.0/0")));
        assert!(!net("0.0.0.0/0").within(&net("10.0.0.0/8")));
        assert!(net("2001:db8::/48").within(&net("2001:db8::/32")));
        assert!(!net("2001:db8::/32").within(&net("10.0.0.0/8")));
        assert!(net("::ffff:10.0.0.1").within(&net("::ffff:0.0.0.0/96")));
        for bad in [
            "10.0.0.0/33",
            "010.0.0.0/8",
            "10.0.0",
            "1::2::3",
            "x",
            "10.0.0.0/",
        ] {
            assert_eq!(Network::parse(bad), None, "{bad}");
        }
    }
}
