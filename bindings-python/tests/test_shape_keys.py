"""The key lists of src/shape.rs cover every decimal and date field the core serializes.

The ledger's outputs are typed by key name (src/shape.rs): a string under a decimal key
becomes a Decimal, one under a date key a date. test_ledger_fixtures.py catches a missed key
in what the fixtures exercise; this test reads the core's source and checks every field of
type Decimal or NaiveDate (plain, Option, Vec or BTreeSet) of every type that derives
`Serialize`, so a field the core adds is caught even before a fixture uses it. (The core
renames no fields with serde, so a field's name is its JSON key.)
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHAPE = ROOT / "bindings-python" / "src" / "shape.rs"
CORE = ROOT / "ar-core" / "src"

FIELD = re.compile(r"^\s*(?:pub(?:\(crate\))?\s+)?(\w+):\s*(?:Option<|Vec<|BTreeSet<)?(Decimal|NaiveDate)>?,", re.M)
DERIVE = re.compile(r"#\[derive\(([^)]*)\)\]")
ITEM = re.compile(r"\b(?:struct|enum)\s+\w+[^{;]*\{")


def keys(name: str) -> set[str]:
    text = SHAPE.read_text(encoding="utf-8")
    block = re.search(rf"const {name}: &\[&str\] = &\[(.*?)\];", text, re.S)
    assert block, f"{name} not found in {SHAPE}"
    return set(re.findall(r'"(\w+)"', block.group(1)))


def serialized_fields() -> dict[str, set[str]]:
    """{"Decimal": {field names}, "NaiveDate": {...}} over the bodies of Serialize types."""
    found: dict[str, set[str]] = {"Decimal": set(), "NaiveDate": set()}
    for path in sorted(CORE.glob("*.rs")):
        text = path.read_text(encoding="utf-8")
        for derive in DERIVE.finditer(text):
            if "Serialize" not in derive.group(1).split(", ") and "Serialize" not in derive.group(1):
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
    assert {"amount", "open", "lines"} <= keys("DECIMAL_KEYS")
    assert {"date", "due_date"} <= keys("DATE_KEYS")
    fields = serialized_fields()
    # a few known fields, so a broken scan cannot pass silently
    assert {"amount", "unapplied_change", "discount_taken", "opening_balance"} <= fields["Decimal"]
    assert {"date", "due_date", "promised_date", "from"} <= fields["NaiveDate"]


def test_every_serialized_decimal_and_date_field_has_its_key() -> None:
    fields = serialized_fields()
    decimal_keys, date_keys = keys("DECIMAL_KEYS"), keys("DATE_KEYS")
    assert not decimal_keys & date_keys, "a key cannot be both"
    assert fields["Decimal"] <= decimal_keys, f"add to DECIMAL_KEYS: {sorted(fields['Decimal'] - decimal_keys)}"
    assert fields["NaiveDate"] <= date_keys, f"add to DATE_KEYS: {sorted(fields['NaiveDate'] - date_keys)}"
    # and no stale entries (a field renamed in the core would leave one behind)
    assert decimal_keys <= fields["Decimal"], f"not a decimal field any more: {sorted(decimal_keys - fields['Decimal'])}"
    assert date_keys <= fields["NaiveDate"], f"not a date field any more: {sorted(date_keys - fields['NaiveDate'])}"
