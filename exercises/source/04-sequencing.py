# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 04 — Sequencing
#
# Nine exercises for [lesson 04](../notebooks/04-sequencing.ipynb). They go from guided (compute
# a rank correlation) to open (design a road map of your own and have it checked against the
# rules). Replace each `...` with your answer, run the cell, then run the check cell below it.
# Estimated time: 45 minutes.
# The two exercises at the end (04.8, the tracks month by month, and 04.9, a theory exercise marked
# with a rubric) add 20 minutes; they may be set as homework.
#
# Remember: the cost and value scores of the step catalogue are the course's **stylized
# assumptions**. The checks use the course's scores, even if you edit your own copy.

# %%
import altair as alt

import summitlab as sl
from summitlab import check
from summitlab.models import roadmap as model
from summitlab.models import roadmaps_data as rd

sl.use_theme()
commitments = sl.load("commitments")
catalogue = rd.steps()
priorities = rd.priorities()  # statements made before Singapore (the main comparison)
later = rd.priorities("with-later-statements")  # adds the statements of July 2018 to March 2019

# %% [markdown]
# ## 04.1 The Singapore order and Pyongyang's priorities (wrangle · 8 min)
# *Objective: compute Kendall's tau between two priority orders.*
#
# Kendall's tau compares two orders: over every pair of items that both contain, it counts
# pairs in the same order (+1) and in opposite order (−1), and divides by the number of pairs.
#
# 1. From `commitments`, keep the rows of `agreement_id == "singapore-2018"` whose `position` is
#    a **numbered point** ("1" to "4"), sorted by `order`.
# 2. Make `singapore_order`, the list of their `pillar` values, each once, in that order.
# 3. Compute Kendall's tau between `singapore_order` and Pyongyang's stated order **as stated
#    through March 2019**, `later["DPRK"]`, with `model.kendall_tau`. Assign the number to
#    `tau_singapore` (the check accepts it if it is right to two decimals, rounded or with more
#    digits). (Before Singapore, Pyongyang ranked only two pillars, one pair: too few for a tau,
#    which `model.kendall_tau(singapore_order, priorities["DPRK"])` shows as `nan`.)

# %%
priorities, later

# %%
# STUDENT: singapore_order = ...
# STUDENT: tau_singapore = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # singapore = commitments[commitments["agreement_id"] == "____"].sort_values("order")
# STUDENT: # numbered = singapore[singapore["position"].str.isdigit()]
# STUDENT: # singapore_order = list(dict.fromkeys(numbered["pillar"].astype(str)))
# STUDENT: # tau_singapore = model.kendall_tau(singapore_order, later["____"])
### BEGIN SOLUTION
singapore = commitments[commitments["agreement_id"] == "singapore-2018"].sort_values("order")
numbered = singapore[singapore["position"].str.isdigit()]
singapore_order = list(dict.fromkeys(numbered["pillar"].astype(str)))
tau_singapore = model.kendall_tau(singapore_order, later["DPRK"])
### END SOLUTION

# %%
check("04.1", tau_singapore)

# %% [markdown]
# ## 04.2 Washington's peak exposure (wrangle · 5 min)
# *Objective: compute a road map's peak exposure.*
#
# Build the `phased-synchronized` road map (the DPRK's stated approach of 2018) with
# `rd.roadmap(...)`, compute the exposure table with `model.exposure(...)`, and find the
# **highest** exposure Washington (`party == "US"`) reaches anywhere along it. Assign the number
# to `us_peak`.

# %%
# STUDENT: phased = ...
# STUDENT: us_peak = ...
# STUDENT: # Level: partly guided. phased = rd.roadmap("phased-synchronized"); model.exposure(phased) gives the path; take the largest exposure of the US rows (.loc[..., "exposure"].max()).
### BEGIN SOLUTION
phased = rd.roadmap("phased-synchronized")
path = model.exposure(phased)
us_peak = path.loc[path["party"] == "US", "exposure"].max()
### END SOLUTION

# %%
check("04.2", us_peak)

# %% [markdown]
# ## 04.3 Chart exposure along the road map (chart · 7 min)
# *Objective: chart each party's exposure over the steps of a road map.*
#
# Chart the exposure table of the phased road map: a line per party (`color`, nominal), the
# step on `x` (**ordinal**, `step:O`) and the exposure on `y` (quantitative). Add a tooltip with
# titled fields, a title and a `description`. Assign the chart to `exposure_chart`.

# %%
# STUDENT: exposure_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
path = model.exposure(rd.roadmap("phased-synchronized"))
exposure_chart = (
    alt.Chart(path)
    .mark_line(point=True)
    .encode(
        x=alt.X("step:O").title("Step (0 = start)"),
        y=alt.Y("exposure:Q").title("Exposure (points given − points received)"),
        color=alt.Color("party:N").title("Party"),
        strokeDash=alt.StrokeDash("party:N").title("Party"),
        tooltip=[alt.Tooltip("step:O", title="Step"), alt.Tooltip("party:N", title="Party"),
                 alt.Tooltip("exposure:Q", title="Exposure (points)")],
    )
    .properties(
        title="Exposure along the DPRK's phased approach (stylized scores)",
        description="Line chart of US and DPRK exposure, in points, after each of the six steps of the phased and synchronized road map.",
    )
)
### END SOLUTION

# %%
check("04.3", exposure_chart)

# %% [markdown]
# ## 04.4 Which rule does the DPRK's Hanoi offer break? (interpret · 5 min)
# *Objective: identify which sequencing rule a road map breaks.*
#
# Look at `rd.roadmap("hanoi-dprk-offer")` and at the rules of the declaration-first rule set,
# `model.RULE_SETS["declaration-first"].table()`. Which of them does the offer break?
#
# - **a** a test freeze before dismantlement
# - **b** a declaration before inspection
# - **c** a declaration before dismantlement
# - **d** inspection before elimination
#
# Assign the letter, in quotes, to `rule_broken`.

# %%
rd.roadmap("hanoi-dprk-offer")[["position", "actor", "action", "category"]]

# %%
# STUDENT: rule_broken = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
rule_broken = "c"
### END SOLUTION

# %%
check("04.4", rule_broken)

# %% [markdown]
# ## 04.5 Which approach matches whose priorities? (interpret · 5 min)
# *Objective: compare road maps by their alignment with each party's stated priorities.*
#
# `rd.compare(variant="with-later-statements")` gives, for each road map and party, Kendall's tau
# between the order in which the road map delivers each pillar and the party's stated order
# *including statements made after Singapore* (with only the earlier statements, Pyongyang's
# order is too short for any tau), and the number of pairs behind it. Which statement is right?
#
# - **a** Washington's priorities are best matched by the Singapore order, Pyongyang's by denuclearization first.
# - **b** Washington's priorities are best matched by denuclearization first; Pyongyang's by the Singapore order; the two Hanoi offers share too few pillars with either list for a tau.
# - **c** Washington's priorities are best matched by the phased approach, Pyongyang's by the US Hanoi offer.
# - **d** Freeze for freeze matches both parties' priorities best.
#
# Assign the letter, in quotes, to `best_match`.

# %%
# STUDENT: best_match = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
taus = rd.compare(variant="with-later-statements").pivot(index="roadmap_id", columns="party", values=["tau", "pairs"])
best_match = "b"
### END SOLUTION

# %%
check("04.5", best_match)

# %% [markdown]
# ## 04.6 Design your own road map (design · 12 min)
# *Objective: design a road map that respects every rule and keeps both parties' peak exposure
# within a tolerance.*
#
# Write a road map as a list of step ids from `catalogue["step_id"]`, in order, such that:
#
# 1. it reaches **declaration, inspection, dismantlement and elimination** (complete
#    denuclearization, verified) and gives Pyongyang **a peace regime** and **sanctions relief**;
# 2. it breaks **no rule of the rule set you choose**: `"declaration-first"` (the US position of
#    2018: a declaration before inspections and dismantlement) or `"freeze-first"` (halt, roll
#    back, eliminate, after Hecker, Carlin and Serbin). `model.RULE_SETS[name].table()` lists
#    each set's rules and sources; you will defend your choice in 04.7;
# 3. neither party's exposure ever exceeds **2 points** (with the course's scores).
#
# Test your draft with `model.rule_violations(draft, my_rule_set)` and `model.peak_exposure(draft)`
# (build `draft` with `catalogue.set_index("step_id").loc[my_roadmap].reset_index()`). The check
# takes both: `check("04.6", {"rule_set": my_rule_set, "steps": my_roadmap})`, and says which
# condition fails, and where.

# %%
catalogue[["step_id", "actor", "category", "cost", "value"]]

# %%
# STUDENT: my_rule_set = ...
# STUDENT: my_roadmap = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
my_rule_set = "declaration-first"
my_roadmap = [
    "dprk-test-freeze", "us-exercise-suspension", "us-end-of-war-declaration", "dprk-declaration",
    "us-exchanges", "dprk-inspections", "us-partial-sanctions-relief", "dprk-yongbyon-dismantlement",
    "us-security-assurance", "us-peace-treaty", "dprk-full-dismantlement", "us-full-sanctions-relief",
    "dprk-weapons-elimination", "us-normalization",
]
draft = catalogue.set_index("step_id").loc[my_roadmap].reset_index()
model.rule_violations(draft, my_rule_set), model.peak_exposure(draft)
### END SOLUTION

# %%
check("04.6", {"rule_set": my_rule_set, "steps": my_roadmap})

# %% [markdown]
# ## 04.7 Reflection: what does the model leave out? (reflection · 5 min, not checked)
# *Objective: evaluate the limits of the road-map model.*
#
# In three to five sentences: say why you chose your rule set in 04.6 (which source persuades
# you, and what the other set would have allowed); then name two things that mattered in
# 2018–2019 and that the model cannot represent, and say how each could change your answer.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** I chose declaration first because without an inventory nobody could count
# what was dismantled; the halt-first set would have let Yongbyon go before any declaration, which
# is what Pyongyang offered at Hanoi, and Hecker's account suggests the talks stalled exactly on
# that choice. The model adds up ordinal scores as if a peace treaty and a declaration
# could be traded point for point, and it treats every step as final, while a freeze or an
# exercise suspension can be reversed in a week and a dismantled test stand rebuilt in months
# (the lesson's reversibility discount is a first, crude correction). It
# has two parties, so it cannot show Seoul's inter-Korean track or the UN sanctions committee,
# both of which could block or speed up a step (the railway survey waited three months for an
# exemption). It assumes each side sees the same scores, but the point of the sequencing dispute
# was that they valued the same step very differently. And it says nothing about trust,
# verification failures or domestic politics, which decide whether a party really walks away at
# its tolerance. A road map that passes 04.6 is therefore feasible on paper, not a forecast.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 04.8 The two tracks, month by month (wrangle · 10 min)
# *Objective: compare the inter-Korean and US–DPRK tracks month by month in 2018.*
#
# The lesson charted the events of each track per month. Now make the comparison a table you can
# read month by month. Use the rows of 2018 from `events` (its `event_type` is the kind of event)
# **and** every row of `inter_korean_track`, keeping only the tracks `"US-DPRK"` and
# `"inter-Korean"` (both tables give local dates).
#
# Build `tracks_by_month` with one row per month of 2018 that has at least one event on either
# track, and the columns:
#
# - `month`: the month number, 1 to 12;
# - `us_dprk` and `inter_korean`: the number of rows of each track in that month (0 if none);
# - `busier`: `"US-DPRK"`, `"inter-Korean"` or `"tied"`, whichever track had more rows.
#
# Then read your table: in which months was the inter-Korean track the busier one, and does
# that pattern fit the lesson's takeaway?

# %%
import pandas as pd

ik = sl.load("inter_korean_track")
events = sl.load("events")

# %%
# STUDENT: tracks_by_month = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
both = pd.concat([
    events.loc[events["date"].dt.year == 2018, ["date", "track"]],
    ik[["date", "track"]],
])
both = both[both["track"].astype(str).isin(["US-DPRK", "inter-Korean"])]
counts = pd.crosstab(both["date"].dt.month, both["track"].astype(str))
tracks_by_month = counts.rename(columns={"US-DPRK": "us_dprk", "inter-Korean": "inter_korean"})
tracks_by_month = tracks_by_month.rename_axis("month").reset_index()
tracks_by_month["busier"] = "tied"
tracks_by_month.loc[tracks_by_month["us_dprk"] > tracks_by_month["inter_korean"], "busier"] = "US-DPRK"
tracks_by_month.loc[tracks_by_month["inter_korean"] > tracks_by_month["us_dprk"], "busier"] = "inter-Korean"
tracks_by_month
### END SOLUTION

# %%
check("04.8", tracks_by_month)

# %% [markdown]
# ## 04.9 Theory against data: the commitment problem (theory · 10 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Fearon's commitment problem) against the road
# maps' exposure.*
#
# The lesson's theory section reads sequencing as an answer to Fearon's commitment problem: a side
# will not make a concession it fears the other will exploit, so each side should prefer orders
# of steps that keep **its own** peak exposure low.
#
# 1. In the code cell, make `peaks`, a table with one row per published road map and one column
#    per party holding that party's peak exposure (`rd.compare()` has a `peak_exposure` column).
# 2. In three to five sentences: which road maps did each side propose or back (the lesson and
#    `rd.roadmap(...)`'s sources say whose each is), and does each side's own road map keep its
#    own peak low? Name the numbers. Then say whether this is a real test of the theory, or
#    whether the course's cost and value scores could have built the result in, and what
#    evidence outside the model would test it better.

# %%
# STUDENT: peaks = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
peaks = rd.compare().pivot(index="roadmap_id", columns="party", values="peak_exposure")
peaks
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The peaks table (from `rd.compare()`, course scores) shows that the two
# road maps Washington backed, denuclearization first and its Hanoi "big deal", leave Washington's
# peak at 0 and push Pyongyang's to 11, while the DPRK's phased approach and its Hanoi offer keep
# Pyongyang's peak at 1 (Washington's at 2 and 1). So each side's own road map keeps its own
# exposure low and the other's high, as the commitment problem expects. But this is a weak test:
# the costs and values are the course's stylized scores, and a side's proposal naturally puts
# its own big steps late, so the pattern follows almost from how exposure is defined. A better
# test would use evidence outside the model, such as whether each side explained its refusals in
# terms of being cheated later (in `statements`, S024 of July 2018 calls the US demands
# "unilateral"), or whether proposals changed when one side's fear of reneging was eased.
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
