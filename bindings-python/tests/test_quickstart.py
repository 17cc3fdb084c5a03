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


def test_typecheck_usage_file_runs() -> None:
    runpy.run_path(str(HERE / "typecheck_usage.py"), run_name="__main__")


def test_package_docstring_example() -> None:
    import doctest

    import ar_core

    result = doctest.testmod(ar_core, verbose=False)
    assert result.attempted > 0 and result.failed == 0
