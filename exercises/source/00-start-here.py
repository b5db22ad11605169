# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 00 — Start here: how checks work
#
# These five short exercises go with [lesson 00](../notebooks/00-start-here.ipynb). They teach
# the routine every later exercise notebook uses:
#
# 1. run the setup cell;
# 2. replace each `...` with your answer and run the cell;
# 3. run the check cell below it. It answers **correct**, **not yet** (you have not answered)
#    or **not quite** (with what is wrong and a hint). Run a check again after a wrong answer
#    for a stronger hint.
#
# Your results are saved in a small file beside this notebook; `sl.progress()` at the end shows
# every exercise in the course and where you stand. Estimated time: 20 minutes.

# %%
import altair as alt

import summitlab as sl
from summitlab import check

sl.use_theme()
sources = sl.load("sources")
events = sl.load("events")

# %% [markdown]
# ## 00.1 Count the sources (wrangle · 3 min)
# *Objective: load a course table and count its rows.*
#
# Every fact in the course cites a row of the `sources` table (the bibliography). How many
# sources does the course cite? Assign the number to `n_sources`.

# %%
sources.head()

# %%
# STUDENT: n_sources = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # n_sources = len(____)
### BEGIN SOLUTION
n_sources = len(sources)
### END SOLUTION

# %%
check("00.1", n_sources)

# %% [markdown]
# ## 00.2 Days from Singapore to Hanoi (wrangle · 5 min)
# *Objective: filter a table and subtract two dates.*
#
# The `events` table is the course's chronology. Keep the rows whose `track` is `"US-DPRK"`,
# whose `event_type` is `"summit"` and whose `status` is `"held"`; sort them by `date`. How
# many days passed between the first summit (Singapore) and the **first day** of the second
# (Hanoi)? Assign a whole number to `days_between`.
#
# *Tip:* subtracting two dates gives a `Timedelta`; its `.days` is a whole number of days.

# %%
# STUDENT: summits = ...
# STUDENT: days_between = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # summits = (
# STUDENT: #     events.query("track == 'US-DPRK' and event_type == '____' and status == 'held'")
# STUDENT: #     .sort_values("____")
# STUDENT: # )
# STUDENT: # days_between = (summits["date"].iloc[1] - summits["date"].iloc[____]).days
### BEGIN SOLUTION
summits = (
    events.query("track == 'US-DPRK' and event_type == 'summit' and status == 'held'")
    .sort_values("date")
)
days_between = (summits["date"].iloc[1] - summits["date"].iloc[0]).days
### END SOLUTION

# %%
check("00.2", days_between)

# %% [markdown]
# ## 00.3 Chart the sources by kind (chart · 7 min)
# *Objective: build an Altair chart with explicit encodings, a tooltip, a title and a description.*
#
# Make a horizontal bar chart with one bar per `kind` of source (`y`, nominal) whose length is
# the number of sources of that kind (`x`: `count()`, quantitative). Give it a tooltip, a
# title and a `description` (one sentence for screen-reader users). Assign it to `kinds_chart`.

# %%
# STUDENT: kinds_chart = ...
# STUDENT: # Level: partly guided. Build it as alt.Chart(sources[["kind"]]).mark_bar().encode(x=..., y=..., tooltip=[...]).properties(title=..., description=...).
### BEGIN SOLUTION
kinds_chart = (
    alt.Chart(sources[["kind"]])  # only the column the chart needs: keeps the notebook small
    .mark_bar()
    .encode(
        x=alt.X("count():Q").title("Number of sources"),
        y=alt.Y("kind:N").title("Kind of source").sort("-x"),
        tooltip=[alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("count():Q", title="Sources")],
    )
    .properties(
        title="What the course's facts rest on",
        description="Bar chart of the number of sources in the course bibliography by kind of source.",
    )
)
kinds_chart
### END SOLUTION

# %%
check("00.3", kinds_chart)

# %% [markdown]
# ## 00.4 UTC or local time? (interpret · 3 min)
# *Objective: find in the codebook which clock a table's dates use.*
#
# Open the codebook ([data/README.md](../data/README.md)). In which time are the dates of the
# `missile_launches` table recorded?
#
# - **a** Korean time, the local time of the launch site
# - **b** Coordinated Universal Time (UTC)
# - **c** US Eastern Time, Washington's clock
#
# Assign the letter, in quotes, to `clock`.

# %%
# STUDENT: clock = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
clock = "b"
### END SOLUTION

# %%
check("00.4", clock)

# %% [markdown]
# ## 00.5 Reflection: what do you want to find out? (reflection · 2 min, not checked)
# *Objective: state a question about the summits that you want the data to answer.*
#
# Write two or three sentences: what question about the 2018–2019 summits would you most like
# evidence on, and what kind of data would answer it?
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** "Did the summits change what North Korea did, or only what it said? I
# would compare the number of missile launches per month before and after the first summit,
# and check whether any facility was taken apart in a way outsiders could verify." Any
# question that names a measurable quantity and a comparison is a good start.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Your progress
# Every check you ran is recorded. This table lists every exercise in the course.

# %%
sl.progress()

# %% [markdown]
# ## Save your work (Binder users: before you leave)
# A Binder session is deleted after a few minutes without activity. The next cell packs every
# exercise notebook in this folder and your progress into one `.zip` file and shows a link:
# download it. In a new session, upload the file into `exercises/` and run
# `sl.restore_work("the-file-name.zip")` — it never overwrites notebooks you have already
# worked on in the new session (it writes the saved copy beside them instead). The same file is
# what you hand in if your instructor asks for it: add your name, `sl.save_work(student="Your Name")`.

# %%
sl.save_work()

