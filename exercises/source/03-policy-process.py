# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 03 — The policy process
#
# These nine exercises go with [lesson 03](../notebooks/03-policy-process.ipynb). They start
# with guided counts and end with your own judgement of the article's first argument: that
# after Singapore there was no working US policy process below the two leaders.
#
# Replace each `...` with your answer, run the cell, then run the check below it. A check
# answers **correct**, **not yet** or **not quite** (with a hint; run it again after another
# try for a stronger one). Dates in `negotiation_contacts` and `earlier_talks` are **local**;
# dates in `missile_launches` are **UTC**. Estimated time: 45 minutes.
# The theory exercise at the end (03.9, marked with a rubric) adds 12 minutes; it may be set as homework.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import check

sl.use_theme()
contacts = sl.load("negotiation_contacts").query("date <= '2019-12-31'")  # 2025 rows: lesson 07
earlier = sl.load("earlier_talks")
launches = sl.load("missile_launches")

# %%
contacts[["date", "channel", "happened", "cancelled_by", "us_participant", "dprk_participant"]].head()

# %% [markdown]
# ## 03.1 Share of contacts held at leader level (wrangle · 5 min)
# *Objective: compute the share of contacts held at each level.*
#
# The **leader level** is made of two channels: `"leader summit"` and `"leader letter"`. What
# share of the leader-level contacts were held (`happened == "held"`)? Give a number between 0
# and 1 and assign it to `leader_share`; the check accepts it if it is right to two decimals
# (rounded, or with more digits).

# %%
# STUDENT: leader_share = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # leader = contacts[contacts["channel"].isin(["leader summit", "____"])]
# STUDENT: # leader_share = (leader["happened"] == "____").mean()
### BEGIN SOLUTION
leader = contacts[contacts["channel"].isin(["leader summit", "leader letter"])]
leader_share = (leader["happened"] == "held").mean()
### END SOLUTION

# %%
check("03.1", leader_share)

# %% [markdown]
# ## 03.2 The longest gap between working-level meetings (wrangle · 7 min)
# *Objective: compute the gaps between working-level meetings.*
#
# Keep the contacts whose `channel` is `"envoy or working level"` and that were **held**. Sort
# them by `date`. How many days is the longest gap from one meeting's date to the next
# meeting's date? Assign a whole number to `longest_gap`.
#
# *Tip:* `.diff()` on a date column gives the time since the previous row; `.dt.days` turns
# it into a number of days.

# %%
# STUDENT: longest_gap = ...
# STUDENT: # Level: partly guided. Keep held envoy or working-level contacts (.query), .sort_values("date"), then ["date"].diff().dt.days.max().
### BEGIN SOLUTION
held_working = contacts.query("channel == 'envoy or working level' and happened == 'held'")
longest_gap = int(held_working.sort_values("date")["date"].diff().dt.days.max())
### END SOLUTION

# %%
check("03.2", longest_gap)

# %% [markdown]
# ## 03.3 Who called contacts off? (wrangle · 7 min)
# *Objective: compute how many contacts were called off, and by which side.*
#
# A contact was **called off** if `happened` is `"cancelled"`, `"postponed"` or `"refused"`.
# Count the called-off contacts by the side that called them off (`cancelled_by`), counting a
# missing side as `"not stated"`. Make a table with two columns, `side` and `n_contacts`, and
# assign it to `by_side`.
#
# *Tip:* `cancelled_by` is a categorical column, which cannot take a new value such as
# `"not stated"`. Turn it into text first: `.astype("string").fillna("not stated")`.

# %%
# STUDENT: by_side = ...
# STUDENT: # Level: partly guided. Keep the contacts cancelled, postponed or refused (.isin), add side with .assign(...) and .fillna("not stated"), then .groupby("side").size().reset_index(name="n_contacts").
### BEGIN SOLUTION
by_side = (
    contacts[contacts["happened"].isin(["cancelled", "postponed", "refused"])]
    .assign(side=lambda t: t["cancelled_by"].astype("string").fillna("not stated"))
    .groupby("side")
    .size()
    .reset_index(name="n_contacts")
)
by_side
### END SOLUTION

# %%
check("03.3", by_side)

# %% [markdown]
# ## 03.4 Draw the swim-lane chart (chart · 8 min)
# *Objective: chart US–DPRK contacts by channel over time, marking which ones happened.*
#
# Build a chart with `mark_point()` from `contacts`: the `date` on `x` (temporal: the day, or
# the month with `yearmonth(date)`; not `month(date)`, which puts 2018 over 2019), one lane per
# `channel` on `y` (nominal), and what `happened` as the **shape** of the mark (nominal), so
# that the chart reads without colour. You may add colour too. Give it a tooltip with titled
# fields, a title and a `description` (one sentence for screen-reader users). Assign it to
# `lanes_chart`.

# %%
# STUDENT: lanes_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
lanes_chart = (
    alt.Chart(contacts)
    .mark_point(size=100, filled=True)
    .encode(
        x=alt.X("date:T").title("Date (local)"),
        y=alt.Y("channel:N").title("Channel"),
        shape=alt.Shape("happened:N").title("What happened"),
        color=alt.Color("happened:N").title("What happened"),
        tooltip=[
            alt.Tooltip("date:T", title="Date (local)"),
            alt.Tooltip("channel:N", title="Channel"),
            alt.Tooltip("happened:N", title="What happened"),
            alt.Tooltip("outcome:N", title="Outcome"),
        ],
    )
    .properties(
        title="US–DPRK contacts by channel, 2018–2019",
        height=200,
        description="Timeline with one lane per channel; each contact's mark shape shows whether it was held, cancelled, postponed or announced.",
    )
)
lanes_chart
### END SOLUTION

# %%
check("03.4", lanes_chart)

# %% [markdown]
# ## 03.5 Does the data support the claim from Singapore to Hanoi? (interpret · 7 min)
# *Objective: evaluate the article's claim for a stated period.*
#
# Take the contacts dated **after** the Singapore summit (12 June 2018) and **before** the
# Hanoi summit (27 February 2019). Count the leader letters (held or announced) and the
# working-level meetings that were held, and look at the dates of those meetings. Which
# statement does the data support?
#
# - **a** The claim: leader letters outnumbered held working-level meetings by more than two
#   to one, and no working-level meeting was held for about six months, from mid-July 2018 to
#   mid-January 2019.
# - **b** Against the claim: working-level meetings were held at least once every two months.
# - **c** Against the claim: more working-level meetings were held than leader letters were
#   sent or announced.
# - **d** Neither: every letter in that period is coded `announced`, so the data cannot tell.
#
# Assign the letter, in quotes, to `verdict`. Use the cell below to count.

# %%
# STUDENT: between = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
between = contacts[(contacts["date"] > "2018-06-12") & (contacts["date"] < "2019-02-27")]
pd.crosstab(between["channel"], between["happened"])
### END SOLUTION

# %%
# STUDENT: verdict = ...
### BEGIN SOLUTION
verdict = "a"
### END SOLUTION

# %%
check("03.5", verdict)

# %% [markdown]
# ## 03.6 Was the Six-Party channel steadier? (wrangle · 5 min)
# *Objective: compare the 2018–2019 channel with the Six-Party Talks.*
#
# The `earlier_talks` table has one row per session of the 1993–94 talks and of the Six-Party
# Talks. Keep the Six-Party Talks (`process == "Six-Party Talks"`), sort by `date`, and find
# the longest gap in days from the start of one session to the start of the next. Assign it to
# `six_party_gap`, and compare it with your answer to 03.2.

# %%
earlier[["process", "session", "date", "end_date", "level"]].head(8)

# %%
# STUDENT: six_party_gap = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
six_party = earlier[earlier["process"] == "Six-Party Talks"].sort_values("date")
six_party_gap = int(six_party["date"].diff().dt.days.max())
### END SOLUTION

# %%
check("03.6", six_party_gap)

# %% [markdown]
# ## 03.7 What did the testing pause cover? (interpret · 5 min)
# *Objective: evaluate the strongest counter-argument with launch data.*
#
# The strongest case for leader-level diplomacy is the testing pause: no nuclear test and no
# ICBM launch after November 2017. But the pause did not cover everything. How many
# **missiles** did North Korea launch in 2019 (by `date_utc`)? One row of `missile_launches`
# is one missile; count every row, including the 17 April test that US officials said was not
# a ballistic missile (its `classification_disputed` is `True`). Assign the number to
# `missiles_2019`, then look at their `missile_class`.

# %%
# STUDENT: missiles_2019 = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
in_2019 = launches[launches["date_utc"].dt.year == 2019]
missiles_2019 = len(in_2019)
in_2019["missile_class"].value_counts()
### END SOLUTION

# %%
check("03.7", missiles_2019)

# %% [markdown]
# ## 03.8 Reflection: what would change your mind? (reflection · 8 min, not checked)
# *Objective: explain what a standing channel would have needed, and what evidence would change your verdict.*
#
# In four to six sentences: (1) say whether you think the article's first argument holds for
# 2018–2019, citing one number you computed above; (2) describe the standing channel you would
# have set up — who, how often, with what mandate; (3) name one piece of evidence, not in the
# course data, that would change your mind, and where you might find it.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The argument mostly holds for the months after Singapore: no
# working-level meeting was held for more than six months (03.2), while letters kept flowing
# and none was called off; even the one summit Trump cancelled (Singapore, 24 May 2018) was
# back on by 1 June. A standing channel would have paired Biegun
# with a North Korean counterpart who had a mandate from Kim to discuss a declaration and a
# freeze, meeting on a fixed calendar (say monthly) with expert working groups, as the
# Six-Party Talks did after February 2007 — though 03.6 shows that even a standing channel
# can stall for more than a year. Evidence that would change my mind: memoirs or declassified
# records showing that substantive bargaining happened in the letters themselves, or that
# North Korea had refused every working-level proposal the US made; the full Trump–Kim
# letters, if released, and interviews with the negotiators would be the places to look.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 03.9 Theory against data: two-level games (theory · 12 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Putnam's two-level games) against the contact
# record.*
#
# The lesson's theory section reads Putnam's two-level games as expecting leader-level deals
# struck without working-level preparation to be followed by **fewer concrete steps**.
#
# 1. In the code cell, make `followed`: one row per channel of the **held** contacts of
#    `contacts`, with the number of held contacts (`contacts`) and the number followed by a
#    concrete step within 60 days after the contact's date (`with_step`). A concrete step is an
#    `events` row whose `event_type` is `"detainee release"`, `"remains repatriation"` or
#    `"dismantlement"`.
# 2. In four to six sentences: which channel was followed by a step most often, in share of its
#    contacts? Does that fit the theory? How many concrete steps and contacts does the comparison
#    rest on, and when did the steps happen? Name one reason other than the channel that could
#    produce the same pattern.

# %%
# STUDENT: followed = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
events = sl.load("events")
kinds = ["detainee release", "remains repatriation", "dismantlement"]
steps = events[events["event_type"].isin(kinds)]
held = contacts[contacts["happened"] == "held"].copy()  # .copy(): a table of its own, to add a column to
window = pd.Timedelta(days=60)
held["step"] = [((steps["date"] > day) & (steps["date"] <= day + window)).any() for day in held["date"]]
followed = held.groupby("channel", observed=True)["step"].agg(contacts="size", with_step="sum").reset_index()
followed
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** Of the held contacts, ministerial visits were followed by a concrete step
# within 60 days most often (5 of 9), then envoy and working-level meetings (4 of 10); leader
# summits (1 of 3) and letters (1 of 7) least often. At first sight that fits Putnam: the channels
# where officials prepare the ground were followed by more steps. But the whole comparison rests
# on four concrete steps (the release of three Americans, the Punggye-ri demolition, the engine
# test site work and the return of remains), all between May and July 2018. A contact is
# "followed by a step" mainly if it happened in spring 2018, whatever its channel; the pattern
# could come from timing (the early months of the détente, when Pyongyang made its unilateral
# gestures) rather than from the channel. With so few steps, one more or one fewer would change
# the ranking, so the data cannot separate the theory from this rival explanation.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Your progress
# Every check you ran is recorded. This table lists every exercise in the course.

# %%
sl.progress()

# %% [markdown]
# ## Save your work
# On Binder, download your work before you leave: the next cell packs every exercise notebook
# in this folder and your progress into one `.zip` file and shows a link (lesson 00 explains
# how to restore it). To hand it in, add your name: `sl.save_work(student="Your Name")`.

# %%
sl.save_work()
