"""The plain-language error helper (summitlab.errors), run in an in-process IPython shell.

Each common error gets one line starting "In plain words:" *above* IPython's own traceback,
which must still be shown in full; any other error passes through exactly as without the
helper; switching it off removes the line; the helper never raises.
"""

import re
import warnings

import pytest
from IPython.core.interactiveshell import InteractiveShell

from summitlab import errors

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_cell("import pandas as pd\nimport altair as alt", store_history=False)
    yield ip
    errors.explain_errors(False)


@pytest.fixture
def run(shell, capsys):
    """Run a cell with the helper on (or off); return everything it printed, colours stripped."""

    def _run(code, on=True):
        errors.explain_errors(on)
        capsys.readouterr()
        shell.run_cell(code, store_history=False)
        out = capsys.readouterr()
        errors.explain_errors(False)
        return ANSI.sub("", out.err + out.out)

    return _run


def _line(output):
    return next((line for line in output.splitlines() if line.startswith(errors.PREFIX)), None)


LAUNCHES = "launches = pd.DataFrame({'missile_class': ['ICBM'], 'date_utc': pd.to_datetime(['2017-11-28'])})\n"


@pytest.mark.parametrize("code, error, words", [
    (LAUNCHES + "launches['missle_class']", "KeyError", ["'missle_class'", "Did you mean 'missile_class'"]),
    ("print(by_class_not_defined_yet)", "NameError", ["'by_class_not_defined_yet'", "run the cells above first"]),
    ("n_tests = len(____)", "NameError", ["____ blank", "replace each ____"]),
    (LAUNCHES + "launches[launches['date_utc'] > 2017]", "TypeError", ["pd.Timestamp", ".dt.year"]),
    (LAUNCHES + "launches['date_utc'].iloc[0] > '2017-01-01'", "TypeError", ["pd.Timestamp"]),
    (LAUNCHES + "launches[launches['missile_class'] == 'ICBM' and launches['date_utc'].dt.year == 2017]",
     "ValueError", ["&", "|", "parentheses"]),
    # & binds more tightly than == and >=: pandas then refuses 'ICBM' & a column, or '2017-01-01' & dates.
    (LAUNCHES + "launches[launches['missile_class'] == 'ICBM' & launches['date_utc'].dt.year == 2017]",
     "TypeError", ["parentheses", "(a > 1) & (b < 3)"]),
    (LAUNCHES + "launches[launches['date_utc'] >= '2017-01-01' & launches['date_utc'] < '2018-01-01']",
     "TypeError", ["parentheses", "(a > 1) & (b < 3)"]),
    (LAUNCHES + "launches[launches['missile_class'] == 'ICBM' | launches['missile_class'] == 'IRBM']",
     "TypeError", ["parentheses"]),
    (LAUNCHES + "alt.Chart(launches).mark_bar().encode(x='missile_class:Z').to_dict()", "ValueError",
     ["'Z'", "Q (number)"]),
    (LAUNCHES + "alt.Chart(launches).mark_bar().encode(x='missile_clas').to_dict()", "ValueError",
     ["'missile_clas'", "Did you mean 'missile_class'"]),
    (LAUNCHES + "alt.Chart(launches).mark_bar().encode(colour='missile_class:N')", "TypeError",
     ["'colour'", "Did you mean color"]),
    (LAUNCHES + "alt.Chart(launches).mark_bar(colr='red').to_dict()", "SchemaValidationError",
     ["'colr'", "MarkDef"]),
    (LAUNCHES + "alt.Chart(launches).mark_bars()", "AttributeError", ["'mark_bars'", "mark_bar"]),
])
def test_a_common_error_gets_one_plain_line_above_the_full_traceback(run, code, error, words):
    output = run(code)
    line = _line(output)
    assert line is not None, output
    for word in words:
        assert word in line, line
    assert [l for l in output.splitlines() if l.startswith(errors.PREFIX)] == [line]  # one line only
    # The traceback is still there, after the line: the error's type and the failing code.
    assert error in output and output.index(line) < output.index(error)
    assert "Traceback" in output or "----" in output


def test_an_error_raised_while_a_chart_is_drawn_is_explained_too(run):
    # The chart is built fine; Altair validates it only when the notebook draws it.
    output = run(LAUNCHES + "alt.Chart(launches).mark_bar().encode(x=alt.X('missile_class:N', sort='big'))")
    line = _line(output)
    assert line is not None and "'big'" in line and "`sort`" in line, output
    assert "SchemaValidationError" in output


def test_a_chart_of_pandas_periods_is_explained_when_it_is_drawn(run):
    # Altair keeps the Period objects in the spec; turning it into JSON for the browser fails.
    output = run("monthly = pd.DataFrame({'month': pd.period_range('2018-01', periods=3, freq='M'), 'n': [1, 2, 3]})\n"
                 "alt.Chart(monthly).mark_bar().encode(x='month:T', y='n:Q')")
    line = _line(output)
    assert line is not None and "Period" in line and ".dt.to_timestamp()" in line, output
    assert "JSON" in output.replace(line, "")  # the error itself is still shown


def test_chained_assignment_warning_gets_a_plain_line_and_is_still_shown(shell, capsys):
    shown = []
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda message, category, *rest: shown.append(category.__name__)
        errors.explain_errors()
        capsys.readouterr()
        shell.run_cell(LAUNCHES + "launches[launches['missile_class'] == 'ICBM']['missile_class'] = 'IRBM'",
                       store_history=False)
        output = capsys.readouterr()
        errors.explain_errors(False)
    line = _line(ANSI.sub("", output.err))
    assert line is not None and ".loc" in line, output
    assert shown and shown[0] in {"ChainedAssignmentError", "SettingWithCopyWarning"}  # pandas' own warning


@pytest.mark.parametrize("code", [
    "1 / 0",                               # a type the helper does not handle at all
    "int('twelve')",                       # a handled type (ValueError) it does not recognise
    "{1: 'a'}[2]",                         # a KeyError that is not about a column name
    "raise TypeError('something else')",
])
def test_an_unexpected_error_passes_through_unchanged(run, code):
    with_helper, without = run(code, on=True), run(code, on=False)
    assert _line(with_helper) is None
    assert with_helper == without


def test_switching_off_removes_the_line_and_the_hooks(shell, run):
    assert errors.explain_errors(True) is True
    assert errors.explain_errors(False) is False
    assert shell.custom_exceptions == () and "showtraceback" not in shell.__dict__
    output = run("print(not_defined_anywhere)", on=False)
    assert _line(output) is None and "NameError" in output


def test_switching_on_twice_gives_one_line(shell, capsys):
    errors.explain_errors()
    errors.explain_errors()
    capsys.readouterr()
    shell.run_cell("print(still_not_defined)", store_history=False)
    output = capsys.readouterr()
    errors.explain_errors(False)
    assert (output.err + output.out).count(errors.PREFIX) == 1


def test_the_helper_never_raises_even_when_explaining_fails(run):
    code = (
        "class Odd(KeyError):\n"
        "    def __str__(self):\n"
        "        raise RuntimeError('cannot print me')\n"
        "raise Odd('x')"
    )
    output = run(code)
    assert "Odd" in output  # IPython still reports the error itself


def test_outside_ipython_it_does_nothing(monkeypatch):
    monkeypatch.setattr(errors, "_shell", lambda: None)
    assert errors.explain_errors() is False


def test_use_theme_switches_it_on_and_one_call_switches_it_off(shell):
    import summitlab as sl

    sl.use_theme()
    try:
        assert shell.custom_exceptions and shell.CustomTB is not None
    finally:
        assert sl.explain_errors(False) is False
    assert shell.custom_exceptions == ()
