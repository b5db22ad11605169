# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 01 — From crisis to summit
#
# These nine exercises go with [lesson 01](../notebooks/01-crisis-to-summit.ipynb). They start
# guided (fill in one value) and end open (a reflection). Replace each `...` with your answer,
# run the cell, then run the check below it: **correct**, **not yet** (not answered) or
# **not quite** (with a hint; run the check again after another try for a stronger one).
#
# | exercise | kind | objective of the lesson | time |
# |---|---|---|---|
# | 01.1 | wrangle | compute the number of missiles launched in a year | 4 min |
# | 01.2 | wrangle | compute launches by year and class | 8 min |
# | 01.3 | wrangle | say which clock a date is in; compute days | 7 min |
# | 01.4 | wrangle | compute the days from the last ICBM to Singapore | 5 min |
# | 01.5 | chart | chart launches with events annotated | 10 min |
# | 01.6 | interpret | read the 2018 timeline by track | 4 min |
# | 01.7 | interpret | compare yield estimates and explain why they differ | 6 min |
# | 01.8 | reflection | evaluate explanations of the turn to diplomacy | 6 min |
# | 01.9 | written | explain why the yield estimates differ (marked with a rubric) | 8 min |
#
# Estimated time: 50 minutes.
# The written exercise at the end (01.9) adds 8 minutes; it may be set as homework.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import check
from summitlab import timezones as tz
from summitlab.charts import annotated_timeline

sl.use_theme()
launches = sl.load("missile_launches").query("date_utc <= '2019-12-31'")  # later years: lesson 07
events = sl.load("events")
yields = sl.load("nuclear_yield_estimates")

# %% [markdown]
# ## 01.1 How many missiles in 2017? (wrangle · 4 min)
# *Objective: compute the number of missiles launched in a year from the launch table.*
#
# One row of `launches` is one **missile** (a salvo of three is three rows). How many missiles
# did North Korea launch in 2017, by the table's `date_utc`? Assign a whole number to `n_2017`.

# %%
launches[["launch_id", "date_utc", "missile_name", "missile_class"]].head()

# %%
# STUDENT: n_2017 = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # n_2017 = len(launches[launches["date_utc"].dt.year == ____])
### BEGIN SOLUTION
n_2017 = len(launches[launches["date_utc"].dt.year == 2017])
### END SOLUTION

# %%
check("01.1", n_2017)

# %% [markdown]
# ## 01.2 Launches by year and class (wrangle · 8 min)
# *Objective: group and count launches by year and missile class.*
#
# Build a table `by_class` with one row per year (2016 and 2017 only) and missile class that
# had at least one launch, and three columns: `year` (a whole number), `missile_class` and
# `launches` (the number of missiles).
#
# *Tip:* `missile_class` is a categorical column; pass `observed=True` to `groupby` so that
# classes with no launch in a year do not appear as rows of zeros.

# %%
# STUDENT: by_class = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # by_class = (
# STUDENT: #     launches
# STUDENT: #     .assign(year=launches["date_utc"].dt.____)
# STUDENT: #     .query("year in [2016, 2017]")
# STUDENT: #     .groupby(["year", "____"], observed=True)
# STUDENT: #     .size()
# STUDENT: #     .reset_index(name="____")
# STUDENT: # )
### BEGIN SOLUTION
by_class = (
    launches
    .assign(year=launches["date_utc"].dt.year)
    .query("year in [2016, 2017]")
    .groupby(["year", "missile_class"], observed=True)
    .size()
    .reset_index(name="launches")
)
by_class
### END SOLUTION

# %%
check("01.2", by_class)

# %% [markdown]
# ## 01.3 The last ICBM before Singapore, in Korean time (wrangle · 7 min)
# *Objective: convert a UTC date and time to the local date.*
#
# Find the last ICBM launched before the Singapore summit (12 June 2018). The table gives its
# date and time in **UTC**. What was the **date in Korea** on the clock of the launch site,
# Pyongyang? In November 2017 Pyongyang's clock ran at **UTC+8:30**: North Korea kept its own
# "Pyongyang Time" from 15 August 2015 to 4 May 2018, half an hour behind Seoul's UTC+9.
# Assign the date to `last_icbm_korea` as a `Timestamp` or a `"YYYY-MM-DD"` string.
#
# *Tip:* `tz.pyongyang_time(pd.Timestamp("2017-07-04 00:40"))` (after
# `from summitlab import timezones as tz`) gives Pyongyang's clock at a UTC time, with the offset
# in force on that day; `.normalize()` drops the time of day.

# %%
# STUDENT: last_icbm = ...
# STUDENT: last_icbm_korea = ...
# STUDENT: # Level: partly guided. Filter with .query(...) (ICBMs before "2018-06-12"), .sort_values("date_utc"), .iloc[-1]; then tz.pyongyang_time(pd.Timestamp(date and time)) (the clock in force that day: UTC+8:30 in 2017, not a fixed +9 hours), .tz_localize(None) and .normalize().
### BEGIN SOLUTION
last_icbm = launches.query("missile_class == 'ICBM' and date_utc < '2018-06-12'").sort_values("date_utc").iloc[-1]
last_icbm_korea = tz.pyongyang_time(
    pd.Timestamp(f"{last_icbm['date_utc']:%Y-%m-%d} {last_icbm['time_utc']}")
).tz_localize(None).normalize()
print("Korean date of the launch:", last_icbm_korea.date())
### END SOLUTION

# %%
check("01.3", last_icbm_korea)

# %% [markdown]
# ## 01.4 Days from the last ICBM to Singapore (wrangle · 5 min)
# *Objective: subtract two dates given on the same clock.*
#
# The `events` table gives the summit's **local** date in Singapore. How many days passed from
# the Korean date of that last ICBM launch to the first day of the Singapore summit? Assign a
# whole number to `days_to_singapore`. Take the summit's date from `events` (the first held
# summit on the `US-DPRK` track), not from memory.

# %%
# STUDENT: summit_date = ...
# STUDENT: days_to_singapore = ...
# STUDENT: # Level: partly guided. Take the first held US-DPRK summit's date from events (.query(...), ["date"].min()), subtract pd.Timestamp(last_icbm_korea), keep .days.
### BEGIN SOLUTION
summit_date = events.query("track == 'US-DPRK' and event_type == 'summit' and status == 'held'")["date"].min()
days_to_singapore = (summit_date - pd.Timestamp(last_icbm_korea)).days
print(days_to_singapore, "days")
### END SOLUTION

# %%
check("01.4", days_to_singapore)

# %% [markdown]
# ## 01.5 The annotated launches chart (chart · 10 min)
# *Objective: chart launches over time with diplomatic events annotated.*
#
# The cells below give you `monthly` (missiles per month and class, 2016–2019) and
# `key_events` (four events with a short `label`). Build a bar chart of `monthly` with
#
# - `x`: the month (`month`, temporal), `y`: the number of missiles (`launches`, quantitative),
#   `color`: the missile class (`missile_class`, nominal);
# - a tooltip with titled fields, and axis titles with units;
#
# then pass it to `annotated_timeline(bars, key_events, title=..., description=...)` to draw
# the events over it. Assign the result to `launches_chart`.

# %%
monthly = (
    launches
    .query("date_utc >= '2016-01-01'")
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp())
    .groupby(["month", "missile_class"], observed=True)
    .size()
    .rename("launches")
    .reset_index()
)
key_events = (
    events[events["event_id"].isin(["E015", "E026", "E046", "E072"])]
    .assign(label=lambda t: t["event_id"].map(
        {"E015": "'Fire and fury'", "E026": "New Year address", "E046": "Singapore", "E072": "Hanoi"}))
)
key_events[["date", "label", "summary"]]

# %%
# STUDENT: launches_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
bars = (
    alt.Chart(monthly)
    .mark_bar(stroke="#333333", strokeWidth=1)
    .encode(
        x=alt.X("yearmonth(month):T").title("Month (UTC date of launch)"),
        y=alt.Y("launches:Q").title("Missiles launched (count)"),
        color=alt.Color("missile_class:N").title("Missile class"),
        strokeDash=alt.StrokeDash("missile_class:N").title("Missile class"),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month"),
                 alt.Tooltip("missile_class:N", title="Class"),
                 alt.Tooltip("launches:Q", title="Missiles")],
    )
)
launches_chart = annotated_timeline(
    bars, key_events,  # the bar chart, then the events to draw over it
    title="North Korean missile launches per month by class, 2016–2019",
    description="Stacked bars of missiles launched per month by class, with dashed lines at four "
                "diplomatic events from 'fire and fury' to the Hanoi summit.",
)
launches_chart.properties(width=640)
### END SOLUTION

# %%
check("01.5", launches_chart)

# %% [markdown]
# ## 01.6 Which track moved first in 2018? (interpret · 4 min)
# *Objective: read the timeline of January–June 2018 by track.*
#
# Use the `events` table (dates are local). In 2018, on which track did the first move toward
# talks come?
#
# - **a** US-DPRK: Washington and Pyongyang opened talks directly
# - **b** inter-Korean: the two Koreas moved first, and the US-DPRK summit followed
# - **c** China-DPRK: Kim went to Beijing before anything else happened
# - **d** DPRK tests: the test moratorium came first
#
# Assign the letter, in quotes, to `first_track`.

# %%
events.query("'2018-01-01' <= date <= '2018-06-12'")[["date", "track", "event_type", "summary"]].head(8)

# %%
# STUDENT: first_track = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
first_track = "b"
### END SOLUTION

# %%
check("01.6", first_track)

# %% [markdown]
# ## 01.7 How far apart are the yield estimates? (interpret · 6 min)
# *Objective: compare yield estimates for one test and explain why they differ.*
#
# For the sixth nuclear test (`test_number == 6`), take **every** number in the columns
# `yield_low_kt`, `yield_central_kt` and `yield_high_kt` (ignore empty cells). Divide the
# largest by the smallest and assign the ratio to `spread_6` (a number; the check accepts it
# if it is right to two decimals, rounded or with more digits). Then read the `estimator` and `method` columns: why might the estimates differ?

# %%
# STUDENT: spread_6 = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
sixth = yields.query("test_number == 6")[["yield_low_kt", "yield_central_kt", "yield_high_kt"]]
values = sixth.stack().astype(float)
spread_6 = values.max() / values.min()
spread_6
### END SOLUTION

# %%
check("01.7", spread_6)

# %% [markdown]
# ## 01.8 Reflection: why did the crisis become a summit? (reflection · 6 min, not checked)
# *Objective: evaluate competing explanations of the turn to diplomacy.*
#
# Four explanations of the turn from crisis to summit are in play: **pressure** (sanctions and
# threats made testing too costly), **a finished programme** (the North halted tests it no
# longer needed), **Seoul's diplomacy** (the Olympics and South Korean envoys opened the door),
# and **a mutual freeze** (China's "suspension for suspension": tests paused as exercises
# paused). In four to six sentences: which fits the timeline of lesson 01 best, what one piece
# of evidence supports it, and what evidence would count against it?
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** "The timeline fits the 'finished programme' account better than the
# others at first sight: the last ICBM flew in late November 2017, a month before the New Year
# address, and the April 2018 moratorium covered exactly the tests (nuclear and ICBM) that mark
# a long-range nuclear force. But the pressure account is not refuted by that: the Security Council had
# tightened sanctions repeatedly in 2017, the last time in December, and a state that wants
# relief has reasons to call its restraint a choice. The inter-Korean track moved first, which supports Seoul's role
# as broker. Evidence against the 'job done' account would be a resumption of long-range tests
# without any change in US policy; evidence against the pressure account would be a halt that
# continued after sanctions were eased." A good answer names one explanation, ties it to a
# dated row of the data, and says what observation would undercut it.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 01.9 Why might the yield estimates differ? (written · 8 min, marked by rubric)
# *Objective: explain why estimates of the same quantity differ, from who made them and how.*
#
# In 01.7 you measured how far apart the published yields of the sixth test are. Now explain
# it. The table below lists, for each estimate, who made it (`estimator`, `estimator_type`),
# the `method` it reports, and its figures. In four to six sentences: give **two different
# reasons** the estimates could differ, each tied to rows of the table (name the estimators);
# say which reason you think matters most and why; and say what one further piece of
# information would narrow the range.

# %%
yields.query("test_number == 6")[["estimator", "estimator_type", "method", "yield_low_kt",
                                  "yield_central_kt", "yield_high_kt"]]

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The nine estimates run from the Korea Meteorological Administration's 50
# kt to Lu et al.'s 337.4 kt. First, the **method** differs: Japan's Ministry of Defense, FOI and
# 38 North convert a seismic magnitude into a yield, while Voytan et al. and Lu et al. model the
# full waveform and Wang et al. add satellite (geodetic) data; a magnitude-based figure depends on
# the constants of the magnitude-yield relation assumed (lesson 05 shows how much they move the
# answer), and those constants depend on the rock and the depth of burial, which outsiders do not
# know. Second, the **estimators** differ: five are governments, which publish for their own
# purposes and two of which (the KMA and the US intelligence figure) state no method at all, while
# the four academic studies, published from 2018 to 2024, had more stations and more time. I think
# the assumed constants and geology matter most, because the three estimates that use the same
# method, a seismic magnitude, still run from 100 to 250 kt. A measured depth of burial for the
# test (or an on-site inspection) would narrow the range more than any further estimate from afar.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Your progress

# %%
sl.progress()

# %% [markdown]
# ## Save your work
# On Binder, download your work before you leave: the next cell packs every exercise notebook
# in this folder and your progress into one `.zip` file and shows a link (lesson 00 explains
# how to restore it). To hand it in, add your name: `sl.save_work(student="Your Name")`.

# %%
sl.save_work()
