"""Differential test of header acceptance: for JSON and format edge cases (and every seed
of the fuzz corpus), `lathe-cli inspect` accepts a file exactly when safetensors' own
reader (safe_open) does. Where Lathe is deliberately stricter the case says why, and the
test checks that the reference still accepts it (so the note cannot go stale silently).
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import struct
import sys

from safetensors import safe_open

sys.path.insert(0, str(cs.HERE.parent / "fuzz"))
import make_corpus  # noqa: E402  (the fuzz seeds: valid files and one per rejection rule)

T = '"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}'


def with_field(extra):
    """Tensor "a" plus an unknown field "x" (ignored by the reference, but still parsed)."""
    return '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":' + extra + "}}"


# (name, header, data). Header text is written as given, unpadded.
CASES = [
    ("unknown_field_string", with_field('"text"'), b"x"),
    ("unknown_field_nested", with_field('[{"a":[{"b":null}]}, 1.5e-3, -0.0, true]'), b"x"),
    ("unknown_field_u64_max", with_field("18446744073709551615"), b"x"),
    ("unknown_field_i64_min", with_field("-9223372036854775808"), b"x"),
    ("unknown_field_huge_exponent", with_field("1e999"), b"x"),
    # Valid JSON (RFC 8259 sets no integer range); the reference reads an ignored field's big
    # integer as f64 and accepts it.
    ("unknown_field_integer_over_u64", with_field("123456789012345678901234567890"), b"x"),
    ("unknown_field_integer_under_i64", with_field("-9223372036854775809"), b"x"),
    ("negative_zero_in_shape", '{"a":{"dtype":"U8","shape":[-0],"data_offsets":[0,0]}}', b""),
    ("negative_zero_in_offsets", '{"a":{"dtype":"U8","shape":[1],"data_offsets":[-0,1]}}', b"x"),
    ("float_zero_in_shape", '{"a":{"dtype":"U8","shape":[0.0],"data_offsets":[0,0]}}', b""),
    ("exponent_integer_in_shape", '{"a":{"dtype":"U8","shape":[1e0],"data_offsets":[0,1]}}', b"x"),
    ("leading_zero_number", '{"a":{"dtype":"U8","shape":[01],"data_offsets":[0,1]}}', b"x"),
    ("u64_max_times_zero", '{"a":{"dtype":"U8","shape":[18446744073709551615,0],"data_offsets":[0,0]}}', b""),
    ("integer_over_u64", '{"a":{"dtype":"U8","shape":[18446744073709551616,0],"data_offsets":[0,0]}}', b""),
    ("metadata_null", '{"__metadata__":null,' + T + "}", b"x"),
    ("metadata_empty", '{"__metadata__":{},' + T + "}", b"x"),
    ("metadata_escapes", '{"__metadata__":{"k\\u00e9":"\\u0000\\n\\"","1":""},' + T + "}", b"x"),
    ("metadata_key_escaped", '{"\\u005f_metadata__":{"k":"v"},' + T + "}", b"x"),
    ("field_names_escaped", '{"a":{"\\u0064type":"\\u0055\\u0038","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("field_name_case", '{"a":{"Dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("duplicate_field", '{"a":{"dtype":"U8","dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("dtype_not_string", '{"a":{"dtype":true,"shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("offsets_object", '{"a":{"dtype":"U8","shape":[1],"data_offsets":{"0":0,"1":1}}}', b"x"),
    ("shape_nested", '{"a":{"dtype":"U8","shape":[[1]],"data_offsets":[0,1]}}', b"x"),
    ("scalar_f32", '{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', b"\0" * 4),
    ("empty_key", '{"":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("raw_utf8_and_del", '{"🦙\x7f":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("raw_tab_in_string", '{"a\tb":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("lone_surrogate_escape", '{"a\\ud800":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("surrogate_pair_escape", '{"a\\ud83d\\ude00":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("utf8_encoded_surrogate", b'{"a\xed\xa0\x80":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("utf8_overlong", b'{"a\xc0\xaf":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"x"),
    ("bad_escape", with_field('"\\x41"'), b"x"),
    ("byte_order_mark", "\ufeff{" + T + "}", b"x"),
    ("form_feed_before", "\f{" + T + "}", b"x"),
    ("whitespace_around", " \t\r\n{" + T + "}\n\r\t ", b"x"),
    ("nul_padding", "{" + T + "}\0\0\0", b"x"),
    ("trailing_comma", "{" + T + ",}", b"x"),
    ("comment", "{/*c*/" + T + "}", b"x"),
    ("nan_literal", with_field("NaN"), b"x"),
    ("plus_sign", with_field("+1"), b"x"),
    ("two_documents", "{}{}", b""),
    ("empty_text", "", b""),
    ("top_level_number", "1", b""),
    ("metadata_twice", '{"__metadata__":{},"__metadata__":{},' + T + "}", b"x"),
]
# Nesting depth: serde_json stops at 128 levels, the top object and the tensor entry included.
for levels in (125, 126, 200, 1000, 1100):
    CASES.append((f"nesting_{levels + 2}_levels", with_field("[" * levels + "]" * levels), b"x"))

STRICTER = {
    # The format README disallows duplicate keys; serde keeps the last one (spec C.3).
    "dup_tensor": "duplicate tensor keys",
    "dup_meta_key": "duplicate __metadata__ keys",
    # serde's derived Deserialize also takes a struct from a JSON array (["U8",[1],[0,1]]);
    # the format describes tensor entries as objects, and no writer emits arrays.
    "tensor_entry_as_array": "tensor entry as a JSON array",
    # simdjson refuses integers beyond 64 bits anywhere in a document, also in a field the
    # reference ignores; no writer emits them, and refusing is the safe side.
    "unknown_field_integer_over_u64": "an integer beyond 64 bits in an ignored field",
    "unknown_field_integer_under_i64": "an integer beyond 64 bits in an ignored field",
}

# Where Lathe accepts what the reference refuses. Each is checked both ways, so a note here
# goes stale loudly when either side changes.
LENIENT = {
    # serde_json reads -0 as the float -0.0, which is no usize; simdjson reads it as the
    # integer 0 and keeps no trace of the sign, so the parser cannot tell it from 0. The
    # value is the same, so nothing is read wrong.
    "negative_zero_in_shape": "-0 read as 0",
    "negative_zero_in_offsets": "-0 read as 0",
}
CASES.append(("tensor_entry_as_array", '{"a":["U8",[1],[0,1]]}', b"x"))


def reference_verdict(path):
    try:
        with safe_open(path, framework="numpy") as f:
            f.keys()
        return True, ""
    except Exception as e:  # noqa: BLE001 -- any exception is the reference rejecting the file
        return False, f"{type(e).__name__}: {e}"


class TestHeaderEdges(cs.CliTestCase):
    def check(self, name, path):
        ref_ok, ref_error = reference_verdict(path)
        proc = cs.run_cli(["inspect", path, "--json"], cwd=self.tmp)
        lathe_ok = proc.returncode == 0
        if name in STRICTER:
            self.assertTrue(ref_ok, f"{name}: Lathe is stricter here ({STRICTER[name]}) on the premise that the "
                                    f"reference accepts it, but it rejects it now: {ref_error}")
            self.assertEqual(proc.returncode, 2, f"{name}: expected Lathe to reject ({STRICTER[name]})\n{cs.describe(proc)}")
            return
        if name in LENIENT:
            self.assertFalse(ref_ok, f"{name}: noted as Lathe accepting what the reference refuses "
                                     f"({LENIENT[name]}), but the reference accepts it now")
            self.assertEqual(proc.returncode, 0, f"{name}: expected Lathe to accept ({LENIENT[name]})\n{cs.describe(proc)}")
            return
        if ref_ok and not lathe_ok:
            self.fail(f"{name}: the reference accepts this file, lathe-cli rejects it\n{cs.describe(proc)}")
        if lathe_ok and not ref_ok:
            self.fail(f"{name}: the reference rejects this file ({ref_error}), lathe-cli accepts it\n{cs.describe(proc)}")
        if not lathe_ok:
            self.assertEqual(proc.returncode, 2, f"{name}: a rejected file is bad input (exit 2)\n{cs.describe(proc)}")
            self.assertTrue(proc.stderr.startswith("error: ") and path.name in proc.stderr, cs.describe(proc))
        else:
            got = cs.strict_json(proc.stdout)
            with safe_open(path, framework="numpy") as f:
                self.assertEqual(sorted(t["name"] for t in got["tensors"]), sorted(f.keys()), f"{name}: tensor names")

    def test_edge_cases(self):
        for name, header, data in CASES:
            body = header if isinstance(header, bytes) else header.encode("utf-8", "surrogatepass")
            path = self.tmp / f"{name}.safetensors"
            path.write_bytes(struct.pack("<Q", len(body)) + body + data)
            with self.subTest(case=name):
                self.check(name, path)

    def test_fuzz_seeds(self):
        for name, data in make_corpus.seeds():
            path = self.tmp / f"seed_{name}.safetensors"
            path.write_bytes(data)
            with self.subTest(seed=name):
                self.check(name, path)


if __name__ == "__main__":
    cs.main()
