# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 05 — Arms-control road maps
#
# These nine exercises go with [lesson 05](../notebooks/05-arms-control-road-maps.ipynb). They
# move from guided calculations to an open design task:
#
# | exercise | kind | lesson objective |
# |---|---|---|
# | 05.1 Warheads from kilograms | wrangle | compute ranges of possible warheads |
# | 05.2 The yield of the 2017 test | wrangle | estimate a yield from a magnitude |
# | 05.3 Inside the published range? | wrangle | compare with published estimates |
# | 05.4 Who saw the steps? | wrangle | chart what was dismantled and who saw it |
# | 05.5 What can seismology verify? | interpret | explain what monitoring can establish |
# | 05.6 Draw the plan as a Gantt chart | chart | build a phased road map |
# | 05.7 Design a plan that passes the rules | open | check it against a rule set of lesson 04 |
# | 05.8 Which step most reduces uncertainty? | reflection | evaluate the article's claim |
# | 05.9 The transparency trade-off | theory (rubric) | evaluate a theory's expectation against the data |
#
# Replace each `...` with your answer, run the cell, then run the check below it. Estimated
# time: 60 minutes. The theory exercise at the end (05.9) adds 12 minutes; it may be set as homework.

# %%
import altair as alt
import numpy as np
import pandas as pd

import summitlab as sl
from summitlab import charts, check
from summitlab.models import roadmap, seismic

sl.use_theme()
estimates = sl.load("stockpile_estimates").query("as_of <= '2019-12-31'")  # later: lesson 07
per_weapon = sl.load("fissile_material_per_weapon")
tests = sl.load("nuclear_tests")
relations = sl.load("magnitude_yield_relations")
yields = sl.load("nuclear_yield_estimates")
changes = sl.load("facility_status_changes")

# %% [markdown]
# ## 05.1 Warheads from kilograms (wrangle · 8 min)
# *Objective: compute a range of possible warheads from fissile-material estimates under stated assumptions.*
#
# At the end of 2016 the Institute for Science and International Security estimated North
# Korea's plutonium and weapon-grade uranium (the rows of `estimates` whose `unit` is `"kg"`).
# The `per_weapon` table gives planning figures for how many kilograms one weapon needs (use the
# rows whose `basis` is `"amount needed for one weapon"`).
#
# What is the **largest** number of weapons the material could make? For each material, divide
# the most material by the fewest kilograms per weapon and round down to whole weapons; then add
# the two materials. Assign the number to `most_weapons`.

# %%
estimates[estimates["unit"].eq("kg")][["quantity", "low", "high", "source_id"]]

# %%
# STUDENT: most_weapons = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # planning = per_weapon[per_weapon["basis"].eq("amount needed for one weapon")].set_index("material")
# STUDENT: # material = estimates[estimates["unit"].eq("____")].assign(material=lambda t: t["quantity"].astype(str))
# STUDENT: # most_by_material = material["high"] // material["material"].map(planning["____"])
# STUDENT: # most_weapons = int(most_by_material.sum())
### BEGIN SOLUTION
planning = per_weapon[per_weapon["basis"].eq("amount needed for one weapon")].set_index("material")
material = estimates[estimates["unit"].eq("kg")].assign(material=lambda t: t["quantity"].astype(str))
most_by_material = material["high"] // material["material"].map(planning["kg_low"])
most_weapons = int(most_by_material.sum())
### END SOLUTION

# %%
check("05.1", most_weapons)

# %% [markdown]
# ## 05.2 The yield of the 2017 test (wrangle · 6 min)
# *Objective: estimate a test's yield from its body-wave magnitude with a published relation.*
#
# Use the relation `sykes-1991-hard-rock` from `relations` (mb = a + b log10 Y) and the USGS
# magnitude of test 6 (`mb_usgs` in `tests`) to estimate the yield of the September 2017 test, in
# kilotons: Y = 10 ** ((mb − a) / b). `seismic.yield_kt(mb, a, b)` does the arithmetic. Assign
# the number to `yield_2017`; the check accepts it if it is right to the nearest kiloton.

# %%
relations[["relation_id", "intercept_a", "slope_b"]]

# %%
# STUDENT: yield_2017 = ...
# STUDENT: # Level: partly guided. The hard-rock relation: relations.set_index("relation_id").loc[...]; the sixth test's mb from tests; then seismic.yield_kt(mb, intercept_a, slope_b).
### BEGIN SOLUTION
hard_rock = relations.set_index("relation_id").loc["sykes-1991-hard-rock"]
mb_2017 = tests.set_index("test_number").loc[6, "mb_usgs"]
yield_2017 = float(seismic.yield_kt(mb_2017, hard_rock["intercept_a"], hard_rock["slope_b"]))
### END SOLUTION

# %%
check("05.2", yield_2017)

# %% [markdown]
# ## 05.3 Inside the published range? (wrangle · 8 min)
# *Objective: compare yields from a magnitude–yield relation with published estimates.*
#
# With the same relation, compute the yield of **all six** tests. For each test, the published
# range runs from the smallest to the largest of all the figures in `yields` (the columns
# `yield_low_kt`, `yield_central_kt` and `yield_high_kt` together; ignore empty cells). For how
# many of the six tests does the formula's yield lie inside that range? Assign the number to
# `n_inside`.
#
# *Tip:* `yields.melt(id_vars="test_number", value_vars=[...])` stacks the three columns into one.

# %%
# STUDENT: n_inside = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
formula = tests.assign(kt=seismic.yield_kt(tests["mb_usgs"], hard_rock["intercept_a"], hard_rock["slope_b"]))
published = (
    yields.melt(id_vars="test_number", value_vars=["yield_low_kt", "yield_central_kt", "yield_high_kt"])
    .dropna(subset=["value"])
    .groupby("test_number")["value"].agg(["min", "max"])
)
compared = formula.join(published, on="test_number")
n_inside = int(compared["kt"].between(compared["min"], compared["max"]).sum())
### END SOLUTION

# %%
check("05.3", n_inside)

# %% [markdown]
# ## 05.4 Who saw the steps? (wrangle · 8 min)
# *Objective: count facility changes by status and whether outside experts observed them.*
#
# Make a table with one row per `status` that occurs in `changes`, a column `changes` with the
# number of recorded changes, and a column `with_experts` with how many of them had outside
# experts present (`outside_experts_present` is true; an empty cell counts as no). Assign it to
# `by_status`.

# %%
# STUDENT: by_status = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
by_status = (
    changes.groupby("status", observed=True)
    .agg(changes=("change_id", "size"), with_experts=("outside_experts_present", "sum"))
    .reset_index()
)
by_status
### END SOLUTION

# %%
check("05.4", by_status)

# %% [markdown]
# ## 05.5 What can seismology verify? (interpret · 4 min)
# *Objective: explain what seismic monitoring can and cannot establish about a nuclear programme.*
#
# Look back at 05.2 and 05.3. Which statement is best supported?
#
# - **a** The 2017 yield is uncertain only because agencies measured different magnitudes: with the
#   USGS magnitude, every magnitude–yield relation gives the same yield.
# - **b** Seismology shows that a test happened and its rough size, but the yield depends on the
#   constants assumed, and it says nothing about the size of the stockpile.
# - **c** The hard-rock relation's yield lies inside the published range for every one of the six
#   tests, so its constants can be trusted as they stand.
# - **d** The size of the 2017 test shows how large the stockpile is: a bigger yield means more
#   material.
#
# Assign the letter, in quotes, to `seismology`.

# %%
# STUDENT: seismology = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
seismology = "b"
### END SOLUTION

# %%
check("05.5", seismology)

# %% [markdown]
# ## 05.6 Draw the plan as a Gantt chart (chart · 8 min)
# *Objective: build a Gantt chart of a phased plan from a step table.*
#
# Here is a step table: one row per step, the phase it belongs to, the party that acts, its
# category, and when it starts and ends (years after an agreement).

# %%
plan = pd.DataFrame([
    ("Freeze nuclear and missile tests", "halt", "DPRK", "test freeze", 0, 1),
    ("Open liaison offices", "halt", "US", "liaison office", 0.5, 1.5),
    ("Inspect Yongbyon", "roll back", "DPRK", "inspection", 1, 3),
    ("Dismantle Yongbyon", "roll back", "DPRK", "dismantlement", 2, 4),
    ("Ease some sanctions", "roll back", "US", "sanctions relief", 2, 4),
    ("Declare material, weapons and sites", "roll back", "DPRK", "declaration", 3, 4),
    ("Remove material and weapons", "eliminate", "DPRK", "elimination", 5, 10),
], columns=["step", "phase", "actor", "category", "start", "end"])
plan

# %% [markdown]
# Draw it as a Gantt chart: `mark_bar()` with `x` the start (quantitative), `x2` the end, `y` the
# step (nominal) and `color` the phase (nominal). Give it a tooltip, a title and a `description`.
# Assign it to `plan_chart`. (The course helper `charts.gantt` builds the same chart; here,
# write it yourself.)

# %%
# STUDENT: plan_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
plan_chart = (
    alt.Chart(plan)
    .mark_bar(stroke="#333333", strokeWidth=1)
    .encode(
        x=alt.X("start:Q").title("Years after the agreement"),
        x2="end",
        y=alt.Y("step:N").title("Step").sort(list(plan["step"])),
        color=alt.Color("phase:N").title("Phase"),
        strokeDash=alt.StrokeDash("phase:N").title("Phase"),
        tooltip=[alt.Tooltip("step:N", title="Step"), alt.Tooltip("actor:N", title="Actor"),
                 alt.Tooltip("start:Q", title="Starts (year)"), alt.Tooltip("end:Q", title="Ends (year)")],
    )
    .properties(title="A seven-step plan (given)",
                description="Gantt chart of a seven-step plan, one bar per step from its start to its end year, "
                            "coloured by phase.")
)
plan_chart
### END SOLUTION

# %%
check("05.6", plan_chart)

# %% [markdown]
# ## 05.7 Design a plan that passes the rules (open · 12 min)
# *Objective: design a phased road map and check it against the sequencing rules of lesson 04.*
#
# Lesson 04 has two rule sets: `"declaration-first"` (the US position of 2018) and
# `"freeze-first"` (halt, roll back, eliminate, after Hecker, Carlin and Serbin). The plan above
# is judged by start year (`when="start"`): the order of its rows does not matter, and two steps
# starting in the same year are taken together, so neither comes before the other. See what each
# rule set says of it:

# %%
{name: roadmap.rule_violations(plan, name, when="start") for name in roadmap.RULE_SETS}

# %% [markdown]
# Choose a rule set, `my_rule_set`, and design your own plan, `my_plan`, with the same columns.
# It must include a test freeze, a declaration, inspections, dismantlement and elimination; steps
# by both the `"US"` and the `"DPRK"`; phases named `halt`, `roll back` or `eliminate`; and, by
# start year, it must break no rule of the set you chose. Change years, add or drop steps — there
# are many right answers. Draw it with `charts.gantt(my_plan, title=..., description=...)`, and
# defend your choice of rule set in 05.8.

# %%
# STUDENT: my_rule_set = ...
# STUDENT: my_plan = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
my_rule_set = "declaration-first"
my_plan = plan.copy()
my_plan.loc[my_plan["category"].eq("declaration"), ["start", "end"]] = [1, 2]
my_plan.loc[my_plan["category"].eq("inspection"), ["start", "end"]] = [1.5, 4]
my_plan.loc[my_plan["category"].eq("dismantlement"), ["start", "end"]] = [3, 6]
charts.gantt(my_plan, title="My plan", description="Gantt chart of my seven-step plan.")
### END SOLUTION

# %%
check("05.7", {"rule_set": my_rule_set, "plan": my_plan})

# %% [markdown]
# ## 05.8 Reflection: which single step would most reduce uncertainty? (reflection · 5 min, not checked)
# *Objective: evaluate which step of a road map most reduces uncertainty about North Korea's arsenal.*
#
# In three to five sentences: of the steps in your plan, which one would most reduce outsiders'
# uncertainty about North Korea's arsenal, and why? Use at least one number from this notebook
# or the lesson, and say what that step could *not* settle. Say also why you chose your rule set
# in 05.7, and what the other one would have allowed.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** A declaration checked by inspections would reduce uncertainty most. Today
# public estimates of the weapons differ several-fold, and 05.1 shows that even a single
# institute's material estimate allows anything from about a dozen to about fifty weapons,
# because the uncertainty about how much material there is multiplies with the uncertainty about
# how much a weapon needs. A declaration would fix the amount of material (one of the two
# factors) and list the sites, including undeclared ones such as the suspected Kangson plant, so
# that every later step could be counted against it. It could not settle whether the list is
# complete: that needs inspections over time, and seismology (05.2–05.5) helps only with testing,
# not with stockpiles.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 05.9 Theory against data: the transparency trade-off (theory · 12 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Coe and Vaynman's transparency trade-off) against
# the estimates and the Hanoi offers.*
#
# Coe and Vaynman expect a state with a small, partly hidden arsenal to resist an **early,
# complete declaration** and to prefer steps that reveal less, such as closing a known site.
#
# 1. In the code cell, make `outside_range`: the lowest `low` and the highest `high` of the
#    warhead estimates (`unit == "warheads"`) in `estimates` whose `as_of` is in 2018, as a
#    two-number tuple or list; and `declaration_step`: a dict giving, for each of the two Hanoi
#    offers in `sl.load("roadmaps")` (`"hanoi-us-big-deal"` and `"hanoi-dprk-offer"`), the
#    `position` of the step `"dprk-declaration"`, or `None` if the offer has none.
# 2. In four to six sentences: how uncertain were outsiders about the arsenal in 2018 (how many
#    estimates, and how far apart)? Where does the declaration come in each offer? Does the order
#    of North Korea's offer fit the theory's expectation? Give one other reason Pyongyang might
#    have offered that order.

# %%
# STUDENT: outside_range = ...
# STUDENT: declaration_step = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
in_2018 = estimates[(estimates["unit"] == "warheads") & (estimates["as_of"].dt.year == 2018)]
outside_range = (in_2018["low"].min(), in_2018["high"].max())
offers = sl.load("roadmaps").query("roadmap_id in ['hanoi-us-big-deal', 'hanoi-dprk-offer']")
declaration_step = {}
for name, offer in offers.groupby("roadmap_id", observed=True):
    found = offer.loc[offer["step_id"] == "dprk-declaration", "position"]
    declaration_step[name] = int(found.iloc[0]) if len(found) else None
len(in_2018), outside_range, declaration_step
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The four warhead estimates dated 2018 run from 10 to 60: SIPRI and the
# Bulletin counted 10 to 20 warheads, the Bulletin's fissile-material figure allowed 30 to 60, and
# the US intelligence figure as reported was 50. Outsiders did not know the arsenal to within a
# factor of six. The US "big deal" put the declaration second, right after the test freeze,
# before any US step; the DPRK's offer had no declaration at all and gave up Yongbyon, a site that
# outsiders already watch from satellite images (`facility_status_changes`). That fits Coe and
# Vaynman: a declaration would have told Washington what and where the hidden part of the
# programme was, before Pyongyang had received anything, while closing a known site revealed
# little. Another reason fits the same order: Yongbyon was a bargaining chip Pyongyang had
# offered before (at Pyongyang in September 2018, against US measures), and keeping the
# declaration back kept its largest chip for later rounds, a sequencing motive more than a
# security one.
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
