"""Running a check: every sub-check, in order, passed or failed with its message; the time limit
(SIGALRM on the main thread, a watched thread elsewhere); the learner's own line for an exception
in the learner's code, and never a traceback."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from recall_widgets.checking import (
    CheckResult,
    Checks,
    Learner,
    expect,
    fail,
    resolve_check,
    run_check,
)
from recall_widgets.checking.limit import TimeLimit, alarm_available, time_limited
from recall_widgets.checking.runner import CheckError

checks = Checks()


@checks.sub("`double` is a function")
def _defined(learner: Learner) -> None:
    learner.function("double")


@checks.sub("double(2) is 4")
def _two(learner: Learner) -> None:
    got = learner.call("double", 2, why="return x * 2")
    expect(got == 4, f"double(2) returned {got!r}, expected 4")


@checks.sub("double(-1) is -2")
def _minus(learner: Learner) -> None:
    got = learner.call("double", -1)
    if got != -2:
        fail(f"double(-1) returned {got!r}, expected -2")


not_checks = "a plain string"


def learner_cells(tmp_path: Path, source: str) -> dict[str, Any]:
    """The names ``source`` defines, run from a file as a learner's code is (its own lines)."""
    path = tmp_path / "cell.py"
    path.write_text(source, encoding="utf-8")
    names: dict[str, Any] = {}
    exec(compile(source, str(path), "exec"), names)
    return names


def test_every_subcheck_runs_in_order_and_what_is_shown_decides(tmp_path: Path) -> None:
    result = run_check(checks, learner_cells(tmp_path, "def double(x):\n    return x + 2\n"))
    assert result.messages == [
        "✓ `double` is a function",
        "✓ double(2) is 4",
        "✗ double(-1) is -2: double(-1) returned 1, expected -2",
    ]
    assert not result.passed and result.failed == ["double(-1) is -2"]
    assert result.value == {"passed": False, "failed": ["double(-1) is -2"], "total": 3}
    good = run_check(checks, learner_cells(tmp_path, "def double(x):\n    return 2 * x\n"))
    assert good.passed and good.value == {"passed": True, "failed": [], "total": 3}


def test_a_missing_name_fails_each_subcheck_saying_what_to_define() -> None:
    result = run_check(checks, {"double": 3})
    assert result.failed == list(checks.names)
    assert (
        result.subchecks[0].message
        == "double is int, not a function: define it with def double(...)"
    )
    missing = run_check(checks, {})
    assert all("your cells do not define double yet" in s.message for s in missing.subchecks)


def test_an_exception_in_the_learners_code_names_the_learners_line(tmp_path: Path) -> None:
    source = "def double(x):\n    half = x / 0\n    return half\n"
    result = run_check(checks, learner_cells(tmp_path, source))
    assert result.subchecks[1].message == (
        "double(2): your code raised ZeroDivisionError: division by zero at cell.py, line 2: "
        "half = x / 0; return x * 2"
    )
    assert "Traceback" not in repr(result) and "runner.py" not in repr(result)


def test_an_exception_in_a_notebook_cell_is_named_as_ipython_names_it() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell("x = 1")
        shell.run_cell("def double(x):\n    return x.nope\n", store_history=True).raise_error()
        number = shell.execution_count - 1
        result = run_check(checks, shell.user_ns)
    finally:
        InteractiveShell.clear_instance()
    assert result.subchecks[1].message.startswith(
        f"double(2): your code raised AttributeError: 'int' object has no attribute 'nope' at "
        f"Cell In[{number}], line 2: return x.nope"
    )


def test_a_checks_own_error_is_one_line_not_a_traceback() -> None:
    broken = Checks()

    @broken.sub("the check itself breaks")
    def _broken(_learner: Learner) -> None:
        {}["missing"]

    (sub,) = run_check(broken, {}).subchecks
    assert sub.message == "raised KeyError: 'missing'"


def test_what_the_learners_code_printed_is_kept(tmp_path: Path) -> None:
    source = "def double(x):\n    print('doubling', x)\n    return 2 * x\n"
    result = run_check(checks, learner_cells(tmp_path, source))
    assert result.passed and result.output == "doubling 2\ndoubling -1\n"


LOOP = (
    "def double(x):\n"
    "    while True:\n"
    "        try:\n"
    "            pass\n"
    "        except Exception:  # a learner's catch-all does not swallow the limit\n"
    "            pass\n"
)


def test_an_endless_loop_is_stopped_at_the_limit_on_the_main_thread(tmp_path: Path) -> None:
    assert alarm_available()
    before = signal.getsignal(signal.SIGALRM)
    result = run_check(checks, learner_cells(tmp_path, LOOP), time_limit=0.3)
    assert result.stopped and not result.passed
    assert [s.message for s in result.subchecks] == [
        "",
        "stopped after 0.3 s, the time limit: is there an endless loop?",
        "not run: the check was stopped at the time limit",
    ]
    assert signal.getsignal(signal.SIGALRM) is before  # the kernel's handler is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def in_a_thread(work: Any) -> Any:
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    thread.join()
    return out[0]


def test_off_the_main_thread_a_python_loop_is_stopped_by_a_watched_thread(tmp_path: Path) -> None:
    names = learner_cells(tmp_path, LOOP)
    result: CheckResult = in_a_thread(lambda: run_check(checks, names, time_limit=0.3))
    assert result.stopped
    assert result.subchecks[1].message == (
        "stopped after 0.3 s, the time limit: is there an endless loop?"
    )


def test_off_the_main_thread_code_blocked_in_c_is_reported_still_running(tmp_path: Path) -> None:
    names = learner_cells(tmp_path, "import time\ndef double(x):\n    time.sleep(2)\n")
    result: CheckResult = in_a_thread(lambda: run_check(checks, names, time_limit=0.2))
    assert result.stopped
    assert "still runs in the background: restart the kernel" in result.subchecks[1].message


def test_the_time_limit_returns_the_work_and_passes_its_errors_on() -> None:
    assert time_limited(lambda: 42, 1.0) == 42
    assert in_a_thread(lambda: time_limited(lambda: 43, 1.0)) == 43
    with pytest.raises(ValueError, match="more than 0 seconds"):
        time_limited(lambda: None, 0)
    assert issubclass(TimeLimit, BaseException) and not issubclass(TimeLimit, Exception)


@pytest.mark.parametrize(
    ("reference", "says"),
    [
        ("no_such_module_here:checks", "cannot import 'no_such_module_here'"),
        ("test_runner:nothing", "test_runner.nothing is nothing, not a"),
        ("test_runner:not_checks", "test_runner.not_checks is str, not a"),
        ("test_runner", "is not module:attribute"),
    ],
)
def test_a_check_that_cannot_be_used_says_why(reference: str, says: str) -> None:
    with pytest.raises(CheckError, match=says):
        resolve_check(reference)


def test_a_check_resolves_to_its_checks() -> None:
    assert resolve_check("test_runner:checks") is checks


def test_subcheck_names_are_distinct_and_readable() -> None:
    named = Checks()
    named.sub("one")(lambda _learner: None)
    with pytest.raises(ValueError, match="already called 'one'"):
        named.sub("one")
    with pytest.raises(ValueError, match="needs a name"):
        named.sub("  ")
    assert named.names == ("one",) and len(named) == 1 and "1 sub-checks" in repr(named)
