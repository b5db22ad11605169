# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 02 — Reading the Singapore statement
#
# These eight exercises go with [lesson 02](../notebooks/02-singapore-statement.ipynb). They
# move from counting the statement's commitments to scoring and ranking agreements, charting
# them, and rewriting a commitment of your own. Replace each `...` with your answer, run the
# cell, then run the check below it (**correct**, **not yet** or **not quite** with a hint; run
# it again after a wrong answer for a stronger hint). Estimated time: 50 minutes.
# The theory exercise at the end (02.8, marked with a rubric) adds 12 minutes; it may be set as homework.
#
# The coding rules for the five features are in the
# [commitments codebook](../data/codebook/commitments.md): keep it open.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import check

sl.use_theme()
commitments = sl.load("commitments")
FEATURES = ["has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step"]

# %%
commitments.head()

# %% [markdown]
# ## 02.1 Count Singapore's commitments by pillar (wrangle · 5 min)
# *Objective: compute how many commitments the statement makes on each pillar.*
#
# Keep the rows whose `agreement_id` is `"singapore-2018"` and count them by `pillar`. Assign
# to `by_pillar` a table with two columns, `pillar` and `n_commitments`, and one row for each
# pillar that Singapore actually has.
#
# *Tip:* `pillar` is a categorical column. `groupby("pillar", observed=True)` keeps only the
# categories that occur.

# %%
# STUDENT: singapore = ...
# STUDENT: by_pillar = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # singapore = commitments.query("agreement_id == '____'")
# STUDENT: # by_pillar = (
# STUDENT: #     singapore
# STUDENT: #     .groupby("____", observed=True)
# STUDENT: #     .size()
# STUDENT: #     .reset_index(name="n_commitments")
# STUDENT: # )
### BEGIN SOLUTION
singapore = commitments.query("agreement_id == 'singapore-2018'")
by_pillar = (
    singapore
    .groupby("pillar", observed=True)
    .size()
    .reset_index(name="n_commitments")
)
by_pillar
### END SOLUTION

# %%
check("02.1", by_pillar)

# %% [markdown]
# ## 02.2 A specificity score for each agreement (wrangle · 10 min)
# *Objective: compute each agreement's specificity score from its coded features.*
#
# For every agreement, take the **share** of its commitments that have each of the five
# features (the mean of a true/false column is the share of `True`; missing cells, which the
# coders could not check, are left out). The score is the average of the five shares, times
# 100, so that it runs from 0 to 100.
#
# Assign to `scores` a table with the columns `agreement_id` and `score`, one row per agreement.
# The check accepts each score if it is right to one decimal (rounded, or with more digits).

# %%
# STUDENT: shares = ...
# STUDENT: scores = ...
# STUDENT: # Level: partly guided. shares: commitments.groupby("agreement_id")[FEATURES].mean(); scores: .mean(axis=1), .mul(100), .rename("score"), .reset_index(), .sort_values(...).
### BEGIN SOLUTION
shares = commitments.groupby("agreement_id")[FEATURES].mean()
scores = (
    shares
    .mean(axis=1)
    .mul(100)
    .rename("score")
    .reset_index()
    .sort_values("score", ascending=False)
)
scores
### END SOLUTION

# %%
check("02.2", scores)

# %% [markdown]
# ## 02.3 Rank the agreements under arms-control weights (wrangle · 8 min)
# *Objective: evaluate how a ranking of agreements depends on the weights of the score.*
#
# An analyst who cares most about arms control weights verification **3**, a named facility
# **2** and the other three features **1** each. The weighted score is
#
# score = 100 × (Σ weight × share) / (Σ weights).
#
# Compute it for every agreement (start from the table of shares in 02.2) and assign to
# `ranking` the list of `agreement_id`s from the **most** to the least specific. Compare it
# with the order of the unweighted `score`s of 02.2: which agreements move?

# %%
weights = {"has_deadline": 1, "has_verification": 3, "names_facility": 2,
           "quantified": 1, "reciprocal_step": 1}
# STUDENT: ranking = ...
# STUDENT: # Level: partly guided. w = pd.Series(weights); multiply shares[w.index] by w (.mul), add across (.sum(axis=1)), divide by w.sum() (.div); sort and take the index.
### BEGIN SOLUTION
w = pd.Series(weights)
weighted = shares[w.index].mul(w).sum(axis=1).div(w.sum()).mul(100)
ranking = list(weighted.sort_values(ascending=False).index)
ranking
### END SOLUTION

# %%
check("02.3", ranking)

# %% [markdown]
# ## 02.4 Heatmap of agreements by feature (chart · 10 min)
# *Objective: chart the share of commitments with each feature, agreement by agreement.*
#
# Turn the table of shares into long form, with one row per agreement and feature and the
# columns `agreement_id`, `feature` and `share` (in percent). Then draw a heatmap
# (`mark_rect()`) with `feature` on x (nominal), `agreement_id` on y (nominal) and `share` as
# colour (quantitative). Give it a tooltip with titled fields, a title and a `description`.
# Assign the chart to `heatmap`. *Bonus:* layer the numbers on top with `mark_text()`, so that
# the reading does not rest on colour alone.

# %%
# STUDENT: long = ...
# STUDENT: heatmap = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
long = (
    shares.mul(100)
    .reset_index()
    .melt(id_vars="agreement_id", var_name="feature", value_name="share")
)
base = alt.Chart(long).encode(
    x=alt.X("feature:N").title("Specificity feature"),
    y=alt.Y("agreement_id:N").title("Agreement"),
    tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"),
             alt.Tooltip("feature:N", title="Feature"),
             alt.Tooltip("share:Q", title="Share of commitments (%)", format=".0f")],
)
heatmap = (
    base.mark_rect().encode(color=alt.Color("share:Q").title("Share (%)"))
    + base.mark_text().encode(text=alt.Text("share:Q", format=".0f"))
).properties(
    title="Share of commitments with each specificity feature (%)",
    description="Heatmap of agreements by five specificity features, each cell giving the percentage of the agreement's commitments with that feature.",
)
heatmap
### END SOLUTION

# %%
check("02.4", heatmap)

# %% [markdown]
# ## 02.5 What does Singapore pin down? (interpret · 3 min)
# *Objective: explain what the statement leaves out, using the coded features.*
#
# Look at the Singapore rows and their five feature columns. Which Singapore commitment has a
# deadline or a verification provision?
#
# - **a** point 3: "complete denuclearization" is Washington's CVID formula (complete, verifiable,
#   irreversible), so the commitment includes verification
# - **b** point 4: "immediate" repatriation of identified remains sets a time limit
# - **c** none of the four numbered points, but the closing paragraph does: it sets follow-on
#   negotiations "at the earliest possible date"
# - **d** none of them
#
# Assign the letter, in quotes, to `pinned`.

# %%
# STUDENT: pinned = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
pinned = "d"
### END SOLUTION

# %%
check("02.5", pinned)

# %% [markdown]
# ## 02.6 At which numbered point does denuclearization come? (interpret · 4 min)
# *Objective: explain the order of the statement's commitments.*
#
# The statement has an opening paragraph, four numbered points and a closing paragraph; the
# `position` column says which. At which **numbered point** does the statement's
# denuclearization commitment come? Assign the number (an integer) to `denuc_point`.

# %%
# STUDENT: denuc_point = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
numbered = singapore[singapore["position"].str.isdigit()]
denuc_point = int(numbered.loc[numbered["pillar"] == "denuclearization", "position"].iloc[0])
denuc_point
### END SOLUTION

# %%
check("02.6", denuc_point)

# %% [markdown]
# ## 02.7 Reflection: rewrite point 3 so that it could be verified (reflection · 10 min, not checked)
# *Objective: explain what a verifiable denuclearization commitment would need.*
#
# Point 3 commits the DPRK to "work toward complete denuclearization" (the `key_phrase` of
# `singapore-2018-05`). Rewrite it, in two to four sentences, as a commitment that would be
# coded `true` on as many of the five features as you can. Then say which features your
# version meets, and why a negotiator on either side might have refused to sign it.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** "Within 60 days of signature, the DPRK will hand the United States and
# the IAEA a declaration of all its nuclear facilities and its stocks of plutonium and highly
# enriched uranium, and will stop operating the 5 MW(e) reactor and the uranium-enrichment
# plant at Yongbyon, with IAEA inspectors present to monitor the shutdown. Upon the IAEA's
# confirmation of the shutdown, the United States will take an agreed corresponding step
# (for example, a liaison office in Pyongyang)." This meets `has_deadline` (60 days),
# `has_verification` (IAEA monitoring), `names_facility` (Yongbyon, the 5 MW(e) reactor) and
# `reciprocal_step` ("upon confirmation"). It is not `quantified`: to be, it would need an
# amount, such as a number of kilograms of material to ship out or of warheads to dismantle.
# Why might it not have been signed? Pyongyang would be asked to reveal its programme before
# receiving anything it valued; Washington might object
# that a Yongbyon-only freeze leaves undeclared sites and existing weapons untouched. The gap
# between the two objections is the sequencing problem of lesson 04.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 02.8 Theory against data: hard and soft agreements (theory · 12 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Abbott and Snidal's hard and soft law) against the
# coded agreements.*
#
# The lesson's theory section describes agreements by their *precision* (how exactly the
# obligations are stated), *obligation* and *delegation*. The theory expects softer (less
# precise) texts to be easier to sign but harder to hold a party to.
#
# 1. In the code cell, make `precision`: one row per agreement, its specificity score (the mean,
#    over the five features, of the share of its commitments that have the feature, in percent,
#    as in 02.2), its `name` and its `in_force_outcome` from `sl.load("agreements")`, sorted
#    from most to least precise.
# 2. In four to six sentences: compare the two most precise texts with the two least precise on
#    what happened after they were signed (`in_force_outcome`). Does the pattern fit the theory?
#    How many agreements does the comparison rest on, and what else differs between them? What
#    would you need to add to the data to test the first half of the theory (softer texts are
#    *easier to sign*)?

# %%
# STUDENT: precision = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
shares = commitments.groupby("agreement_id")[FEATURES].mean()
scores = (shares.mean(axis=1) * 100).rename("specificity").reset_index()
outcomes = sl.load("agreements")[["agreement_id", "name", "in_force_outcome"]]
precision = scores.merge(outcomes, on="agreement_id").sort_values("specificity", ascending=False)
precision
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The two most precise texts are the Initial Actions of February 2007 (about
# 34) and the inter-Korean military agreement of September 2018 (about 29); the two least precise
# are the Singapore statement (0) and the Six-Party joint statement of 2005 (about 6). The precise
# ones were followed by concrete, checkable steps: Yongbyon was shut down in July 2007 with IAEA
# monitors present, and buffer and no-fly zones applied from November 2018. The vague ones mostly
# set goals: Singapore was followed by the return of remains but no road map. That fits the
# theory's second half: a precise text gives each side something to hold the other to. But the
# comparison rests on eight texts, and the precise ones differ in other ways: each was an
# implementation agreement written after a vaguer one (2005, the Panmunjom Declaration), so
# precision may be a sign of prior working-level negotiation, not its cause. To test whether soft
# texts are *easier to sign*, I would need how long each took to negotiate and how many rounds
# failed first, which the `agreements` table does not record (`earlier_talks` has the sessions for
# some of them only).
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
