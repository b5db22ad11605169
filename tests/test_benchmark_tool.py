"""The benchmark's judging logic (tools/benchmark.py): pure helpers only, no kernel is started.

The benchmark itself is not part of the test suite: its timings depend on the machine.
"""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import benchmark as bench  # noqa: E402


def test_median_of_an_even_number_of_runs_is_the_mean_of_the_middle_two():
    assert bench.median([3.0, 1.0, 10.0, 2.0]) == 2.5


def test_median_ignores_one_slow_outlier():
    assert bench.median([2.0, 2.1, 2.2, 2.0, 9.0]) == 2.1


def test_median_of_no_runs_is_an_error():
    with pytest.raises(ValueError):
        bench.median([])


def test_ratio_is_time_over_floor_and_refuses_a_zero_floor():
    assert bench.ratio(3.0, 2.0) == 1.5
    with pytest.raises(ValueError):
        bench.ratio(3.0, 0.0)


def test_course_ratio_compares_with_one_floor_per_notebook():
    # Three notebooks of 2, 3 and 4 s against a 2 s floor: 9 s over 6 s.
    assert bench.course_ratio([2.0, 3.0, 4.0], 2.0) == 1.5


@pytest.mark.parametrize(
    ("key", "value", "met"),
    [
        ("ratio", 1.5, True),  # "within 1.5x" includes 1.5x
        ("ratio", 1.51, False),
        ("course_ratio", 2.0, True),
        ("course_ratio", 2.01, False),
        ("peak_rss", 249.9, True),
        ("peak_rss", 250.0, False),  # "under 250 MB" excludes 250
        ("committed_size", 200.0, False),
        ("executed_size", 1.99, True),
        ("summitlab_import", 0.3, False),
        ("failures", 0, True),
        ("failures", 1, False),
    ],
)
def test_each_target_draws_its_line_where_the_issue_says(key, value, met):
    assert bench.TARGETS[key].met(value) is met


def test_a_notebook_within_every_target_misses_nothing():
    assert bench.notebook_misses(time_ratio=1.2, peak_rss_mb=160, committed_kb=12, executed_mb=0.2) == []


def test_every_missed_target_of_a_notebook_is_flagged():
    misses = bench.notebook_misses(time_ratio=1.7, peak_rss_mb=300, committed_kb=250, executed_mb=2.5)
    assert misses == ["ratio", "peak_rss", "committed_size", "executed_size"]


def test_only_the_missed_target_is_flagged():
    assert bench.notebook_misses(time_ratio=1.1, peak_rss_mb=251, committed_kb=12, executed_mb=0.2) == ["peak_rss"]


def test_peak_memory_is_read_from_vmhwm_not_vmrss():
    status = "Name:\tpython\nVmPeak:\t 900000 kB\nVmHWM:\t  153000 kB\nVmRSS:\t  150000 kB\n"
    assert bench.parse_vmhwm(status) == 153000 * 1024


def test_a_status_without_vmhwm_is_an_error():
    with pytest.raises(ValueError):
        bench.parse_vmhwm("Name:\tpython\nVmRSS:\t 150000 kB\n")


def test_requirement_names_skip_comments_options_and_pins(tmp_path):
    reqs = tmp_path / "requirements.txt"
    reqs.write_text("# runtime\n-r other.txt\npandas==3.1.1\naltair[all]>=6  # charts\nnbval ; python_version>'3'\n\n")
    assert bench.requirement_names(reqs) == ["pandas", "altair", "nbval"]


def test_a_failure_is_summed_up_by_its_last_line_without_colour_codes():
    error = RuntimeError("An error occurred:\n\x1b[31mTraceback\x1b[0m\n...\n\x1b[31mKeyError\x1b[0m: 'events'\n")
    assert bench.failure_summary(error) == "KeyError: 'events'"


def test_a_cell_error_is_summed_up_by_the_kernels_exception_on_one_line():
    class CellError(Exception):
        ename = "ValueError"
        evalue = "time data '2019' doesn't match format\n  - passing `format='mixed'`"

    summary = bench.failure_summary(CellError("long traceback with the cell's source"))
    assert summary == "ValueError: time data '2019' doesn't match format - passing `format='mixed'`"


def test_kernel_cpu_time_is_user_plus_system_ticks_even_with_spaces_in_the_name():
    # proc(5): pid (comm) state ppid ... field 14 utime, field 15 stime; comm may hold ") ".
    fields_3_to_13 = "S 1 1 1 0 -1 4194304 100 0 0 0"
    stat = f"4242 (python -m x) y) {fields_3_to_13} 250 40 0 0 20 0 3 0 99 1000 200"
    assert bench.parse_cpu_seconds(stat, ticks_per_second=100) == 2.9
