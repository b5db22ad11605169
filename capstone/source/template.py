# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Capstone: my question (replace this title with your headline)
#
# Your own question about US–DPRK diplomacy, or about a comparable summit, answered as a short
# Monkey Cage-style piece (political science for newspaper readers, like the course's seed
# article, `washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`; 600–1,000 words) with **at least two charts**, **a forecast with a probability** and **the strongest
# counter-argument**. Read [README.md](README.md) for the milestones and [rubric.md](rubric.md)
# for how it is marked; [exemplar.ipynb](exemplar.ipynb) is a worked example.
#
# Work in the order of the sections. Replace every `...` and every line in *italics*. Numbers in
# your prose are computed in the notebook (as in the lessons), never typed.

# %%
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import Markdown

import summitlab as sl
from summitlab.capstone import check_project

sl.use_theme()

# %% [markdown]
# ## Milestone 1 · Question and data plan
# - **My question** (one sentence, with a comparison and something you can count or measure):
#   *…*
# - **Why it matters** (one or two sentences, for a reader of a newspaper): *…*
# - **The data**: which course tables (`sl.tables()` lists them), and which table of your own?
#   Say what one row of your table will be and where its facts will come from: *…*

# %%
sl.tables()

# %% [markdown]
# ## Milestone 2 · My table, with its sources, checked
# Copy the folder `starter/` to `my-project/` (beside this notebook), rename `my_table.csv` and
# `schemas/my_table.json` to your table's name, describe each column in the schema, and fill one
# row per item. **Every row needs a `source_id`**: one of the course's (`sl.sources()`) or one you
# add to `my-project/sources.csv` with its author, title, publisher, date, address and kind. Run
# the next cell until it says *valid*. (If you only use the course's tables, say so here and skip
# this milestone.)

# %%
check_project(Path("my-project"))

# %%
# Load your table (change the file name) and the course tables you use.
mine = ...
mine

# %% [markdown]
# ## Milestone 3 · The evidence: computations and two charts
# Each chart: explicit types on every field, axis titles with units, a title, a `description`
# (one sentence saying what it shows) and a tooltip, as in the lessons.

# %%
# The computation your first chart shows (aggregate in pandas first).
...

# %%
first_chart = ...
first_chart

# %%
second_chart = ...
second_chart

# %% [markdown]
# ## Milestone 4 · The piece
# ### *Your headline*
# Build the paragraphs that quote numbers from computed values, as the exemplar does:
# `Markdown(f"... {value} ...")`. Write the others here, in your own words, citing each fact's
# `source_id` or table.

# %%
Markdown("*Your first paragraphs, with computed numbers.*")

# %% [markdown]
# ### My forecast
# **Question:** *Will … by … (a date)?* It must resolve yes or no, on a date, from a source anyone
# can check. **My probability:** *…%*. Then two or three sentences: the base rate you started from
# (computed above) and what moved you up or down.
#
# ### The strongest counter-argument
# *The best case against your answer or your forecast, stated fairly, with its evidence; then
# why you still hold your view, or how you changed it, and what new fact would change it.*

# %% [markdown]
# ## References
# List every source your piece uses (course sources by id; yours from `my-project/sources.csv`).

# %%
cited = []  # the source_ids you cite
sl.references(cited)
