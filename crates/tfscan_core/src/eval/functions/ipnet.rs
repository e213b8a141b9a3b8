//! IP network functions: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`, for IPv4
//! and IPv6. Addresses are held as `u128` with their width in bits (32 or 128).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::{at_least, fixed, integer_arg, invalid, known, string_arg};
use crate::value::Value;

/// A network prefix such as `10.0.0.0/8`: the address as written, its width, the prefix
/// length.
#[derive(Clone, Copy)]
struct Prefix {
    address: u128,
    width: u32,
    length: u32,
}

impl Prefix {
    fn parse(name: &str, text: &str) -> Result<Self, String> {
        let bad = || invalid(name, format_args!("invalid CIDR prefix \"{text}\""));
        let (address, length) = text.split_once('/').ok_or_else(bad)?;
        let (address, width) = if address.contains(':') {
            (parse_ipv6(address).ok_or_else(bad)?, 128)
        } else {
            (u128::from(parse_ipv4(address).ok_or_else(bad)?), 32)
        };
        if length.is_empty()
            || !length.bytes().all(|byte| byte.is_ascii_digit())
            || length.len() > 3
        {
            return Err(bad());
        }
        let length: u32 = length.parse().map_err(|_| bad())?;
        if length > width {
            return Err(bad());
        }
        Ok(Self {
            address,
            width,
            length,
        })
    }

    /// The mask of the prefix length, as wide as the address.
    fn mask(&self) -> u128 {
        mask(self.width, self.length)
    }

    /// The first address of the network.
    fn network(&self) -> u128 {
        self.address & self.mask()
    }

    fn host_bits(&self) -> u32 {
        self.width - self.length
    }
}

fn mask(width: u32, length: u32) -> u128 {
    let all = if width == 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    };
    all & !all.checked_shr(length).unwrap_or(0)
}

/// Dotted decimal; leading zeros are read as decimal, as Terraform does.
fn parse_ipv4(text: &str) -> Option<u32> {
    let mut address = 0u32;
    let mut parts = 0;
    for part in text.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        let octet: u32 = part.parse().ok()?;
        if octet > 255 {
            return None;
        }
        address = (address << 8) | octet;
        parts += 1;
    }
    (parts == 4).then_some(address)
}

/// Colon-separated hexadecimal groups, with at most one `::` and an optional IPv4 tail.
fn parse_ipv6(text: &str) -> Option<u128> {
    let groups_of = |part: &str| -> Option<Vec<u16>> {
        if part.is_empty() {
            return Some(Vec::new());
        }
        let mut groups = Vec::new();
        let pieces: Vec<&str> = part.split(':').collect();
        for (index, piece) in pieces.iter().enumerate() {
            if index + 1 == pieces.len() && piece.contains('.') {
                let v4 = parse_ipv4(piece)?;
                groups.push((v4 >> 16) as u16);
                groups.push(v4 as u16);
            } else {
                if piece.is_empty() || piece.len() > 4 {
                    return None;
                }
                groups.push(u16::from_str_radix(piece, 16).ok()?);
            }
        }
        Some(groups)
    };
    let groups = match text.split_once("::") {
        Some((head, tail)) => {
            let head = groups_of(head)?;
            let tail = groups_of(tail)?;
            if head.len() + tail.len() > 7 {
                return None;
            }
            let mut groups = head;
            groups.resize(8 - tail.len(), 0);
            groups.extend(tail);
            groups
        }
        None => groups_of(text)?,
    };
    if groups.len() != 8 {
        return None;
    }
    Some(
        groups
            .iter()
            .fold(0u128, |address, group| (address << 16) | u128::from(*group)),
    )
}

/// An address as Go prints it: dotted for IPv4 (and IPv4-mapped IPv6), otherwise IPv6 with
/// the longest run of two or more zero groups shortened to `::`.
fn format_address(address: u128, width: u32) -> String {
    if width == 32 || address >> 32 == 0xffff {
        let v4 = address as u32;
        return format!(
            "{}.{}.{}.{}",
            v4 >> 24,
            (v4 >> 16) & 0xff,
            (v4 >> 8) & 0xff,
            v4 & 0xff
        );
    }
    let groups: Vec<u16> = (0..8)
        .rev()
        .map(|index| (address >> (index * 16)) as u16)
        .collect();
    let mut best: Option<(usize, usize)> = None;
    let mut index = 0;
    while index < groups.len() {
        if groups.get(index) == Some(&0) {
            let start = index;
            while groups.get(index) == Some(&0) {
                index += 1;
            }
            let run = index - start;
            if run >= 2 && best.is_none_or(|(_, longest)| run > longest) {
                best = Some((start, run));
            }
        } else {
            index += 1;
        }
    }
    let mut out = String::new();
    let mut index = 0;
    while index < groups.len() {
        if let Some((start, run)) = best.filter(|(start, _)| *start == index) {
            out.push_str("::");
            index = start + run;
            continue;
        }
        if !out.is_empty() && !out.ends_with(':') {
            out.push(':');
        }
        let _ = write!(out, "{:x}", groups.get(index).copied().unwrap_or(0));
        index += 1;
    }
    out
}

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "cidrhost" => cidrhost(name, args),
        "cidrnetmask" => cidrnetmask(name, args),
        "cidrsubnet" => cidrsubnet(name, args),
        "cidrsubnets" => cidrsubnets(name, args),
        _ => return None,
    };
    Some(result)
}

/// `cidrhost(prefix, hostnum)`: a negative host number counts back from the last address.
fn cidrhost(name: &str, args: &[Value]) -> Result<Value, String> {
    let [prefix, number] = fixed::<2>(name, args)?;
    let prefix = string_arg(name, prefix)?;
    let number = integer_arg(name, number)?;
    let (Some(prefix), Some(number)) = (prefix, number) else {
        return Ok(Value::Unknown);
    };
    let prefix = Prefix::parse(name, &prefix)?;
    let last_host = u128::MAX.checked_shr(128 - prefix.host_bits()).unwrap_or(0);
    let magnitude = u128::from(number.unsigned_abs());
    // -1 is the last host, -2 the one before, and so on.
    let offset = if number < 0 {
        last_host.checked_sub(magnitude - 1)
    } else {
        Some(magnitude).filter(|offset| *offset <= last_host)
    };
    let Some(offset) = offset else {
        return Err(invalid(
            name,
            format_args!(
                "prefix of {} bits has no host number {number}",
                prefix.length
            ),
        ));
    };
    let address = prefix.network() | offset;
    Ok(Value::String(format_address(address, prefix.width)))
}

fn cidrnetmask(name: &str, args: &[Value]) -> Result<Value, String> {
    let [prefix] = fixed::<1>(name, args)?;
    let prefix = known!(string_arg(name, prefix));
    let prefix = Prefix::parse(name, &prefix)?;
    if prefix.width != 32 {
        return Err(invalid(name, "only IPv4 prefixes have a netmask"));
    }
    Ok(Value::String(format_address(prefix.mask(), 32)))
}

fn cidrsubnet(name: &str, args: &[Value]) -> Result<Value, String> {
    let [prefix, newbits, number] = fixed::<3>(name, args)?;
    let prefix = string_arg(name, prefix)?;
    let newbits = integer_arg(name, newbits)?;
    let number = integer_arg(name, number)?;
    let (Some(prefix), Some(newbits), Some(number)) = (prefix, newbits, number) else {
        return Ok(Value::Unknown);
    };
    let prefix = Prefix::parse(name, &prefix)?;
    let length = i64::from(prefix.length) + newbits;
    if length < 0 || length > i64::from(prefix.width) {
        return Err(invalid(
            name,
            format_args!(
                "cannot extend a prefix of {} bits by {newbits} bits: only {} bits are left",
                prefix.length,
                prefix.host_bits()
            ),
        ));
    }
    let length = length as u32;
    let shift = prefix.width - length;
    // Terraform accepts a negative `newbits` (a shorter prefix, any subnet number) and a
    // negative subnet number (ORed in as two's complement, keeping the magnitude). Both are
    // reproduced for IPv4; for IPv6 such results are left unknown.
    if (0..64).contains(&newbits) && number.unsigned_abs() >> newbits != 0 {
        return Err(invalid(
            name,
            format_args!("{newbits} new bits cannot hold the subnet number {number}"),
        ));
    }
    let address = if number < 0 {
        if prefix.width != 32 {
            return Ok(Value::Unknown);
        }
        let combined = (prefix.network() as i128) | (i128::from(number) << shift);
        combined.unsigned_abs()
    } else {
        prefix.network() | (number as u128).checked_shl(shift).unwrap_or(0)
    };
    let all = mask(prefix.width, prefix.width);
    if address & !all != 0 {
        return Ok(Value::Unknown);
    }
    Ok(Value::String(format!(
        "{}/{length}",
        format_address(address, prefix.width)
    )))
}

/// `cidrsubnets(prefix, newbits...)`: consecutive subnets of the given sizes, each aligned to
/// its own size, allocated from the start of the prefix.
fn cidrsubnets(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let Some((prefix, sizes)) = args.split_first() else {
        return Ok(Value::Unknown);
    };
    let prefix = known!(string_arg(name, prefix));
    let prefix = Prefix::parse(name, &prefix)?;
    let mut lengths = Vec::with_capacity(sizes.len());
    for size in sizes {
        let newbits = known!(integer_arg(name, size));
        if newbits < 1 {
            return Err(invalid(
                name,
                "each subnet must extend the prefix by at least one bit",
            ));
        }
        if newbits > 32 {
            return Err(invalid(
                name,
                "a subnet may not extend the prefix by more than 32 bits",
            ));
        }
        let length = i64::from(prefix.length) + newbits;
        if length > i64::from(prefix.width) {
            return Err(invalid(
                name,
                format_args!(
                    "cannot extend a prefix of {} bits by {newbits} bits",
                    prefix.length
                ),
            ));
        }
        lengths.push(length as u32);
    }

    let width = prefix.width;
    let all = mask(width, width);
    let network = prefix.network();
    let last_of = |start: u128, length: u32| start | (all & !mask(width, length));
    let mut subnets = Vec::with_capacity(lengths.len());
    // The allocation starts from the subnet just before the prefix, as Terraform's does.
    let mut current = lengths
        .first()
        .map(|first| (network.wrapping_sub(1) & all & mask(width, *first), *first));
    for length in lengths {
        let Some((start, current_length)) = current else {
            break;
        };
        let aligned = last_of(start, current_length) & mask(width, length);
        let after = last_of(aligned, length).wrapping_add(1) & all;
        let inside = after & prefix.mask() == network;
        if after == 0 || !inside {
            return Err(invalid(
                name,
                format_args!("not enough remaining address space for a subnet with a prefix of {length} bits"),
            ));
        }
        subnets.push(Value::String(format!(
            "{}/{length}",
            format_address(after, width)
        )));
        current = Some((after, length));
    }
    Ok(Value::List(subnets))
}
