# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00p · A Python primer: the pandas and Altair this course uses
#
# Every later lesson asks you to filter, count, group, join and chart the course's tables. A
# first course in Python teaches variables, lists, dictionaries, loops and functions; it
# rarely teaches *pandas* (the library for tables) or *Altair* (the library for charts). This
# primer teaches exactly the part of both that the exercises need, on the course's own data:
# missile launches and nuclear tests. Each section shows one idea in a few short cells and
# points to a tiny exercise in [the primer's exercise notebook](../exercises/00p-python-primer.ipynb).
#
# **Objectives.** By the end of this primer you can:
# - *select* columns and rows of a table, and *filter* rows with conditions;
# - *compute* counts and summaries per group with `value_counts` and `groupby`;
# - *combine* two tables with `merge` and *reshape* a table between [**long**](../docs/glossary.md#long-table) and [**wide**](../docs/glossary.md#wide-table) form;
# - *compute* with dates, and *explain* whether a date is in UTC or local time;
# - *chart* a table with Altair: a mark, typed encodings, titles, tooltips, a description,
#   [**layers**](../docs/glossary.md#layer) and one [**selection**](../docs/glossary.md#selection).
#
# **Prerequisites:** [lesson 00](00-start-here.ipynb) (running a notebook, the checks) and one
# first course in Python (variables, lists, dictionaries, calling functions).
# {estimated_time}
# **Data used:** [`missile_launches`](../data/codebook/missile_launches.md),
# [`nuclear_tests`](../data/codebook/nuclear_tests.md) and
# [`nuclear_yield_estimates`](../data/codebook/nuclear_yield_estimates.md).
#
# *How to read the code.* Run every cell from the top (**Shift + Enter**): the [**kernel**](../docs/glossary.md#kernel),
# the Python process behind the notebook, remembers what each cell defines. When a cell fails,
# Python prints a [**traceback**](../docs/glossary.md#traceback); read its last line first, and see the
# [page for when you are stuck](../docs/stuck.md) for the usual errors. Words in **bold** that
# link to the [glossary](../docs/glossary.md) are defined there.

# %%
import altair as alt
import pandas as pd

import summitlab as sl

sl.use_theme()

# %% [markdown]
# `sl.use_theme()` turns on the course's chart colours and also adds one line in plain words
# above the most common error messages (a misspelt column name, a cell not yet run…). It never
# hides the error itself; `sl.explain_errors(False)` switches that line off.
#
# ## 1. What is in a table?
# `sl.load(name)` reads one course table into a pandas [**DataFrame**](../docs/glossary.md#dataframe): rows and named columns,
# each column with one type. `.head()` shows its first five rows, `len(table)` counts its rows,
# and `.columns` lists the column names. `.dtypes` gives each column's type: `datetime64` for
# dates, `category` for a fixed list of labels, `Float64` and `Int64` for numbers (the capital
# letter means a value may be missing, shown as `<NA>`), `string` for text.

# %%
launches = sl.load("missile_launches")
launches.head(3).T  # the first 3 rows, turned on their side (.T) so that every column fits on screen

# %%
len(launches), list(launches.columns)

# %% [markdown]
# One row of `missile_launches` is one missile, as the CNS North Korea Missile Test Database
# counts them (the codebook says so). *Exercise 00p.1.*
#
# ## 2. Columns and rows
# A column is a pandas [**Series**](../docs/glossary.md#series): `table["column"]`. A list of names in the brackets,
# `table[["a", "b"]]`, gives a smaller table. `.loc[rows, columns]` picks rows and columns by
# their labels or by a condition; `.iloc[i]` picks by position (0 is the first row, -1 the last).

# %%
launches["missile_name"].head(3)

# %%
launches[["date_utc", "missile_name", "apogee_km"]].iloc[-1]

# %% [markdown]
# *Exercise 00p.2.*
#
# ## 3. Keeping the rows you want: boolean filters
# A comparison on a column, such as `launches["missile_class"] == "ICBM"`, gives one `True` or
# `False` per row. Put it in the brackets and only the `True` rows stay: a
# [**boolean filter**](../docs/glossary.md#boolean-filter). Combine conditions
# with `&` (and), `|` (or) and `~` (not), and put each condition in parentheses: Python's `and`
# and `or` do not work on whole columns. `.isin([...])` tests membership in a list, and
# `.between(low, high)` a range (both ends included).

# %%
long_range = launches[(launches["missile_class"] == "ICBM") | (launches["missile_class"] == "IRBM")]
len(long_range)

# %%
same_rows = launches[launches["missile_class"].isin(["ICBM", "IRBM"])]
len(same_rows) == len(long_range)

# %% [markdown]
# `.query("...")` writes the same filter as text, which often reads better:
# `launches.query("missile_class == 'ICBM' and apogee_km > 2000")`. *Exercise 00p.3.*
#
# ## 4. Sorting
# `.sort_values("column")` orders the rows from smallest to largest (oldest to newest for
# dates); `ascending=False` reverses it. Missing values go last. Add `.head(n)` for the first
# `n` rows. `.max()`, `.min()`, `.sum()` and `.mean()` summarise one column.

# %%
highest = launches.sort_values("apogee_km", ascending=False).head(3)
highest[["date_utc", "missile_name", "apogee_km"]]

# %% [markdown]
# *Exercise 00p.4.*
#
# ## 5. Counting: `value_counts`
# `table["column"].value_counts()` counts each distinct value, largest count first. Its result
# is a Series whose *index* (the labels on the left) holds the values; `.reset_index()` turns
# it into a table with two columns. `.nunique()` counts how many distinct values there are.

# %%
launches["outcome"].value_counts()

# %% [markdown]
# *Exercise 00p.5.*
#
# ## 6. One row per group: `groupby` with named aggregation
# `.groupby("column")` splits a table into one group per value; `.agg(...)` then computes one
# row per group. Each argument of `.agg` names a new column and says how to compute it (a
# [**named aggregation**](../docs/glossary.md#named-aggregation)):
# `n=("launch_id", "size")` counts rows, `highest=("apogee_km", "max")` takes the largest value.
# Two habits of the course: pass `observed=True` (a [**categorical**](../docs/glossary.md#categorical) column, of type `category`, otherwise gets a row for
# every category, even one with no rows), and end with `.reset_index()` so the group labels
# become an ordinary column. `.assign(new=...)` adds a column, here the year of each date.

# %%
by_class = (
    launches
    .groupby("missile_class", observed=True)           # one group per class
    .agg(missiles=("launch_id", "size"),                # rows in the group
         highest_km=("apogee_km", "max"))               # largest apogee in the group
    .reset_index()                                      # missile_class back as a column
    .sort_values("missiles", ascending=False)
)
by_class

# %% [markdown]
# A long chain like this one reads top to bottom, one step per line, each with a short
# comment: the course writes every chain this way. `.size()` alone (without `.agg`) counts the
# rows of each group. *Exercise 00p.6.*
#
# ## 7. Combining tables: `merge`
# `nuclear_tests` has one row per test; `nuclear_yield_estimates` has one row per published
# estimate of a test's [**yield**](../docs/glossary.md#yield) (its explosive power, in [**kilotons**](../docs/glossary.md#kiloton) of TNT), several per test.
# `left.merge(right, on="key")` puts the columns of both side by side, matching rows on the
# shared column `key`. `how="left"` keeps every row of the left table even without a match.

# %%
tests = sl.load("nuclear_tests")
yields = sl.load("nuclear_yield_estimates")
joined = yields.merge(tests[["test_number", "date_local", "mb_usgs"]], on="test_number", how="left")
joined[["test_number", "date_local", "mb_usgs", "estimator", "yield_low_kt", "yield_high_kt"]].head()

# %% [markdown]
# `len(joined) == len(yields)`: each estimate found its test, and no row was doubled.
# *Exercise 00p.7.*
#
# ## 8. Dates: `.dt`, differences, and which clock
# A date column has a `.dt` accessor: `.dt.year`, `.dt.month`, `.dt.day_name()`. Subtracting
# two dates gives a `Timedelta`; its `.days` is a whole number of days. `pd.Timestamp("2018-06-12")`
# makes one date from text.

# %%
gap = tests["date_local"].iloc[-1] - tests["date_local"].iloc[-2]
gap, gap.days

# %% [markdown]
# *Which clock?* A date is only a day in some [**time zone**](../docs/glossary.md#time-zone). `missile_launches` gives UTC dates
# (Coordinated Universal Time); `nuclear_tests` gives the local date in North Korea and, in
# `time_utc`, the exact UTC time from the US Geological Survey. North Korea's clock was not
# always Seoul's: it was set 30 minutes back to UTC+8:30 ("Pyongyang time") from 15 August
# 2015 (`lonelyplanet-2015-08-07-north-korea-changes-time-zone`) and reset to UTC+9 from
# 5 May 2018 (`kcna-2018-04-30-resetting-pyongyang-time`); Seoul used UTC+9 throughout.
# `.dt.tz_convert("Asia/Pyongyang")` turns a UTC time into Pyongyang's clock using the IANA
# time-zone database (`iana-tz-database`), which knows both changes. `pd.DataFrame({...})`
# builds a table from a dict of columns, to show them side by side.

# %%
local = tests["time_utc"].dt.tz_convert("Asia/Pyongyang")
pd.DataFrame({"test": tests["test_number"], "utc": tests["time_utc"], "pyongyang": local})

# %%
offsets = local.map(lambda t: t.utcoffset() / pd.Timedelta(hours=1))  # hours ahead of UTC
pyongyang_time = tests.loc[offsets < 9, "test_number"]
sl.takeaway(
    f"Tests {', '.join(map(str, pyongyang_time))} fell in the Pyongyang-time years, when the local "
    f"clock ran {offsets.min():g} hours ahead of UTC rather than {offsets.max():g}."
)

# %% [markdown]
# `.map(function)` applies a function to every value of a column; `lambda t: ...` is a
# function written in one line; `.utcoffset()` is how far a local time is ahead of UTC. *Exercise 00p.8.*
#
# ## 9. Long and wide
# The course keeps tables [**long**](../docs/glossary.md#long-table) (tidy): one row per observation, e.g. one row per year and
# class. A [**wide**](../docs/glossary.md#wide-table) table spreads one column across many, e.g. one column per class; it is
# easier to read. `.pivot_table(index=..., columns=..., values=..., aggfunc=...)` goes from
# long to wide; `.melt(id_vars=..., var_name=..., value_name=...)` goes back. `.shape` is a
# table's (rows, columns).

# %%
per_year_class = (
    launches
    .assign(year=launches["date_utc"].dt.year)           # year of each UTC date
    .groupby(["year", "missile_class"], observed=True)
    .size()                                              # rows per (year, class)
    .reset_index(name="missiles")
)
wide = per_year_class.pivot_table(index="year", columns="missile_class", values="missiles",
                                  aggfunc="sum", fill_value=0, observed=True)
wide

# %%
long_again = wide.reset_index().melt(id_vars="year", var_name="missile_class", value_name="missiles")
long_again.query("missiles > 0").shape[0] == len(per_year_class)

# %% [markdown]
# *Exercise 00p.9.*
#
# ## 10. A chart with Altair
# An Altair chart is built in four steps, each a method on the one before:
# `alt.Chart(table)` names the data; `.mark_bar()` (or `mark_line`, `mark_point`, `mark_rule`,
# `mark_text`) picks the shape; `.encode(...)` links columns to [**channels**](../docs/glossary.md#encoding-channel) — `x`, `y`, `color`,
# `tooltip` — each with a type after a colon: `:Q` quantitative (a number), `:T` temporal (a
# date), `:N` nominal (a label), `:O` ordinal (an ordered label); `.properties(title=...,
# description=...)` adds the title and the one-sentence `description` that screen readers
# announce. `alt.X("year:O").title("Year")` gives an axis its title; `alt.Tooltip(...)` names a
# tooltip field.

# %%
per_year = per_year_class.groupby("year").agg(missiles=("missiles", "sum")).reset_index()
bars = (
    alt.Chart(per_year)
    .mark_bar()
    .encode(
        x=alt.X("year:O").title("Year (UTC)"),
        y=alt.Y("missiles:Q").title("Missiles launched"),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("missiles:Q", title="Missiles")],
    )
    .properties(title="North Korean missile launches per year",
                description="Bar chart of the number of North Korean missiles launched each year, 2012 to 2019.")
)
bars

# %% [markdown]
# Aggregate in pandas first and chart the small table: the chart then carries a few rows, not
# the whole data. *Exercise 00p.10.*
#
# ## 11. Layers and one selection
# `a + b` (or `alt.layer(a, b)`) draws chart `b` over chart `a`, sharing the axes: here points
# on a line. A *selection* lets the reader pick marks: `alt.selection_point(fields=[...],
# bind="legend")` picks a class by clicking the legend (`alt.Color` encodes the class as colour); `.add_params(pick)` attaches it to
# the chart, and `alt.when(pick).then(...).otherwise(...)` greys out what is not picked
# (`alt.value(1)` is a fixed value rather than a column). `alt.StrokeDash` gives each class its
# own line pattern and `alt.Shape` its own marker, so a reader who cannot tell the colours apart
# can still tell the classes apart. *Exercise 00p.11.*

# %%
pick = alt.selection_point(fields=["missile_class"], bind="legend")
base = alt.Chart(per_year_class).encode(
    x=alt.X("year:O").title("Year (UTC)"),
    y=alt.Y("missiles:Q").title("Missiles launched"),
    color=alt.Color("missile_class:N").title("Class"),
    opacity=alt.when(pick).then(alt.value(1)).otherwise(alt.value(0.15)),
    tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("missile_class:N", title="Class"),
             alt.Tooltip("missiles:Q", title="Missiles")],
)
(
    base.mark_line().encode(strokeDash=alt.StrokeDash("missile_class:N").title("Class"))
    + base.mark_point(filled=True).encode(shape=alt.Shape("missile_class:N").title("Class"))
).add_params(pick).properties(
    title="Missiles per year and class: click a class in the legend",
    description="Line chart with points of North Korean missiles launched per year for each missile class, 2012 to 2019.",
)

# %%
peak = per_year.sort_values("missiles", ascending=False).iloc[0]
sl.takeaway(
    f"The table's busiest year was {peak['year']} with {peak['missiles']} missiles; "
    f"the most common class over all years was {by_class.iloc[0]['missile_class']}."
)

# %% [markdown]
# ## Discussion
# 1. The same launch has a UTC date and a Korean date. Which would you use to count launches
#    per month, and why does it rarely change the answer — but sometimes does?
# 2. A wide table is easier to read and a long one easier to chart and group. Which would you
#    hand to a policymaker, and which would you keep for your own analysis?
#
# ## Keypoints
# - `table["col"]`, `table[["a", "b"]]`, `.loc` and `.iloc` select; a condition in brackets
#   filters; combine conditions with `&` and `|`, each in parentheses.
# - `value_counts()` counts values; `groupby(..., observed=True).agg(name=(column, function))`
#   computes one row per group; `.reset_index()` makes the result a plain table again.
# - `merge` joins two tables on a shared column; `pivot_table` and `melt` switch between wide and long.
# - Dates carry a clock: `.dt.tz_convert` changes it, subtraction gives a `Timedelta` and `.days`.
# - An Altair chart is data + mark + typed encodings + title and description; `+` layers
#   charts, a selection with `add_params` makes them interactive.
#
# ## Next
# - Exercises: [exercises/00p-python-primer.ipynb](../exercises/00p-python-primer.ipynb) (40 minutes).
# - Stuck? [docs/stuck.md](../docs/stuck.md) explains the common errors; the [glossary](../docs/glossary.md) defines the course's terms.
# - Lesson 01 — From crisis to summit ([01-crisis-to-summit.ipynb](01-crisis-to-summit.ipynb)).
#
# ## References

# %%
sl.references([
    "cns-nk-missile-test-database", *tests["source_id"], *yields["source_id"],
    "lonelyplanet-2015-08-07-north-korea-changes-time-zone",
    "kcna-2018-04-30-resetting-pyongyang-time", "iana-tz-database",
])
