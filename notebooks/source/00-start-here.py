# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Start here: how this course works
#
# **Summit Lab** is a course on the diplomacy between the United States and North Korea in
# 2018–2019 — two summits between Donald Trump and Kim Jong Un, a third meeting at the
# demilitarized zone, and no agreement on nuclear weapons — and, in its last lesson, what followed
# up to 2026. You will study it the way an analyst
# would: with data, with the statements of each government involved, and with an argument to
# test.
#
# That argument comes from a January 2019 *Monkey Cage* article by the political scientist Mira
# Rapp-Hooper, written a month before the second summit (source `washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`).
# In our paraphrase, it claims that the talks lacked (1) a working policy process below the two
# leaders, (2) an agreed order of steps, and (3) a [**road map**](../docs/glossary.md#road-map) toward arms control. The course
# turns each claim into questions you can answer with data — and asks you to judge it, including
# the best case against it.
#
# **Objectives.** By the end of this lesson you can:
# - *explain* how the course is organised and how its exercises are checked;
# - *load* a course table with `summitlab` and *describe* what one of its rows is;
# - *find* the source of any fact in the course;
# - *save* your work from a temporary Binder session.
#
# **Prerequisites:** none beyond one first course in Python (variables, lists, calling functions).
# {estimated_time}
# **Data used:** [`sources`](../data/codebook/sources.md) and [`events`](../data/codebook/events.md).

# %% [markdown]
# ## Who this course is for
# Students of political science, international relations and public policy who have taken one
# first course in Python. Instructors can teach each lesson in a 75–90 minute class; students can
# work through it alone; anyone can run it in a browser on Binder without installing anything.

# %% [markdown]
# ## How do you run a notebook?
# A notebook is a list of *cells*. Markdown cells (like this one) hold text; code cells hold
# Python. Click a code cell and press **Shift + Enter** to run it and move to the next one, or
# use **Run → Run All Cells**. Run cells from the top: later cells use what earlier ones define.
#
# Every notebook starts the same way: import the course's helper package, `summitlab`, and turn
# on the course's chart theme with `sl.use_theme()` (colours chosen to stay distinct for
# colour-blind readers).

# %%
import altair as alt

import summitlab as sl

sl.use_theme()

# %% [markdown]
# ## What is in the course?
# Each row of the course map is one lesson: its question, the time it takes and where its
# exercise notebook lives; `sl.course_map()` returns it as a table. `available` says whether the
# lesson's notebook is in your copy.
# (`course["minutes"].sum()` below adds up a column; the [primer](00p-python-primer.ipynb)
# teaches this and the rest of the code you see here.)
#
# A sentence in italics under a cell, like the one below, is a *takeaway*: it is computed from the
# data, never typed, and `sl.takeaway(text)` shows it. Here you see the code that writes it. From lesson 01 on, that code sits in a
# collapsed cell labelled *How this sentence is computed* (click the bar at the cell's left, or the
# ⋯, to open it; on the course website, the toggle of that name), so that the code you read line
# by line is the analysis.

# %%
course = sl.course_map()
course[["lesson", "title", "question", "minutes", "available"]]

# %%
sl.takeaway(
    f"The course has {len(course)} lessons, about {course['minutes'].sum() / 60:.0f} hours "
    f"including exercises; {int(course['available'].sum())} of them can be opened now."
)

# %% [markdown]
# ## Where do the facts come from?
# Every date, number and statement in the course comes from a table in the `data/` folder, and
# every row of every table names its source in a column called `source_id`. The `sources` table
# is the bibliography: who published the document, when, and where to read it. The
# [codebook](../data/README.md) says, table by table, what one row is and how each column was
# coded — including known gaps and places where sources disagree. `sl.tables()` lists the tables,
# `sl.load(name)` loads one with its proper types, and `.head()` shows a table's first five rows.

# %%
tables = sl.tables()
tables

# %%
sources = sl.load("sources")
sources[["source_id", "publisher", "date", "kind"]].head()

# %% [markdown]
# What kinds of source does the course rest on? Click a bar to highlight it.
#
# *Reading the code* (the primer, next, teaches each step): `.groupby("kind", observed=True).size()`
# counts the rows of each kind and `.reset_index(name=...)` makes the counts a table;
# `alt.Chart(...).mark_bar().encode(...)` draws one bar per row, with `alt.X`, `alt.Y` and
# `.title(...)` for the axes, `alt.Tooltip` for the text shown on hover and `.properties(...)`
# for the title and description; `alt.selection_point`, `.add_params` and
# `alt.when(...).then(alt.value(1)).otherwise(...)` make a click highlight one bar. After it,
# `.sort_values(...)` sorts rows, `.iloc[0]` takes the first one, and `.query("...")` keeps
# the rows that match a condition.

# %%
by_kind = sources.groupby("kind", observed=True).size().reset_index(name="n_sources")
pick = alt.selection_point(fields=["kind"])
(
    alt.Chart(by_kind)
    .mark_bar()
    .encode(
        x=alt.X("n_sources:Q").title("Number of sources"),
        y=alt.Y("kind:N").title("Kind of source").sort("-x"),
        opacity=alt.when(pick).then(alt.value(1)).otherwise(alt.value(0.4)),
        tooltip=[alt.Tooltip("kind:N", title="Kind"), alt.Tooltip("n_sources:Q", title="Sources")],
    )
    .add_params(pick)
    .properties(
        title="The course's sources by kind",
        description="Horizontal bar chart of how many sources in the course bibliography are primary documents, news reports, research, databases and commentary.",
    )
)

# %%
top = by_kind.sort_values("n_sources", ascending=False).iloc[0]
sl.takeaway(
    f"The course cites {len(sources)} sources across {len(tables)} tables; the most common kind "
    f"is '{top['kind']}' ({top['n_sources']} sources)."
)

# %% [markdown]
# Dates need one more word of care. The **events** table gives the *local* date where an event
# happened, while the **missile_launches** table follows the database it comes from and gives
# the date in [**UTC**](../docs/glossary.md#utc) (Coordinated Universal Time). Seoul is nine
# hours ahead of UTC; Pyongyang was too, except from 15 August 2015 to 4 May 2018, when its clock
# ran eight and a half hours ahead (UTC+8:30). Either way a launch early on a Korean morning
# falls on the *previous* UTC day. `summitlab.timezones` converts with the offset in force on
# the day. The codebook says which clock each table uses; the exercises will test you on it.

# %%
events = sl.load("events")
events[["date", "track", "event_type", "summary", "source_id"]].head()

# %% [markdown]
# ## How are exercises checked?
# Each lesson has an exercise notebook in `exercises/`. You write an answer in place of `...`,
# then run the check cell beneath it, `sl.check("id", answer)`. A check answers one of three ways:
#
# - **correct** — move on;
# - **not yet** — you have not replaced the `...`;
# - **not quite** — with what is wrong and a hint aimed at the usual mistake. Run the check
#   again after another wrong try for a stronger hint.
#
# Here is what an unanswered exercise looks like:

# %%
sl.check("00.1", ...)

# %% [markdown]
# Checks never show the answer, so trying is the only way to get one. <!-- course-only -->Model answers are in
# `exercises/solutions/`: open them once you have an answer of your own to compare. <!-- /course-only --><!-- release-only: Your instructor can give you the model answers once you have answers of your own to compare. -->Each check
# also records its result in a small file beside your work, and `sl.progress()` lists every
# exercise in the course with where you stand:

# %%
sl.progress().head()

# %% [markdown]
# ## How do you keep your work on Binder?
# A Binder session is temporary: it is deleted after about ten minutes without activity, and
# everything in it goes with it. Before you stop, run `sl.save_work()` in any exercise
# notebook: it packs all your exercise notebooks and your progress into one `.zip` file and
# shows a link to download it. Press Ctrl+S first: the file holds your notebooks as saved, and
# the cell warns you if an answer you solved is not saved yet. Next time, upload that file into `exercises/` and run
# `sl.restore_work("summitlab-work-….zip")`; it never overwrites a notebook you have already
# changed (it writes the saved copy beside it). You can also download single notebooks: right-click
# one in the file browser and choose **Download**. On your own computer (`python course.py lab`,
# see the README) nothing is lost.

# %% [markdown]
# **Honest work and AI.** Work with others and ask for help freely; what you hand in for a grade
# must be your own. Your instructor says whether, and how, you may use an AI assistant. The page
# [academic integrity and AI use](../docs/academic-integrity.md) says how to cite the course's
# data and an assistant, and what a *correct* from a check does and does not prove.

# %% [markdown]
# ## Discussion
# 1. The course treats a single article as an argument to test. What would make you trust — or
#    distrust — a claim about secret negotiations that an analyst makes from public sources?
# 2. Why might a database of missile launches and a chronology of diplomatic events record the
#    same day differently? What could go wrong if you merged them without noticing?
#
# ## Keypoints
# - Run notebooks from the top; `import summitlab as sl` and `sl.use_theme()` start each one.
# - `sl.load(name)` returns a course table with proper types; `sl.tables()` lists them.
# - Every row has a `source_id`; the `sources` table and the codebook say where each fact comes from.
# - Checks answer *correct*, *not yet* or *not quite* with a hint, and never give the answer away.
# - On Binder, run `sl.save_work()` and download the file it shows before you leave.
#
# ## Next
# - Exercises: [exercises/00-start-here.ipynb](../exercises/00-start-here.ipynb) (20 minutes).
# - Next: the Python primer ([00p-python-primer.ipynb](00p-python-primer.ipynb)), the pandas and Altair the exercises use (its time is in the course map above).
# - Then lesson 01 — [From crisis to summit](01-crisis-to-summit.ipynb).
#
# ## References
# `sl.references([...])` lists the full citation of each source id it is given.

# %%
sl.references(["washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
               "theindianawaaz-2018-05-06-north-korea-resets-clocks",
               "kcnawatch-2018-05-05-reset-pyongyang-time-begins"])
