"""The shared ledger fixtures (fixtures/ledger/*.json) through the Python API.

Each case replays its events into an `Account` the way fixtures/README.md says: drafts are
issued with `issue_simple` / `issue_invoice` (default schedule options) and the returned
document dict (Decimal amounts, date dates) goes straight back into a `document_issued`
event; events dated after `as_of` are skipped; an event expecting an error must raise an
`ArCoreError` of that kind and leave `Account.to_json()` byte-identical. Outputs are compared
by subset in their JSON form (Decimal as its exact string, date ISO).

Every output of every case is also checked for strings that look like decimals or dates:
such a string means the key it sits under is missing from src/shape.rs.
"""

import json
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ledger_support import assert_native, jsonish, mismatches

import ar_core

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ledger"
CASES = sorted(FIXTURES.glob("*.json"))
CASE_KEYS = {"name", "kind", "source", "config", "events", "as_of", "expect"}
EVENT_KEYS = {"id", "date", "body", "issue_simple", "issue_invoice", "expect_applied", "expect_error"}
EXPECT_KEYS = {
    "open_items",
    "balance",
    "unapplied_cash",
    "disputed_total",
    "payments",
    "documents",
    "history",
    "reporting_balance",
    "realized_fx",
    "statement",
}

def load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return case


def event_of(raw: dict[str, Any]) -> dict[str, Any]:
    """The event to apply; drafts are issued here (and may raise, for `expect_error`)."""
    given = [k for k in ("body", "issue_simple", "issue_invoice") if k in raw]
    assert len(given) == 1, f"event {raw['id']}: exactly one of body, issue_simple, issue_invoice"
    if "body" in raw:
        body = raw["body"]
    else:
        if "issue_simple" in raw:
            document = ar_core.issue_simple(raw["issue_simple"])
        else:
            document, totals = ar_core.issue_invoice(raw["issue_invoice"])
            assert_native(totals, "totals")
            assert totals["net"] + totals["tax"] == totals["gross"] == document["total"]
        assert assert_native(document, "document") > 0
        body = {"type": "document_issued", "document": document}
    return {"id": raw["id"], "date": raw["date"], "body": body}


def test_fixtures_are_there() -> None:
    assert CASES, f"no fixtures found in {FIXTURES}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_ledger_fixture(path: Path) -> None:
    case = load(path)
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    assert case["name"] == path.stem and case["kind"] == "ledger"
    assert case["source"].strip(), "every case says where its expectation comes from"
    expect = case["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expect keys {set(expect) - EXPECT_KEYS}"
    config = case["config"]
    as_of = date.fromisoformat(case["as_of"])
    problems: list[str] = []

    account = ar_core.Account(config)
    applied_events: list[dict[str, Any]] = []  # accepted, as of as_of: for replay
    history: list[dict[str, Any]] = []  # every event not expecting an error: for statement
    for raw in case["events"]:
        assert set(raw) <= EVENT_KEYS, f"event {raw['id']}: unknown keys {set(raw) - EVENT_KEYS}"
        assert not ("expect_error" in raw and "expect_applied" in raw)
        if "expect_error" not in raw:
            history.append(event_of(raw))
        if date.fromisoformat(raw["date"]) > as_of:
            continue  # Account.replay semantics: skipped, checks included
        what = f"event {raw['id']}"
        if "expect_error" in raw:
            before = account.to_json()
            with pytest.raises(ar_core.ArCoreError) as err:
                account.apply(event_of(raw))
            if err.value.kind != raw["expect_error"]:
                problems.append(f"{what}: expected error {raw['expect_error']}, got {err.value.kind}: {err.value}")
            if account.to_json() != before:
                problems.append(f"{what}: rejected, but the account JSON changed")
            continue
        event = history[-1]
        applied = account.apply(event)
        applied_events.append(event)
        assert_native(applied, f"{what} applied")
        if "expect_applied" in raw:
            problems += mismatches(raw["expect_applied"], jsonish(applied), f"{what} expect_applied")

    outputs: dict[str, Any] = {
        "open_items": account.open_items(),
        "balance": account.balance(),
        "unapplied_cash": account.unapplied_cash(),
        "disputed_total": account.disputed_total(),
        "open_disputes": account.open_disputes(),
        "payments": account.payments(),
        "documents": account.documents(),
        "write_offs": account.write_offs(),
        "promises": account.promises(),
        "rates": account.rates(),
        "realized_fx": account.realized_fx(),
        "config": account.config,
        "as_of": account.as_of,
    }
    try:
        # revalued on as_of (fixtures/README.md); without a rate in force this is missing_rate
        outputs["reporting_balance"] = account.reporting_balance(as_of)
    except ar_core.FxError as e:
        assert e.kind == "missing_rate"
        assert "reporting_balance" not in expect, str(e)
    for key in ("balance", "unapplied_cash", "disputed_total", "realized_fx"):
        assert isinstance(outputs[key], Decimal)
    if "open_items" in expect:
        problems += mismatches(expect["open_items"], jsonish(outputs["open_items"]), "open_items")
    for key in ("balance", "unapplied_cash", "disputed_total"):
        if key in expect:
            problems += mismatches(expect[key], jsonish(outputs[key]), key)
    for key, lookup in (("payments", account.payment), ("documents", account.document), ("history", account.history)):
        for id_, want in expect.get(key, {}).items():
            problems += mismatches(want, jsonish(lookup(id_)), f"{key}.{id_}")
    if "realized_fx" in expect:
        problems += mismatches(expect["realized_fx"], jsonish(outputs["realized_fx"]), "realized_fx")
    if "reporting_balance" in expect:
        problems += mismatches(expect["reporting_balance"], jsonish(outputs["reporting_balance"]), "reporting_balance")
    if "statement" in expect:
        st = expect["statement"]
        outputs["statement"] = ar_core.statement(
            config,
            history,
            date.fromisoformat(st["from"]),
            date.fromisoformat(st["to"]),
            options=st.get("options"),
        )
        problems += mismatches(st["expect"], jsonish(outputs["statement"]), "statement")

    # no decimal or date left behind as a str, anywhere
    assert_native(outputs, "outputs")
    # the state survives JSON, pickling and a replay of the accepted events
    state = account.to_json()
    assert ar_core.Account.from_json(state).to_json() == state
    assert pickle.loads(pickle.dumps(account)).to_json() == state
    assert ar_core.Account.replay(config, applied_events, as_of).to_json() == state

    assert not problems, "\n".join(problems)
