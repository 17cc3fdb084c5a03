"""The key lists of src/shape.rs cover every decimal, date and fraction field the core serializes.

Outputs are typed by key name (src/shape.rs): a string under a decimal key becomes a Decimal,
one under a date key a date, one under a fraction key a fractions.Fraction; under a key that is
a decimal in some types and a date in others (DECIMAL_OR_DATE_KEYS: `from`), whichever the
string reads as. The fixture runners catch a missed key in what the fixtures exercise; this
test reads the core's source and checks every field of type Decimal, NaiveDate or Fraction
(plain, Option, Vec or BTreeSet) of every type that derives `Serialize`, so a field the core
adds is caught even before a fixture uses it. (The core renames no fields with serde, so a
field's name is its JSON key.)
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHAPE = ROOT / "bindings-python" / "src" / "shape.rs"
CORE = ROOT / "ar-core" / "src"

KINDS = ("Decimal", "NaiveDate", "Fraction")
FIELD = re.compile(r"^\s*(?:pub(?:\(crate\))?\s+)?(\w+):\s*(?:Option<|Vec<|BTreeSet<)?(Decimal|NaiveDate|Fraction)>?,", re.M)
DERIVE = re.compile(r"#\[derive\(([^)]*)\)\]")
ITEM = re.compile(r"\b(?:struct|enum)\s+\w+[^{;]*\{")


def keys(name: str) -> set[str]:
    text = SHAPE.read_text(encoding="utf-8")
    block = re.search(rf"const {name}: &\[&str\] = &\[(.*?)\];", text, re.S)
    assert block, f"{name} not found in {SHAPE}"
    # only the quoted keys, not words in the comments
    return set(re.findall(r'"(\w+)"', re.sub(r"//.*", "", block.group(1))))


def serialized_fields() -> dict[str, set[str]]:
    """{"Decimal": {field names}, "NaiveDate": {...}, "Fraction": {...}} over the bodies of
    Serialize types."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path in sorted(CORE.glob("*.rs")):
        text = path.read_text(encoding="utf-8")
        for derive in DERIVE.finditer(text):
            if "Serialize" not in derive.group(1):
                continue
            item = ITEM.search(text, derive.end())
            if item is None:
                continue
            # the item's body: up to the matching closing brace
            depth, i = 1, item.end()
            while depth and i < len(text):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            body = text[item.end() : i]
            for m in FIELD.finditer(body):
                found[m.group(2)].add(m.group(1))
    return found


def test_key_lists_are_found() -> None:
    assert {"amount", "open", "lines", "minimum"} <= keys("DECIMAL_KEYS")
    assert {"date", "due_date", "through"} <= keys("DATE_KEYS")
    assert keys("DECIMAL_OR_DATE_KEYS") == {"from"}
    assert keys("FRACTION_KEYS") == {"interest_exact", "total_exact", "year_fraction"}
    fields = serialized_fields()
    # a few known fields, so a broken scan cannot pass silently
    assert {"amount", "unapplied_change", "discount_taken", "opening_balance", "margin"} <= fields["Decimal"]
    assert {"date", "due_date", "promised_date", "from", "rate_from"} <= fields["NaiveDate"]
    assert {"year_fraction", "total_exact"} <= fields["Fraction"]


def test_every_serialized_decimal_date_and_fraction_field_has_its_key() -> None:
    fields = serialized_fields()
    decimal_keys, date_keys = keys("DECIMAL_KEYS"), keys("DATE_KEYS")
    both_keys, fraction_keys = keys("DECIMAL_OR_DATE_KEYS"), keys("FRACTION_KEYS")
    lists = [decimal_keys, date_keys, both_keys, fraction_keys]
    for i, a in enumerate(lists):
        for b in lists[i + 1 :]:
            assert not a & b, f"a key is in two lists: {sorted(a & b)}"
    decimal_fields, date_fields = fields["Decimal"], fields["NaiveDate"]
    assert decimal_fields <= decimal_keys | both_keys, f"add to DECIMAL_KEYS: {sorted(decimal_fields - decimal_keys - both_keys)}"
    assert date_fields <= date_keys | both_keys, f"add to DATE_KEYS: {sorted(date_fields - date_keys - both_keys)}"
    assert fields["Fraction"] <= fraction_keys, f"add to FRACTION_KEYS: {sorted(fields['Fraction'] - fraction_keys)}"
    # a key of both kinds belongs in DECIMAL_OR_DATE_KEYS, and only there
    assert decimal_fields & date_fields <= both_keys, f"move to DECIMAL_OR_DATE_KEYS: {sorted(decimal_fields & date_fields - both_keys)}"
    # and no stale entries (a field renamed in the core would leave one behind)
    assert decimal_keys <= decimal_fields, f"not a decimal field any more: {sorted(decimal_keys - decimal_fields)}"
    assert date_keys <= date_fields, f"not a date field any more: {sorted(date_keys - date_fields)}"
    assert both_keys <= decimal_fields & date_fields, f"not of both kinds any more: {sorted(both_keys - (decimal_fields & date_fields))}"
    assert fraction_keys <= fields["Fraction"], f"not a fraction field any more: {sorted(fraction_keys - fields['Fraction'])}"
    # a fraction key is never a decimal or date field too (it would be typed by one rule only)
    assert not fraction_keys & (decimal_fields | date_fields)
