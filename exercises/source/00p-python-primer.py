# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 00p — Python primer: one small exercise per idea
#
# These eleven exercises go with the [Python primer](../notebooks/00p-python-primer.ipynb),
# one per section. Each is tiny: one or two lines of code.
#
# **How the help fades.** Each exercise says its level:
# - **guided** — a skeleton of the code is given as a comment under `answer = ...`: remove the
#   `# ` at the start of its lines and replace each `____` with what is missing;
# - **partly guided** — a comment names the methods to use, and you write the code;
# - **open** — only the question.
#
# Leave the `answer = ...` line where it is: the line you write below it replaces the answer. Stuck?
# See [the page for when you are stuck](../docs/stuck.md). Estimated time: 40 minutes.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import check

sl.use_theme()
launches = sl.load("missile_launches")
tests = sl.load("nuclear_tests")
yields = sl.load("nuclear_yield_estimates")

# %% [markdown]
# ## 00p.1 How many nuclear tests? (wrangle · guided · 2 min)
# *Objective: load a table and count its rows.* (Primer section 1.)
#
# One row of `tests` is one nuclear test. How many tests does the table hold? Assign the
# number to `n_tests`.

# %%
# STUDENT: n_tests = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blank:
# STUDENT: # n_tests = len(____)
### BEGIN SOLUTION
n_tests = len(tests)
### END SOLUTION

# %%
check("00p.1", n_tests)

# %% [markdown]
# ## 00p.2 The magnitude of the sixth test (wrangle · guided · 3 min)
# *Objective: select a value by a condition on rows and a column name.* (Section 2.)
#
# What body-wave magnitude (`mb_usgs`) did the US Geological Survey give the sixth test
# (`test_number` 6)? Assign the number to `mb_sixth`.

# %%
# STUDENT: mb_sixth = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blanks:
# STUDENT: # mb_sixth = tests.loc[tests["test_number"] == ____, "____"].iloc[0]
### BEGIN SOLUTION
mb_sixth = tests.loc[tests["test_number"] == 6, "mb_usgs"].iloc[0]
### END SOLUTION

# %%
check("00p.2", mb_sixth)

# %% [markdown]
# ## 00p.3 Long-range missiles in 2017 (wrangle · guided · 4 min)
# *Objective: filter rows with two conditions.* (Section 3.)
#
# How many missiles of class ICBM or IRBM did North Korea launch in 2017 (UTC dates)? Assign
# the number to `n_long_range`.

# %%
# STUDENT: n_long_range = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blanks:
# STUDENT: # n_long_range = len(launches[(launches["missile_class"].isin(["ICBM", ____])) & (launches["date_utc"].dt.year == ____)])
### BEGIN SOLUTION
n_long_range = len(launches[(launches["missile_class"].isin(["ICBM", "IRBM"])) & (launches["date_utc"].dt.year == 2017)])
### END SOLUTION

# %%
check("00p.3", n_long_range)

# %% [markdown]
# ## 00p.4 The highest flight (wrangle · guided · 3 min)
# *Objective: sort a table and take its first row.* (Section 4.)
#
# On which UTC date did the missile with the highest apogee (`apogee_km`) fly? Assign the date
# to `highest_date`.

# %%
# STUDENT: highest_date = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blanks:
# STUDENT: # highest_date = launches.sort_values("____", ascending=____)["date_utc"].iloc[0]
### BEGIN SOLUTION
highest_date = launches.sort_values("apogee_km", ascending=False)["date_utc"].iloc[0]
### END SOLUTION

# %%
check("00p.4", highest_date)

# %% [markdown]
# ## 00p.5 How many launches failed? (wrangle · guided · 3 min)
# *Objective: count the values of a column.* (Section 5.)
#
# The `outcome` column says whether each launch succeeded. How many failed? Assign the number
# to `n_failed`.

# %%
# STUDENT: n_failed = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blank:
# STUDENT: # n_failed = launches["outcome"].value_counts()["____"]
### BEGIN SOLUTION
n_failed = launches["outcome"].value_counts()["failure"]
### END SOLUTION

# %%
check("00p.5", n_failed)

# %% [markdown]
# ## 00p.6 Missiles per year (wrangle · guided · 4 min)
# *Objective: compute one row per group with a named aggregation.* (Section 6.)
#
# Make a table `per_year` with one row per year and two columns: `year` and `launches` (the
# number of missiles launched that year, UTC dates).

# %%
# STUDENT: per_year = ...
# STUDENT: # Level: guided. Remove the "# " and fill the blanks:
# STUDENT: # per_year = (
# STUDENT: #     launches
# STUDENT: #     .assign(year=launches["date_utc"].dt.____)
# STUDENT: #     .groupby("____")
# STUDENT: #     .agg(launches=("launch_id", "____"))
# STUDENT: #     .reset_index()
# STUDENT: # )
### BEGIN SOLUTION
per_year = (
    launches
    .assign(year=launches["date_utc"].dt.year)
    .groupby("year")
    .agg(launches=("launch_id", "size"))
    .reset_index()
)
### END SOLUTION

# %%
check("00p.6", per_year)

# %% [markdown]
# ## 00p.7 Estimates per test (wrangle · partly guided · 4 min)
# *Objective: combine two tables with merge.* (Section 7.)
#
# Make a table `per_test` with one row per nuclear test and three columns: `test_number`,
# `mb_usgs` (from `tests`) and `n_estimates`, the number of rows of `yields` for that test.

# %%
# STUDENT: per_test = ...
# STUDENT: # Level: partly guided. Count yields per test_number with .groupby(...).agg(n_estimates=(..., "size")),
# STUDENT: # then .merge(...) that count with tests[["test_number", "mb_usgs"]] on "test_number".
### BEGIN SOLUTION
counts = yields.groupby("test_number").agg(n_estimates=("estimate_id", "size")).reset_index()
per_test = tests[["test_number", "mb_usgs"]].merge(counts, on="test_number", how="left")
### END SOLUTION

# %%
check("00p.7", per_test)

# %% [markdown]
# ## 00p.8 Which clock? The sixth test in Pyongyang time (dates · partly guided · 4 min)
# *Objective: convert a UTC time to local time.* (Section 8.)
#
# `time_utc` gives each test's time in UTC. What time was it on the clocks in Pyongyang when
# the sixth test took place? Assign one `Timestamp` to `local_time`. (In 2017, Pyongyang's clock
# ran at UTC+8:30; the time-zone database knows it.)

# %%
# STUDENT: local_time = ...
# STUDENT: # Level: partly guided. Use .dt.tz_convert("Asia/Pyongyang") on the time_utc column, then .iloc.
### BEGIN SOLUTION
local_time = tests["time_utc"].dt.tz_convert("Asia/Pyongyang").iloc[-1]
### END SOLUTION

# %%
check("00p.8", local_time)

# %% [markdown]
# ## 00p.9 From wide back to long (reshape · partly guided · 3 min)
# *Objective: reshape a wide table into a long one.* (Section 9.)
#
# `wide` below has one row per year (2016 and 2017) and one column per missile class. Turn it
# back into a long table `by_class` with the columns `year`, `missile_class` and `launches`,
# keeping only the rows where `launches` is above 0.

# %%
wide = (
    launches[launches["date_utc"].dt.year.isin([2016, 2017])]
    .assign(year=lambda table: table["date_utc"].dt.year)
    .pivot_table(index="year", columns="missile_class", values="launch_id",
                 aggfunc="count", fill_value=0, observed=True)
)
wide

# %%
# STUDENT: by_class = ...
# STUDENT: # Level: partly guided. Use .reset_index(), .melt(id_vars=..., var_name=..., value_name=...), then .query(...).
### BEGIN SOLUTION
by_class = (
    wide.reset_index()
    .melt(id_vars="year", var_name="missile_class", value_name="launches")
    .query("launches > 0")
)
### END SOLUTION

# %%
check("00p.9", by_class)

# %% [markdown]
# ## 00p.10 A bar chart of missiles per year (chart · open · 4 min)
# *Objective: chart a table with a mark, typed encodings, a tooltip, a title and a
# description.* (Section 10.)
#
# Chart your `per_year` table from 00p.6 as bars, one per year of the table: `year` on x
# (ordinal), `launches` on y (quantitative), with a tooltip, a title and a `description`.
# Assign it to `year_chart`.

# %%
# STUDENT: year_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
year_chart = (
    alt.Chart(per_year)
    .mark_bar()
    .encode(
        x=alt.X("year:O").title("Year (UTC)"),
        y=alt.Y("launches:Q").title("Missiles launched"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("launches:Q", title="Missiles")],
    )
    .properties(title="Missiles launched per year",
                description="Bar chart of North Korean missiles launched per year in the course data.")
)
year_chart
### END SOLUTION

# %%
check("00p.10", year_chart)

# %% [markdown]
# ## 00p.11 Layers and a legend selection (chart · open · 5 min)
# *Objective: layer two marks and add one selection.* (Section 11.)
#
# From `by_class` (00p.9), draw a line per missile class (`year:O` on x, `launches:Q` on y,
# `missile_class:N` as colour) and layer points on it (a second mark, `mark_point()`, added to
# the lines with `+`), plus a selection that picks a class by
# clicking the legend: a point selection on `missile_class` bound to the legend, which must
# change what the reader sees (the picked class stays bright, the others fade: through opacity
# or colour). Give it a tooltip, a title and a description. Assign it to `layered`.

# %%
# STUDENT: layered = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
pick = alt.selection_point(fields=["missile_class"], bind="legend")
base = alt.Chart(by_class).encode(
    x=alt.X("year:O").title("Year (UTC)"),
    y=alt.Y("launches:Q").title("Missiles launched"),
    color=alt.Color("missile_class:N").title("Class"),
    opacity=alt.when(pick).then(alt.value(1)).otherwise(alt.value(0.15)),
    tooltip=[alt.Tooltip("missile_class:N", title="Class"), alt.Tooltip("launches:Q", title="Missiles")],
)
layered = (
    base.mark_line().encode(strokeDash=alt.StrokeDash("missile_class:N").title("Class"))
    + base.mark_point().encode(shape=alt.Shape("missile_class:N").title("Class"))
).add_params(pick).properties(
    title="Missiles per class, 2016 and 2017",
    description="Line chart with points of missiles launched per class in 2016 and 2017.",
)
layered
### END SOLUTION

# %%
check("00p.11", layered)

# %% [markdown]
# ## Your progress

# %%
sl.progress()

# %% [markdown]
# ## Save your work (Binder users: before you leave)
# The next cell packs your exercise notebooks and progress into one `.zip` file and shows a
# link to download it; `sl.restore_work("the-file-name.zip")` brings it back in a new session
# (see lesson 00).

# %%
sl.save_work()
