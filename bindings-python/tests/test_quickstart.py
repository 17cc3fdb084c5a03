"""The README quickstart and the type-checking usage file run as they are."""

import runpy
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_quickstart_prints_the_schedules() -> None:
    out = subprocess.run(
        [sys.executable, str(HERE.parent / "examples" / "quickstart.py")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # 15 Jan 2024 + 30 days = 14 Feb; 2 % of 1234.56 = 24.69; 1234.56 - 24.69 = 1209.87
    assert out[0] == "2/10 Net 30: 1234.56 USD due 2024-02-14"
    assert out[1] == "  or 1209.87 if paid by 2024-01-25 (discount 24.69)"
    # 30 % of 999.99 = 299.997 -> 300.00 due Wed 10 Jul 2024; balance 699.99 at the end of
    # August: Sat 31 Aug 2024, rolled following to Mon 2 Sep
    assert out[2].startswith("2024-07-10    300.00 EUR")
    assert out[3].startswith("2024-09-02    699.99 EUR")
    assert "rolled following to 2024-09-02 (Mon)" in out[3]
    assert out[4].startswith("TypeError: `amount` must be a decimal.Decimal or an int, not a float")


def test_ledger_quickstart_prints_the_issue_case() -> None:
    out = subprocess.run(
        [sys.executable, str(HERE.parent / "examples" / "ledger_quickstart.py")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # INV-1 1 Jan + 60 = 1 Mar, INV-2 2 Jan + 30 = 1 Feb, INV-3 3 Jan + 43 = 15 Feb; 1000.00
    # oldest due first: INV-2 400.00, INV-3 400.00, INV-1 1000 - 800 = 200.00, 200.00 left open
    assert out[:5] == ["INV-2: 400.00", "INV-3: 400.00", "INV-1: 200.00", "open: INV-1 due 2024-03-01: 200.00", "balance: 200.00"]
    # the bounce reopens exactly what the payment closed: 3 x 400.00 = 1200.00
    assert out[5:7] == ["restored: INV-2 400.00, INV-3 400.00, INV-1 200.00", "balance: 1200.00"]
    assert out[7] == "rejected (unknown_payment): unknown payment `P-9`"
    # January: +400 x 3 = 1200.00, -1000.00 = 200.00, +1000.00 = 1200.00; all due after 31 Jan
    # (current); due within 14 days of 31 Jan: INV-2 on 1 Feb
    assert [line.split()[-1] for line in out[8:13]] == ["400.00", "800.00", "1200.00", "200.00", "1200.00"]
    assert out[12].startswith("2024-01-25  payment P-1 reversed: bounced")
    assert out[13:] == ["aging: current 1200.00", "due soon: INV-2 2024-02-01 400.00"]


def test_discounts_plans_interest_example_prints_the_issue_figures() -> None:
    out = subprocess.run(
        [sys.executable, str(HERE.parent / "examples" / "discounts_plans_interest.py")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    # 2/98 x 365/20 = 37.24 %; (100/98)^(365/20) - 1 = 44.59 %
    assert out[0] == "2/10 net 30: 37.24 % simple, 44.59 % compounded a year"
    # 1 210.00 - 2 % of the net 1 000.00 = 1 190.00
    assert out[1] == "early 1190.00, late 1210.00"
    assert out[2] == "plan: 2024-01-31 333.34, 2024-02-29 333.33, 2024-03-31 333.33"
    # 333.33 due 29 Feb unpaid on 15 Mar: 15 days
    assert out[3] == "status: in_arrears, 333.33 overdue, 15 days"
    # 1 000.00 x 10 % x 15/365 and 600.00 x 10 % x 45/365: 300/73 + 540/73 = 840/73 = 11.51
    assert out[4:7] == [
        "  2024-02-01..2024-02-15: 1000.00 x 10 % x 3/73 = 4.11",
        "  2024-02-16..2024-03-31: 600.00 x 10 % x 9/73 = 7.40",
        "interest 11.51 (exactly 840/73)",
    ]
    # the fee job runs twice and charges once: 1 200.00 + 25.00
    assert out[7:] == ["run 1: charged 25.00", "run 2: charged 0.00", "balance: 1225.00"]


def test_typecheck_usage_file_runs() -> None:
    runpy.run_path(str(HERE / "typecheck_usage.py"), run_name="__main__")


def test_package_docstring_example() -> None:
    import doctest

    import ar_core

    result = doctest.testmod(ar_core, verbose=False)
    assert result.attempted > 0 and result.failed == 0
