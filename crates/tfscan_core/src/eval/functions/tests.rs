//! Unit tests on values: above all what Terraform's oracle cannot show, unknown values.
//! Known answers are checked against Terraform itself in `tfscan_hcl/tests/functions_terraform.rs`.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::call;
use crate::value::{object, Value};

const UNKNOWN: Value = Value::Unknown;

fn s(text: &str) -> Value {
    Value::String(text.into())
}

fn n(number: f64) -> Value {
    Value::Number(number)
}

fn list(items: Vec<Value>) -> Value {
    Value::List(items)
}

fn ok(name: &str, args: impl AsRef<[Value]>) -> Value {
    match call(name, args.as_ref()) {
        Ok(value) => value,
        Err(message) => panic!("{name} failed: {message}"),
    }
}

fn error(name: &str, args: impl AsRef<[Value]>) -> String {
    match call(name, args.as_ref()) {
        Ok(value) => panic!("{name} should fail, gave {value}"),
        Err(message) => message,
    }
}

#[test]
fn errors_name_the_function_and_what_was_expected() {
    assert_eq!(
        error("lookup", vec![n(1.0), s("a")]),
        "invalid argument to \"lookup\": expected a map, got number"
    );
    assert_eq!(
        error("upper", vec![s("a"), s("b")]),
        "wrong number of arguments to \"upper\": expected 1 argument, got 2"
    );
    assert_eq!(
        error("nosuch", vec![]),
        "call to unknown function \"nosuch\""
    );
    assert!(error("upper", vec![Value::Null]).contains("must not be null"));
}

#[test]
fn the_core_namespace_prefix_is_accepted() {
    assert_eq!(ok("core::upper", vec![s("a")]), s("A"));
}

#[test]
fn unicode_classes_are_right_or_unknown() {
    // Whether `\p` classes are available depends on the regex crate's features, which Cargo
    // unifies across a build: in the WebAssembly build they are left out and the answer is
    // Unknown; where another crate turns them on the answer must be Terraform's.
    let result = call("regex", &[s("\\pL+"), s("abc")]);
    assert!(
        matches!(&result, Ok(Value::Unknown)) || result == Ok(s("abc")),
        "{result:?}"
    );
}

#[test]
fn unknown_arguments_give_unknown_results() {
    for (name, args) in [
        ("upper", vec![UNKNOWN]),
        ("join", vec![UNKNOWN, list(vec![s("a")])]),
        ("format", vec![s("%d-%s"), n(1.0), UNKNOWN]),
        ("format", vec![s("%v"), list(vec![UNKNOWN])]),
        ("jsonencode", vec![UNKNOWN]),
        // A partial string is unknown to a function that reads its text.
        ("upper", vec![s("arn:\u{e000}")]),
        ("length", vec![s("arn:\u{e000}")]),
        (
            "lookup",
            vec![object([("a", n(1.0))]), s("a\u{e000}"), n(2.0)],
        ),
        ("replace", vec![s("abc"), s("/b/"), UNKNOWN]),
        ("regex", vec![UNKNOWN, s("abc")]),
        ("substr", vec![s("hello"), UNKNOWN, n(1.0)]),
        ("cidrsubnet", vec![s("10.0.0.0/8"), n(8.0), UNKNOWN]),
        ("sha256", vec![UNKNOWN]),
        ("timeadd", vec![UNKNOWN, s("1h")]),
        ("tostring", vec![UNKNOWN]),
        ("toset", vec![list(vec![s("a"), UNKNOWN])]),
        ("distinct", vec![list(vec![s("a"), UNKNOWN])]),
        ("sort", vec![list(vec![s("b"), UNKNOWN])]),
        ("sum", vec![list(vec![n(1.0), UNKNOWN])]),
        ("compact", vec![list(vec![s("a"), UNKNOWN])]),
        ("flatten", vec![list(vec![list(vec![s("a")]), UNKNOWN])]),
        ("setunion", vec![list(vec![s("a")]), list(vec![UNKNOWN])]),
        ("keys", vec![UNKNOWN]),
        ("length", vec![UNKNOWN]),
        ("merge", vec![object([("a", n(1.0))]), UNKNOWN]),
        ("coalesce", vec![s(""), UNKNOWN]),
        ("coalesce", vec![n(1.0), UNKNOWN]),
        ("coalescelist", vec![list(vec![]), UNKNOWN]),
        ("max", vec![n(1.0), UNKNOWN]),
        ("contains", vec![list(vec![s("a"), UNKNOWN]), s("b")]),
        ("index", vec![list(vec![UNKNOWN, s("b")]), s("b")]),
        (
            "lookup",
            vec![object([("a", n(1.0))]), UNKNOWN, s("default")],
        ),
        (
            "zipmap",
            vec![list(vec![s("a"), UNKNOWN]), list(vec![n(1.0), n(2.0)])],
        ),
        ("alltrue", vec![list(vec![Value::Bool(true), UNKNOWN])]),
        ("anytrue", vec![list(vec![Value::Bool(false), UNKNOWN])]),
        ("timestamp", vec![]),
        ("uuid", vec![]),
        ("bcrypt", vec![s("secret")]),
        ("file", vec![s("main.tf")]),
        ("provider::aws::arn_parse", vec![s("arn:aws:s3:::bucket")]),
        ("yamldecode", vec![UNKNOWN]),
        ("yamlencode", vec![object([("a", list(vec![UNKNOWN]))])]),
    ] {
        assert_eq!(ok(name, args.clone()), UNKNOWN, "{name}({args:?})");
    }
}

#[test]
fn functions_that_can_still_answer_do() {
    let partly_unknown = list(vec![UNKNOWN, s("b")]);
    assert_eq!(ok("length", vec![partly_unknown.clone()]), n(2.0));
    assert_eq!(ok("element", vec![partly_unknown.clone(), n(1.0)]), s("b"));
    assert_eq!(ok("element", vec![partly_unknown.clone(), n(0.0)]), UNKNOWN);
    assert_eq!(
        ok("reverse", vec![partly_unknown.clone()]),
        list(vec![s("b"), UNKNOWN])
    );
    assert_eq!(
        ok("contains", vec![partly_unknown.clone(), s("b")]),
        Value::Bool(true)
    );
    assert_eq!(
        ok("index", vec![list(vec![s("b"), UNKNOWN]), s("b")]),
        n(0.0)
    );
    assert_eq!(ok("one", vec![list(vec![UNKNOWN])]), UNKNOWN);
    assert_eq!(
        ok("concat", vec![partly_unknown.clone(), list(vec![s("c")])]),
        list(vec![UNKNOWN, s("b"), s("c")])
    );
    assert_eq!(
        ok("slice", vec![partly_unknown, n(1.0), n(2.0)]),
        list(vec![s("b")])
    );

    let map = object([("known", s("yes")), ("later", UNKNOWN)]);
    assert_eq!(ok("lookup", vec![map.clone(), s("known")]), s("yes"));
    assert_eq!(
        ok("lookup", vec![map.clone(), s("later"), s("default")]),
        UNKNOWN
    );
    assert_eq!(
        ok("keys", vec![map.clone()]),
        list(vec![s("known"), s("later")])
    );
    assert_eq!(
        ok("values", vec![map.clone()]),
        list(vec![s("yes"), UNKNOWN])
    );
    assert_eq!(ok("length", vec![map.clone()]), n(2.0));
    assert_eq!(
        ok("merge", vec![map, object([("extra", n(1.0))])]),
        object([("extra", n(1.0)), ("known", s("yes")), ("later", UNKNOWN)])
    );

    // A known answer wins over unknown elements.
    assert_eq!(
        ok("alltrue", vec![list(vec![UNKNOWN, Value::Bool(false)])]),
        Value::Bool(false)
    );
    assert_eq!(
        ok("anytrue", vec![list(vec![UNKNOWN, Value::Bool(true)])]),
        Value::Bool(true)
    );
    assert_eq!(
        ok("coalesce", vec![s("first"), UNKNOWN]),
        UNKNOWN,
        "types are not known"
    );
    assert_eq!(
        ok("coalescelist", vec![list(vec![s("a")]), UNKNOWN]),
        list(vec![s("a")])
    );
    assert_eq!(
        ok("tolist", vec![list(vec![s("a"), UNKNOWN])]),
        list(vec![s("a"), UNKNOWN])
    );
    assert_eq!(ok("nonsensitive", vec![UNKNOWN]), UNKNOWN);
}

#[test]
fn formatlist_keeps_known_rows() {
    assert_eq!(
        ok("formatlist", vec![s("%s!"), list(vec![s("a"), UNKNOWN])]),
        list(vec![s("a!"), s("\u{e000}!")])
    );
    assert_eq!(
        ok("formatlist", vec![s("%d!"), list(vec![n(1.0), UNKNOWN])]),
        list(vec![s("1!"), UNKNOWN])
    );
    assert_eq!(ok("formatlist", vec![s("%s"), UNKNOWN]), UNKNOWN);
}

#[test]
fn strings_convert_from_numbers_and_bools() {
    assert_eq!(
        ok(
            "join",
            vec![s(","), list(vec![n(1.0), Value::Bool(true), n(2.5)])]
        ),
        s("1,true,2.5")
    );
    assert_eq!(ok("upper", vec![Value::Bool(true)]), s("TRUE"));
    assert_eq!(ok("tonumber", vec![s("5")]), n(5.0));
    assert_eq!(ok("tostring", vec![n(1e21)]), s("1000000000000000000000"));
    assert_eq!(
        error("tonumber", vec![s(" 5")]),
        "invalid argument to \"tonumber\": cannot convert \" 5\" to number"
    );
}

#[test]
fn lists_take_one_element_type() {
    assert_eq!(
        ok("tolist", vec![list(vec![n(1.0), s("a")])]),
        list(vec![s("1"), s("a")])
    );
    assert!(error("tolist", vec![list(vec![n(1.0), Value::Bool(true)])]).contains("same type"));
    assert_eq!(
        ok(
            "tolist",
            vec![list(vec![object([("a", n(1.0))]), object([("b", s("x"))])])]
        ),
        list(vec![object([("a", s("1"))]), object([("b", s("x"))])])
    );
    assert_eq!(
        ok("toset", vec![list(vec![s("b"), n(1.0), s("b")])]),
        list(vec![s("1"), s("b")])
    );
}

#[test]
fn unicode_is_counted_in_grapheme_clusters() {
    assert_eq!(ok("length", vec![s("👍🏽é")]), n(2.0));
    assert_eq!(ok("strrev", vec![s("a👍🏽b")]), s("b👍🏽a"));
    assert_eq!(ok("substr", vec![s("👍🏽xy"), n(0.0), n(2.0)]), s("👍🏽x"));
    assert_eq!(ok("format", vec![s("%-3s|"), s("é")]), s("é  |"));
    assert_eq!(
        ok("upper", vec![s("straße")]),
        s("STRAßE"),
        "simple case mapping only"
    );
}

#[test]
fn regular_expressions_use_ascii_perl_classes() {
    assert_eq!(ok("regex", vec![s("\\w+"), s("é-word")]), s("word"));
    assert_eq!(
        ok("regex", vec![s("[\\d]+"), s("x١23")]),
        s("23"),
        "Arabic digits are not \\d"
    );
    assert_eq!(ok("regex", vec![s("[^\\s]+"), s("  ab c")]), s("ab"));
    assert_eq!(
        ok("regexall", vec![s("a*"), s("baaab")]),
        list(vec![s(""), s("aaa"), s("")])
    );
    assert!(error("regex", vec![s("(a"), s("a")]).contains("invalid regular expression"));
}

#[test]
fn format_prints_numbers_like_go() {
    for (template, number, expected) in [
        ("%v", 1_000_000.0, "1e+06"),
        ("%v", 123_456.0, "123456"),
        ("%v", 0.000_01, "1e-05"),
        ("%g", 0.0001, "0.0001"),
        ("%.3g", 1234.5, "1.23e+03"),
        ("%.3e", -1234.5, "-1.234e+03"),
        ("%08.3f", -2.34567, "-002.346"),
        ("%x", -255.0, "-ff"),
        ("%#x", 255.0, "0xff"),
        ("%+.2f", 2.0, "+2.00"),
    ] {
        assert_eq!(
            ok("format", vec![s(template), n(number)]),
            s(expected),
            "{template}"
        );
    }
}

#[test]
fn cidr_functions_handle_ipv6_and_the_edges_of_a_prefix() {
    assert_eq!(
        ok("cidrhost", vec![s("2001:db8::/126"), n(-1.0)]),
        s("2001:db8::3")
    );
    assert_eq!(
        ok("cidrsubnet", vec![s("::/0"), n(128.0), n(1.0)]),
        s("::1/128")
    );
    assert_eq!(
        ok("cidrhost", vec![s("0.0.0.0/0"), n(-1.0)]),
        s("255.255.255.255")
    );
    assert!(error("cidrhost", vec![s("2001:db8::/126"), n(4.0)]).contains("no host number"));
    assert!(error("cidrsubnet", vec![s("1:2:3::4::/64"), n(1.0), n(0.0)]).contains("invalid CIDR"));
}

#[test]
fn dates_cross_month_year_and_offset_boundaries() {
    assert_eq!(
        ok("timeadd", vec![s("2023-12-31T23:30:00Z"), s("45m")]),
        s("2024-01-01T00:15:00Z")
    );
    assert_eq!(
        ok("timeadd", vec![s("1970-01-01T00:00:00Z"), s("-1s")]),
        s("1969-12-31T23:59:59Z")
    );
    assert_eq!(
        ok(
            "formatdate",
            vec![
                s("YYYY-MM-DD hh:mm EEE ZZZZZ"),
                s("2024-03-01T01:00:00+14:00")
            ]
        ),
        s("2024-03-01 01:00 Fri +14:00")
    );
    assert!(error("timeadd", vec![s("2024-01-01T00:00:00Z"), s("1x")]).contains("unknown unit"));
}

#[test]
fn csv_quotes_may_span_lines() {
    assert_eq!(
        ok("csvdecode", vec![s("a,b\r\n\"x\ny\",2\r\n")]),
        list(vec![object([("a", s("x\ny")), ("b", s("2"))])])
    );
    assert!(error("csvdecode", vec![s("a\n\"x")]).contains("not closed"));
}

#[test]
fn huge_results_are_unknown_rather_than_built() {
    assert_eq!(ok("indent", vec![n(1e12), s("a\nb")]), UNKNOWN);
    assert_eq!(ok("format", vec![s("%999999999999d"), n(1.0)]), UNKNOWN);
    let ten: Vec<Value> = (0..10).map(|index| n(f64::from(index))).collect();
    assert_eq!(ok("setproduct", vec![list(ten.clone()); 7]), UNKNOWN);
    assert_eq!(ok("sum", vec![list(vec![n(1e308), n(1e308)])]), UNKNOWN);
    assert_eq!(ok("parseint", vec![s(&"9".repeat(400)), n(10.0)]), UNKNOWN);
    assert!(error("regex", vec![s("(a{1000}){1000}"), s("a")]).contains("invalid regular"));
    assert_eq!(
        ok("element", vec![list(ten), n(9_007_199_254_740_991.0)]),
        n(1.0)
    );
}

#[test]
fn yaml_that_is_not_read_is_unknown() {
    for text in [
        "a: *missing",
        "a: !custom 1",
        "a: b: c",
        "--- 1\n--- 2",
        "? k\n: v",
        "",
    ] {
        assert_eq!(ok("yamldecode", vec![s(text)]), UNKNOWN, "{text:?}");
    }
    assert_eq!(
        ok("yamldecode", vec![s("a: [1, {b: yes}]\nc: |\n  x\n")]),
        object([
            ("a", list(vec![n(1.0), object([("b", Value::Bool(true))])])),
            ("c", s("x\n"))
        ])
    );
}

#[test]
fn yaml_reading_survives_any_mix_of_its_pieces() {
    let pieces = [
        "a:", " b", "- ", "-", "\n", "  ", "|", ">-", "[", "]", "{", "}", ",", "'", "\"", "#",
        ": ", "x", "1", "\t", "\\", "?", "&", "*", "---", "...", "\r",
    ];
    for first in pieces {
        for second in pieces {
            for third in pieces {
                let text: String = [first, second, third, first, "\n", second].concat();
                let _ = call("yamldecode", &[s(&text)]);
            }
        }
    }
}

#[test]
fn nothing_panics_on_odd_input() {
    let odd = [
        Value::Null,
        UNKNOWN,
        n(-1.0),
        n(1e300),
        n(f64::NAN),
        s(""),
        s("%"),
        s("/"),
        s("'"),
        s("::/200"),
        list(vec![]),
        list(vec![Value::Null, list(vec![])]),
        object([("", Value::Null)]),
    ];
    let names = [
        "chomp",
        "format",
        "formatlist",
        "indent",
        "join",
        "regex",
        "regexall",
        "replace",
        "split",
        "substr",
        "title",
        "trim",
        "chunklist",
        "coalesce",
        "element",
        "flatten",
        "lookup",
        "matchkeys",
        "range",
        "slice",
        "setproduct",
        "transpose",
        "zipmap",
        "base64decode",
        "csvdecode",
        "jsondecode",
        "textdecodebase64",
        "parseint",
        "pow",
        "cidrhost",
        "cidrsubnet",
        "cidrsubnets",
        "formatdate",
        "timeadd",
        "uuidv5",
        "tomap",
    ];
    for name in names {
        for first in &odd {
            for second in &odd {
                let _ = call(name, &[first.clone(), second.clone()]);
                let _ = call(name, &[first.clone(), second.clone(), n(-3.0)]);
            }
        }
    }
}

/// Every function Terraform documents that `call` knows, for the exhaustive no-panic test.
const ALL_FUNCTIONS: &[&str] = &[
    "abs",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "basename",
    "bcrypt",
    "ceil",
    "chomp",
    "chunklist",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "csvdecode",
    "dirname",
    "distinct",
    "element",
    "endswith",
    "ephemeralasnull",
    "file",
    "flatten",
    "floor",
    "format",
    "formatdate",
    "formatlist",
    "indent",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "log",
    "lookup",
    "lower",
    "matchkeys",
    "max",
    "md5",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "parseint",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "sensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "sha1",
    "sha256",
    "sha512",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "textdecodebase64",
    "textencodebase64",
    "timeadd",
    "timecmp",
    "timestamp",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "transpose",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "upper",
    "urlencode",
    "uuid",
    "uuidv5",
    "values",
    "yamldecode",
    "yamlencode",
    "zipmap",
];

#[test]
fn every_function_is_known_and_survives_any_arguments() {
    let odd = [
        Value::Null,
        UNKNOWN,
        n(-1.5),
        s("a/b\n"),
        list(vec![n(1.0), UNKNOWN]),
        list(vec![s(""), list(vec![])]),
        object([("k", list(vec![s("v")]))]),
    ];
    for name in ALL_FUNCTIONS {
        assert_ne!(
            call(name, &[]).err().as_deref(),
            Some(alloc::format!("call to unknown function \"{name}\"").as_str()),
            "{name} is not dispatched"
        );
        for first in &odd {
            let _ = call(name, core::slice::from_ref(first));
            for second in &odd {
                let _ = call(name, &[first.clone(), second.clone()]);
                for third in &odd {
                    let _ = call(name, &[first.clone(), second.clone(), third.clone()]);
                }
            }
        }
    }
}

#[test]
fn unknown_pieces_of_text_are_holes() {
    use alloc::format;
    let hole = crate::value::HOLE;
    assert_eq!(
        ok("join", vec![s(","), list(vec![s("a"), UNKNOWN])]),
        Value::String(format!("a,{hole}"))
    );
    assert_eq!(
        ok("format", vec![s("%s-%s"), s("a"), UNKNOWN]),
        Value::String(format!("a-{hole}"))
    );
    assert_eq!(
        ok(
            "format",
            vec![s("%v:*"), Value::String(format!("arn:{hole}"))]
        ),
        Value::String(format!("arn:{hole}:*"))
    );
    assert_eq!(
        ok("jsonencode", vec![object([("a", UNKNOWN), ("b", s("x"))])]),
        Value::String(format!("{{\"a\":\"{hole}\",\"b\":\"x\"}}"))
    );
    // Functions that copy values through keep the known pieces.
    assert_eq!(
        ok(
            "concat",
            vec![list(vec![s("a")]), list(vec![s(&format!("b{hole}"))])]
        ),
        list(vec![s("a"), Value::String(format!("b{hole}"))])
    );
}

#[test]
fn replace_searches_the_known_pieces_of_text() {
    use crate::value::{HOLE as hole, ID_HOLE as id};
    use alloc::format;
    let policy = s(&format!(
        "{{\"Resource\":\"_ARN_/*\",\"Account\":\"{hole}\"}}"
    ));
    // A known replacement into text with a hole; an identifier into known text.
    assert_eq!(
        ok(
            "replace",
            vec![policy.clone(), s("_ARN_"), s("arn:aws:s3:::logs")]
        ),
        s(&format!(
            "{{\"Resource\":\"arn:aws:s3:::logs/*\",\"Account\":\"{hole}\"}}"
        ))
    );
    assert_eq!(
        ok(
            "replace",
            vec![policy.clone(), s("_ARN_"), s(&format!("{id}"))]
        ),
        s(&format!(
            "{{\"Resource\":\"{id}/*\",\"Account\":\"{hole}\"}}"
        ))
    );
    // Nothing to replace: the text comes back even when the replacement is unknown.
    assert_eq!(
        ok("replace", vec![policy.clone(), s("_ID_"), UNKNOWN]),
        policy
    );
    // A match that could run into a hole, a pattern, or an identifier that a wildcard
    // replacement may reach: not known.
    assert_eq!(
        ok(
            "replace",
            vec![s(&format!("a_AR{hole}")), s("_ARN_"), s("x")]
        ),
        UNKNOWN
    );
    assert_eq!(
        ok(
            "replace",
            vec![s(&format!("{hole}N_b")), s("_ARN_"), s("x")]
        ),
        UNKNOWN
    );
    assert_eq!(
        ok("replace", vec![policy.clone(), s("/A.N/"), s("x")]),
        UNKNOWN
    );
    assert_eq!(
        ok("replace", vec![s(&format!("{id}:_X_")), s("_X_"), s("*")]),
        s(&format!("{hole}:*"))
    );
}

#[test]
fn coalesce_picks_text_with_unknown_pieces_that_cannot_be_empty() {
    use crate::value::{HOLE as hole, ID_HOLE as id};
    use alloc::format;
    let policy = s(&format!("{{\"Resource\":\"{id}\"}}"));
    assert_eq!(ok("coalesce", vec![Value::Null, policy.clone()]), policy);
    assert_eq!(
        ok("coalesce", vec![s(""), s(&format!("{id}"))]),
        s(&format!("{id}"))
    );
    // A known string before it decides; an unknown one, or one that may be empty, does not.
    assert_eq!(ok("coalesce", vec![s("x"), policy.clone()]), s("x"));
    assert_eq!(ok("coalesce", vec![UNKNOWN, policy.clone()]), UNKNOWN);
    assert_eq!(ok("coalesce", vec![s(&format!("{hole}")), policy]), UNKNOWN);
}

#[test]
fn split_keeps_identifiers_whole_for_separators_they_cannot_hold() {
    use crate::value::{HOLE as hole, ID_HOLE as id};
    use alloc::format;
    let joined = s(&format!("{id},pl-0abc,{id}"));
    assert_eq!(
        ok("split", vec![s(","), joined.clone()]),
        list(vec![s(&format!("{id}")), s("pl-0abc"), s(&format!("{id}"))])
    );
    // compact keeps them: an identifier is never empty.
    assert_eq!(
        ok(
            "compact",
            vec![ok("split", vec![s(","), s(&format!("{id}"))])]
        ),
        list(vec![s(&format!("{id}"))])
    );
    // An ARN holds ':' and '-', so splitting on them cuts the identifier: not known.
    assert_eq!(ok("split", vec![s(":"), s(&format!("arn:{id}"))]), UNKNOWN);
    assert_eq!(ok("split", vec![s("-"), s(&format!("{id}"))]), UNKNOWN);
    // Other unknown text may hold the separator any number of times.
    assert_eq!(ok("split", vec![s(","), s(&format!("a,{hole}"))]), UNKNOWN);
    assert_eq!(
        ok("split", vec![s(&format!(",{hole}")), s(&format!("{id}"))]),
        UNKNOWN
    );
}

#[test]
fn lookup_copies_identifiers_through_but_not_by_an_unknown_key() {
    use crate::value::ID_HOLE as id;
    use alloc::format;
    let map = Value::Object([("arn".into(), s(&format!("{id}")))].into_iter().collect());
    assert_eq!(
        ok("lookup", vec![map.clone(), s("arn")]),
        s(&format!("{id}"))
    );
    assert_eq!(
        ok(
            "lookup",
            vec![map.clone(), s("name"), s(&format!("x-{id}"))]
        ),
        s(&format!("x-{id}"))
    );
    assert_eq!(
        ok("lookup", vec![map.clone(), s(&format!("{id}")), s("d")]),
        UNKNOWN
    );
    // An index with unknown pieces is not a number that is wrong, just not known.
    assert_eq!(
        ok("element", vec![list(vec![s("a")]), s(&format!("{id}"))]),
        UNKNOWN
    );
}
