# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Reading the Singapore statement
#
# On 12 June 2018 (local date in Singapore) Donald Trump and Kim Jong Un signed a *joint
# statement*: a short text both leaders sign that states shared goals, not a treaty with
# detailed obligations. This lesson reads it the way an arms-control analyst would: what
# does it commit each side to, in which order, and how specific is it compared with the
# agreements that came before it?
#
# **Objectives.** By the end of this lesson you can:
# - *compute* how many commitments the statement makes, by subject ("pillar"), by the party
#   bound, and in which order they come;
# - *compare* the specificity of Singapore with the earlier agreements in the course's data,
#   feature by feature, in a heatmap;
# - *evaluate* a specificity score: compute it under two weightings and explain why a ranking
#   depends on the rule;
# - *explain* why Washington and Pyongyang could read the same numbered points as different
#   orders of priority.
#
# **Prerequisites:** [lesson 00](00-start-here.ipynb) (loading tables, checks) and
# [lesson 01](01-crisis-to-summit.ipynb) (the road from the 2017 crisis to the summit).
# {estimated_time}
# **Data used:** [`commitments`](../data/codebook/commitments.md),
# [`agreements`](../data/codebook/agreements.md),
# [`statements`](../data/codebook/statements.md), [`events`](../data/codebook/events.md) and
# [`sources`](../data/codebook/sources.md).

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab.charts import annotated_timeline, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lesson 01, this lesson uses:
# - `.str` methods on text columns: `.str.fullmatch(pattern)`, `.str.contains("US")` give True/False per row.
# - `.eq(x)` / `.ne(x)` / `.gt(x)` are `==`, `!=`, `>` as methods (handy in chains); `.all()` / `.any()`: all / any True.
# - `.cat.categories`: the ordered labels of a categorical column.
# - `.itertuples()` loops over rows (`row.column`); `.rename(...)`, `.to_frame()` and `.add_suffix(...)` rename or reshape a result.
# - `.mul(x)`, `.div(x)`: multiply, divide (also by a Series, matched on labels); `.rank(...)`: 1 for the largest, 2 for the next…
# - `.pivot(index=..., columns=..., values=...)`: long to wide when each cell has one value (no aggregation).
# - `.apply(function)` after `groupby` runs a function on each group; `pd.concat([a, b])` stacks tables; `.nlargest(n)`: the n largest values.
# - Altair: `alt.EncodingSortField(...)` sorts an axis by another field; `alt.Text` and `mark_rect` draw labels and heat-map cells;
#   `alt.param(...)` with `alt.binding_range(...)` makes a slider; `.transform_calculate(...)` computes a column inside the chart.

# %% [markdown]
# ## What does the statement say, and where can you read it?
# The official text is short, and you should read it before going on: the link below comes
# from its row in the course's `sources` table. The course does not reprint it. Instead, the
# [`commitments`](../data/codebook/commitments.md) table breaks every agreement into
# *commitments*: one promise by one party (or group of parties) to do or refrain from something.
# Each row gives the commitment in our own words, the party it binds, its subject (its
# *pillar*) and at most six words quoted from the text (`key_phrase`).

# %% How this sentence is computed tags=["hide-input"]
SINGAPORE = "singapore-2018"
sources = sl.load("sources").set_index("source_id")
text = sources.loc["whitehouse-2018-06-12-singapore-joint-statement"]
sl.takeaway(f"Official text: [{text['title']}]({text['url']}) ({text['publisher']}).")

# %%
commitments = sl.load("commitments")
singapore = commitments.query("agreement_id == @SINGAPORE").sort_values("order")
singapore[["position", "party_obligated", "pillar", "commitment", "key_phrase"]]

# %% [markdown]
# Some terms recur in this lesson:
#
# - **Denuclearization**: the removal of nuclear weapons and of the means to make them. The
#   text does not say whose weapons, or by which steps: "of the Korean Peninsula" can mean
#   North Korea's programme only, or also US forces and the US alliance in the South.
# - [**Peace regime**](../docs/glossary.md#peace-regime): the arrangements (a peace treaty, institutions, guarantees) that would
#   replace the 1953 armistice, the cease-fire that stopped the Korean War without ending it.
# - **Security guarantee** (or assurance): a promise not to threaten or attack the other side.
# - **Verification**: checking, by inspection or monitoring, that a party does what it
#   promised. It usually starts from a [**declaration**](../docs/glossary.md#declaration): the list a state hands over of its
#   facilities, materials and weapons, which inspectors then check.

# %% How this sentence is computed tags=["hide-input"]
n_points = singapore["position"].str.fullmatch(r"\d+").sum()
by_party = singapore["party_obligated"].value_counts()
sl.takeaway(
    f"The statement holds {len(singapore)} commitments: {n_points} numbered points plus "
    f"{len(singapore) - n_points} in its opening and closing paragraphs. "
    f"{by_party.get('US and DPRK', 0)} bind both sides jointly, {by_party.get('DPRK', 0)} the DPRK "
    f"alone and {by_party.get('US', 0)} the US alone."
)

# %% [markdown]
# ## In what order does the statement list its commitments?
# The order of a text is not a timetable, but it can be read as a signal of what matters
# first; the seed article argues that Pyongyang read Singapore's order that way. The chart puts each commitment at its place in the text (left to right) and on the
# row of its pillar; the shape and colour say who is bound. Click a party in the legend to pick
# out its commitments.

# %%
sequence = singapore.assign(place=lambda d: d["position"].map(
    lambda p: f"point {p}" if p.isdigit() else p))
pick_party, pick_party_menu = legend_or_menu(sequence, "party_obligated", "Party obligated")
tooltip = [alt.Tooltip("place:N", title="Place in text"),
           alt.Tooltip("party_obligated:N", title="Binds"),
           alt.Tooltip("commitment:N", title="Commitment (our words)")]

# %%
base = alt.Chart(sequence).encode(
    x=alt.X("order:O").title("Order in the text (1 = first commitment)").axis(labelAngle=0),
    y=alt.Y("pillar:N").title("Pillar").sort(alt.EncodingSortField("order", op="min")),
    tooltip=tooltip,
)
marks = base.mark_point(size=160, filled=True).encode(
    color=alt.Color("party_obligated:N").title("Party bound"),
    shape=alt.Shape("party_obligated:N").title("Party bound"),
    opacity=alt.when(pick_party & pick_party_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
).add_params(pick_party, pick_party_menu)
labels = base.mark_text(dy=-14, fontSize=11).encode(text=alt.Text("place:N"))

# %%
(marks + labels).properties(
    title="The Singapore statement, commitment by commitment",
    description="Dot chart of the commitments of the Singapore statement, placed by their order in the text and by pillar, labelled with their place (preamble, numbered point, closing), with colour and shape showing which party each binds.",
    width=420, height=260,
)

# %% How this sentence is computed tags=["hide-input"]
numbered = singapore[singapore["position"].str.fullmatch(r"\d+")]
point = numbered["position"].astype(int)
first_denuc = point[numbered["pillar"].eq("denuclearization")].min()
before = numbered.loc[point < first_denuc, "pillar"].astype(str).tolist()
preamble = singapore.query("position == 'preamble'")
pairs = [f"{r.pillar} ({r.party_obligated})" for r in preamble.itertuples()]
sl.takeaway(
    f"Among the numbered points, denuclearization comes at point {first_denuc}, after "
    f"{' and '.join(before)}. The opening paragraph, though, pairs {' with '.join(pairs)} "
    f"before any numbered point."
)

# %% [markdown]
# So the text supports two readings of its order. Read by its numbered points, a new
# relationship and a peace regime come before denuclearization. Read by its opening
# paragraph, the core of the deal is an exchange: US security guarantees and a DPRK pledge,
# side by side. Keep both in mind for the perspectives below and for lesson 04.

# %% [markdown]
# ## What does the statement leave out?
# The `commitments` codebook codes five features of every commitment by fixed rules, applied
# to the words of the text and not to what happened later:
#
# | feature | `true` when the text… |
# |---|---|
# | `has_deadline` | gives a date, a month or a time limit ("within 60 days"); "immediate" or "at the earliest possible date" do not count |
# | `has_verification` | names inspection, monitoring, verification or a body that checks (such as the IAEA, the UN nuclear agency) |
# | `names_facility` | names a specific site, such as Yongbyon, the North's main nuclear complex |
# | `quantified` | states an amount: tons of fuel oil, kilometres, a number of guard posts |
# | `reciprocal_step` | ties the commitment to a step by the other side ("in parallel", "upon receipt of") |
#
# How many of Singapore's commitments have each feature?

# %%
FEATURES = ["has_deadline", "has_verification", "names_facility", "quantified", "reciprocal_step"]
singapore_features = (
    singapore[FEATURES]
    .sum()
    .rename("commitments_with_feature")
    .to_frame()
    .assign(out_of=len(singapore))
)
singapore_features

# %% How this sentence is computed tags=["hide-input"]
absent = singapore_features.index[singapore_features["commitments_with_feature"].eq(0)]
sl.takeaway(
    f"{int(singapore_features['commitments_with_feature'].sum())} of the "
    f"{len(FEATURES) * len(singapore)} feature cells are true. Features that no Singapore "
    f"commitment has: {', '.join(absent)}."
)

# %% [markdown]
# The text also leaves out a definition of denuclearization. Analysts noted at the time that
# Washington understood it as North Korea giving up its nuclear weapons programme, while
# Pyongyang spoke of denuclearizing "the Korean peninsula", which in its usage could also
# cover the US alliance with South Korea and the US troops stationed there (sources
# `chathamhouse-2018-06-unal-summit-statement-lacks-definition` and
# `washingtonpost-2018-06-12-rapp-hooper-singapore-three-takeaways`).
#
# A text also says something by what subjects it skips. Which pillars appear in the earlier
# agreements that the United States signed but not in Singapore?

# %% How this sentence is computed tags=["hide-input"]
agreements = sl.load("agreements")
us_signed = (
    agreements[agreements["parties"].str.contains("US") & agreements["kind"].ne("no agreement")]
    .query("agreement_id != @SINGAPORE")["agreement_id"].tolist()
)
pillars_by_text = commitments.groupby("agreement_id")["pillar"].agg(lambda s: set(s.astype(str)))
missing = sorted(set().union(*pillars_by_text[us_signed]) - pillars_by_text[SINGAPORE])
sl.takeaway(
    f"Pillars found in the earlier agreements the US signed ({', '.join(us_signed)}) but absent "
    f"from Singapore: {', '.join(missing)}. So sanctions, which the codebook files under "
    f"'economic', appear in no Singapore commitment."
)

# %% [markdown]
# ## How does Singapore compare with earlier agreements?
# The `agreements` table lists the agreements on the peninsula's nuclear and peace questions
# since 1994 (and the Hanoi summit of 2019, which produced none). First: which subjects does
# each cover? Each cell counts the agreement's commitments on one pillar.

# %%
order = agreements.sort_values("date").query("kind != 'no agreement'")["agreement_id"].tolist()
pillar_counts = (
    commitments
    .groupby(["agreement_id", "pillar"], observed=True)
    .size()
    .reset_index(name="n_commitments")
)

# %%
pillar_order = list(commitments["pillar"].cat.categories)
cells = alt.Chart(pillar_counts).encode(
    x=alt.X("pillar:N").title("Pillar").sort(pillar_order).axis(labelAngle=-35, labelLimit=240),
    y=alt.Y("agreement_id:N").title("Agreement (oldest at top)").sort(order).axis(labelLimit=220),
    tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"),
             alt.Tooltip("pillar:N", title="Pillar"),
             alt.Tooltip("n_commitments:Q", title="Commitments")],
)

# %%
(
    cells.mark_rect().encode(
        color=alt.Color("n_commitments:Q").title("Commitments").scale(scheme="blues"))
    + cells.mark_text(fontSize=11).encode(text=alt.Text("n_commitments:Q"))
).properties(
    title="What each agreement is about: commitments by pillar",
    description=f"Heatmap of the number of commitments in each of {len(order)} agreements, by pillar, with the count printed in each cell; empty cells mean the agreement has no commitment on that pillar.",
    width=460, height=280,
)

# %% How this sentence is computed tags=["hide-input"]
n_pillars = pillar_counts.groupby("agreement_id").size()
most = pillar_counts.query("agreement_id == @SINGAPORE")["n_commitments"].max()
inter_korean_ids = agreements.query("parties == 'ROK; DPRK'")["agreement_id"]
inter_korean = commitments[commitments["agreement_id"].isin(inter_korean_ids)]
korean_share = inter_korean["pillar"].isin(["military tension reduction", "inter-Korean cooperation"]).mean()
sl.takeaway(
    f"Singapore touches {n_pillars[SINGAPORE]} pillars with at most {most} commitments each; the "
    f"Agreed Framework (1994) and the 2005 joint statement touch {n_pillars['agreed-framework-1994']} "
    f"and {n_pillars['six-party-2005']}. In the inter-Korean texts of 2018, {korean_share:.0%} of "
    f"commitments are on military tension or inter-Korean cooperation."
)

# %% [markdown]
# Second, how *specific* is each agreement? For each agreement and feature we take the
# **share** of its commitments that have the feature. The coders could not check some CMA
# items (the inter-Korean Comprehensive Military Agreement); the share counts only the
# commitments coded for that feature, which is what `mean()` does when it skips missing values.

# %%
shares = (
    commitments
    .groupby("agreement_id")[FEATURES]
    .mean()  # skips missing (unchecked) cells
    .mul(100)
    .reset_index()
    .melt(id_vars="agreement_id", var_name="feature", value_name="share")
)
shares.head()

# %% [markdown]
# The heatmap prints the share in each cell, so the reading never rests on colour alone. Click
# a feature to highlight its column.

# %%
pick_feature = alt.selection_point(fields=["feature"])
heat = alt.Chart(shares).encode(
    x=alt.X("feature:N").title("Specificity feature").sort(FEATURES).axis(labelAngle=-40),
    y=alt.Y("agreement_id:N").title("Agreement (oldest at top)").sort(order).axis(labelLimit=220),
    tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"),
             alt.Tooltip("feature:N", title="Feature"),
             alt.Tooltip("share:Q", title="Share of commitments (%)", format=".0f")],
)

# %%
(
    heat.mark_rect().encode(
        color=alt.Color("share:Q").title("Share (%)").scale(scheme="blues", domain=[0, 100]),
        opacity=alt.when(pick_feature).then(alt.value(1)).otherwise(alt.value(0.35)),
    ).add_params(pick_feature)
    + heat.mark_text(fontSize=11).encode(text=alt.Text("share:Q", format=".0f"))
).properties(
    title="How specific is each agreement? Share of commitments with each feature (%)",
    description=f"Heatmap of {len(order)} agreements by {len(FEATURES)} specificity features, each cell giving the percentage of the agreement's commitments that have the feature.",
    width=420, height=280,
)

# %% How this sentence is computed tags=["hide-input"]
wide = shares.pivot(index="agreement_id", columns="feature", values="share")
zero_rows = wide.index[wide.sum(axis=1).eq(0)].tolist()
sl.takeaway(
    f"Agreements with no specific feature at all: {', '.join(zero_rows)}. The least specific "
    f"other text, six-party-2005, reaches at most {wide.loc['six-party-2005'].max():.0f}% on any feature."
)

# %% [markdown]
# ## Can one number say how specific an agreement is?
# A **specificity score** sums the heatmap's row into one number. Our first rule: the average
# of the five shares, each feature counting equally, on a 0–100 scale:
#
# $$\text{score} = \frac{\sum_f w_f \cdot \text{share}_f}{\sum_f w_f}, \qquad w_f = 1 \text{ for every feature.}$$
#
# But why should a deadline count as much as verification? An analyst who cares about arms
# control might weight verification three times and a named facility twice. The function
# below takes any weights.

# %%
def specificity(wide: pd.DataFrame, weights: dict) -> pd.Series:
    """Weighted average of the feature shares (0-100), one value per agreement."""
    w = pd.Series(weights, dtype=float)
    return wide[w.index].mul(w).sum(axis=1).div(w.sum()).round(1)


EQUAL = dict.fromkeys(FEATURES, 1)
ARMS_CONTROL = {**EQUAL, "has_verification": 3, "names_facility": 2}

# %% [markdown]
# A third rule changes *what* is scored rather than how: only the denuclearization
# commitments, since the article's question is a road map to arms control. An agreement with
# no denuclearization commitment has no score under this rule (`<NA>` in the table).

# %%
denuc_wide = (
    commitments.query("pillar == 'denuclearization'")
    .groupby("agreement_id")[FEATURES].mean().mul(100)
)
scores = pd.DataFrame({
    "equal weights": specificity(wide, EQUAL),
    "arms-control weights": specificity(wide, ARMS_CONTROL),
    "denuclearization only": specificity(denuc_wide, EQUAL),
})
ranks = scores.rank(ascending=False, method="min").astype("Int64")
scores.join(ranks.add_suffix(" (rank)")).sort_values("equal weights", ascending=False)

# %% How this sentence is computed tags=["hide-input"]
top = scores.idxmax()
lowest = scores.loc[SINGAPORE].eq(scores.min()).all()
sl.takeaway(
    f"The most specific agreement depends on the rule: {top['equal weights']} with equal weights, "
    f"{top['arms-control weights']} with arms-control weights, {top['denuclearization only']} "
    f"on denuclearization alone. Singapore scores {scores.loc[SINGAPORE].max():.0f} under all three: "
    + ("the lowest score (alone or tied) under every rule." if lowest else "not always the lowest.")
)

# %% [markdown]
# Try your own weights: move the sliders under the chart (0 leaves a feature out). The bars
# are recomputed in the browser with the same formula as `specificity()`.

# %%
weight = {f: alt.param(name=f"w_{f}", value=1,
                       bind=alt.binding_range(min=0, max=3, step=1, name=f"weight of {f} "))
          for f in FEATURES}
formula = " + ".join(f"w_{f} * datum.{f}" for f in FEATURES)
total = " + ".join(f"w_{f}" for f in FEATURES)

# %%
(
    alt.Chart(wide.reset_index())
    .transform_calculate(score=f"({formula}) / max({total}, 1)")
    .mark_bar()
    .encode(
        x=alt.X("score:Q").title("Specificity score (0-100)").scale(domain=[0, 100]),
        y=alt.Y("agreement_id:N").title("Agreement").sort("-x").axis(labelLimit=220),
        tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"),
                 alt.Tooltip("score:Q", title="Score (0-100)", format=".1f")],
    )
    .add_params(*weight.values())
    .properties(
        title="Specificity score with weights you choose",
        description="Bar chart of a weighted specificity score for each agreement, recomputed as the reader moves one slider per feature that sets its weight.",
        height=240,
    )
)

# %% [markdown]
# Whatever the weights, Singapore stays at the bottom, because all its shares are zero; the
# order of the others moves with the weights. The score has other limits worth debating: it ignores how
# many commitments a text makes, treats a clause with one feature like a clause with three,
# and is coded from the English texts only.

# %% [markdown]
# ## Where does denuclearization come in each text?
# Is it unusual to put denuclearization after other subjects? For each agreement, take the
# first commitment on denuclearization and say how far into the text it sits, from 0% (the
# first commitment) to 100% (the last). For Singapore we show both readings: the whole text,
# and the numbered points only.

# %%
def first_denuc_place(rows: pd.DataFrame) -> float:
    rows = rows.sort_values("order").reset_index(drop=True)
    first = rows.index[rows["pillar"].eq("denuclearization")]
    return 100 * first[0] / max(len(rows) - 1, 1) if len(first) else float("nan")


# %%
placing = (
    commitments.groupby("agreement_id")[["order", "pillar"]].apply(first_denuc_place)
    .rename("place").reset_index().assign(reading="whole text")
)
numbered_only = pd.DataFrame({"agreement_id": [SINGAPORE], "reading": ["numbered points only"],
                              "place": [first_denuc_place(numbered)]})
placing = pd.concat([placing, numbered_only]).dropna()

# %%
(
    alt.Chart(placing)
    .mark_point(size=140, filled=True)
    .encode(
        x=alt.X("place:Q").title("Place of the first denuclearization commitment (% of the text)")
        .scale(domain=[0, 100]),
        y=alt.Y("agreement_id:N").title("Agreement (oldest at top)").sort(order).axis(labelLimit=220),
        shape=alt.Shape("reading:N").title("Reading").legend(labelLimit=250),
        color=alt.Color("reading:N").title("Reading").legend(labelLimit=250),
        tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"),
                 alt.Tooltip("reading:N", title="Reading"),
                 alt.Tooltip("place:Q", title="Place in text (%)", format=".0f")],
    )
    .properties(
        title="How early does each text turn to denuclearization?",
        description="Dot chart of where the first denuclearization commitment sits in each agreement, from 0 (first) to 100 percent (last), with Singapore shown both for its whole text and for its numbered points only.",
        height=220,
    )
)

# %% How this sentence is computed tags=["hide-input"]
place = placing.set_index(["agreement_id", "reading"])["place"]
earlier_us = place.loc[[(a, "whole text") for a in us_signed]]
sl.takeaway(
    f"In the earlier agreements the US signed, the first denuclearization commitment comes "
    f"{earlier_us.min():.0f}–{earlier_us.max():.0f}% of the way into the text; in Singapore's "
    f"numbered points it comes at {place[(SINGAPORE, 'numbered points only')]:.0f}% "
    f"({place[(SINGAPORE, 'whole text')]:.0f}% in the whole text), and in the inter-Korean "
    f"Panmunjom declaration, which Singapore reaffirms, at {place[('panmunjom-2018', 'whole text')]:.0f}%."
)

# %% [markdown]
# ## How did each capital describe what was agreed?
# The same numbered points can be read as a list of parallel goals or as a sequence. Here is how
# each government described the outcome in its own statements in the weeks after the
# summit (to 31 July 2018): the statements about Singapore itself, and those about what should come first
# (in our words; the [`statements`](../data/codebook/statements.md) table links each to its
# source). Dates are local.

# %%
statements = sl.load("statements")
window = statements["date"].between("2018-06-12", "2018-07-31")
after_summit = (
    statements[window & statements["topic"].isin(["singapore", "priorities"])]
    .sort_values(["party", "date"])
)
after_summit[["date", "party", "speaker", "topic", "paraphrase", "key_phrase"]]

# %% [markdown]
# The chart places each statement in time, among the main events of those weeks (the summit,
# the suspension of a US–South Korean exercise, Kim's visit to Xi, Pompeo's return to
# Pyongyang, the return of remains). Hover over a point to read it; click a government in the
# legend to pick out its statements.

# %%
KEY_TYPES = ["summit", "ministerial visit", "remains repatriation", "exercise change"]
key_events = (
    sl.load("events")
    .query("date >= '2018-06-12' and date <= '2018-07-31' and status == 'held'")
    .query("event_type in @KEY_TYPES")
    .assign(label=lambda d: d["event_type"].astype(str) + ", " + d["location"].str.split(",").str[0])
)

# %%
pick_gov, pick_gov_menu = legend_or_menu(after_summit, "party", "Government")
dots = (
    alt.Chart(after_summit)
    .mark_point(size=120, filled=True)
    .encode(
        x=alt.X("date:T").title("Date of the statement (local)").axis(format="%d %b"),
        y=alt.Y("party:N").title("Government"),
        shape=alt.Shape("party:N").title("Government"),
        color=alt.Color("party:N").title("Government"),
        opacity=alt.when(pick_gov & pick_gov_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
        tooltip=[alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                 alt.Tooltip("speaker:N", title="Speaker"),
                 alt.Tooltip("paraphrase:N", title="What was said (our words)")],
    )
    .add_params(pick_gov, pick_gov_menu)
)

# %%
annotated_timeline(
    dots, key_events,
    title="Who said what about Singapore, and when (June-July 2018)",
    description="Timeline of statements by the US, North Korean, South Korean, Chinese and Japanese governments about the Singapore summit and about what should come first, with the main events of the following weeks drawn as labelled vertical lines.",
).properties(width=620, height=260)

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"{len(after_summit)} statements from 12 June to 31 July 2018: "
    + sl.counts_in_words(after_summit["party"], "{n} from {value}") + "."
)

# %% [markdown]
# Read the table by government:
#
# - **Washington** (Trump, Pompeo): Kim had pledged complete denuclearization; sanctions would
#   stay, and relief would come only once denuclearization was complete and fully verified.
# - **Pyongyang** (KCNA, the Foreign Ministry): the leaders had agreed to move step by step,
#   each side acting at the same time; the US demand for denuclearization first was rejected.
# - **Seoul** (Moon, his spokesman): a historic agreement that opened a new chapter of peace,
#   which South Korea would help along, including by considering measures such as the
#   suspension of exercises.
# - **Beijing** (Xi, Wang Yi, the Foreign Ministry): a good start, to be followed by concrete
#   steps toward both denuclearization and a peace mechanism, with sanctions eased as the
#   North complied.
# - **Tokyo** (Abe): a first step toward settling every issue with the North, now that Kim's
#   pledge of complete denuclearization was in writing; Trump had raised the abductions of
#   Japanese citizens, but Japan would have to settle them with Pyongyang itself.
#
# The text does not settle which reading is right: its numbered points carry no order of
# implementation, and each side filled the gap with its own. That question, *sequencing*,
# is the subject of lesson 04.

# %% [markdown]
# ## The article's claim, tested
# **The claim, in our words.** Rapp-Hooper argues that Singapore gave no road map toward arms
# control: the North's pledge was vague and open-ended, with no declaration of its arsenal and
# no specific promise on any site, so that later expansion broke no promise; and that the
# text's order, with new relations and peace before denuclearization, was read in Pyongyang as
# its order of priorities (source `washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`).
#
# **Evidence for.**
# - No Singapore commitment has a deadline, a verification provision, a named site, an amount
#   or an explicit exchange: every share in its heatmap row is 0%.
# - Under every rule we tried, Singapore scores lowest (or tied lowest) of the agreements in
#   the table.
# - Among the numbered points, denuclearization comes after new relations and a peace regime,
#   later in the text than in any earlier agreement the US signed; and its wording restates the
#   inter-Korean Panmunjom declaration of April 2018. Whether that means it added no new pledge
#   is contested (see the evidence against).

# %%
pair = commitments.query("commitment_id in ['panmunjom-2018-13', 'singapore-2018-05']")
pair[["commitment_id", "party_obligated", "commitment", "key_phrase"]]

# %% How this sentence is computed tags=["hide-input"]
leader_summits = sl.load("events").query("track == 'US-DPRK' and event_type == 'summit' and status == 'held'")
first_summit = leader_summits.sort_values("date").iloc[0]
sl.takeaway(
    f"The Panmunjom pledge binds '{pair.iloc[0]['party_obligated']}'; Singapore's point 3 binds "
    f"'{pair.iloc[1]['party_obligated']}' in a text signed with the US president. Singapore "
    f"({first_summit['event_id']}, {first_summit['date']:%-d %B %Y}) was the first summit between the two "
    f"countries' leaders (source {first_summit['source_id']}), so no earlier denuclearization pledge by a "
    f"North Korean leader had been signed with a US president."
)

# %% [markdown]
# **Evidence against.**
# - *Point 3 was new in one respect.* Its words repeat Panmunjom, but Panmunjom was a promise
#   between the two Koreas. At Singapore a North Korean leader signed a denuclearization
#   commitment with a US president for the first time, since this was the first summit of the
#   two countries' leaders (computed below from the events table). Read that way, point 3 was
#   the DPRK's first leader-level written denuclearization commitment to the United States, and
#   the contest is over what it was worth, not whether it existed.
# - *Order is not priority.* The opening paragraph pairs the US guarantees with Kim's pledge
#   before any numbered point; read that way, denuclearization is near the top of the text.
# - *Specificity does not buy compliance.* The two most specific agreements were not kept in
#   full either (their outcomes are below): a precise text is not the same as a kept one.
# - *Vagueness may have been the price of talking at all.* In June 2018 the article's own
#   author argued that leaving "denuclearization" undefined was what let diplomacy begin
#   (source `washingtonpost-2018-06-12-rapp-hooper-singapore-three-takeaways`).

# %%
outcome = agreements.set_index("agreement_id").loc[scores["equal weights"].nlargest(2).index]
outcome[["name", "in_force_outcome"]]

# %% [markdown]
# **The strongest counter-argument: statements of principle are vague by design.** The 2005
# six-party joint statement scored almost as low as Singapore. Its specifics came later, in a
# separate implementation agreement, and Singapore's closing paragraph likewise hands the
# details to follow-on negotiations under Pompeo. On this view, the missing road map is a
# failure of what came *after* Singapore, the policy process of lesson 03, not of the text.

# %% How this sentence is computed tags=["hide-input"]
dates = agreements.set_index("agreement_id")["date"]
gap = (dates["initial-actions-2007"] - dates["six-party-2005"]).days
hanoi_gap = (dates["hanoi-2019"] - dates[SINGAPORE]).days
sl.takeaway(
    f"The 2005 statement (score {scores.loc['six-party-2005', 'equal weights']:.0f}) waited {gap} days "
    f"for its implementation agreement (score {scores.loc['initial-actions-2007', 'equal weights']:.0f}); "
    f"{hanoi_gap} days after Singapore, the Hanoi summit ended with no agreement at all."
)

# %% [markdown]
# **Our judgement, for you to test.** The data support the article's description of the text:
# it is the least specific agreement in the table on every measure. Whether that was a flaw
# depends on the counter-argument: a vague first text has precedent, so the article's case
# rests on the absence of a follow-up, which lessons 03 and 05 examine.

# %% [markdown]
# ## Theory and further reading
# **Hard and soft agreements.** Abbott and Snidal (2000, `abbott-snidal-2000-hard-and-soft-law`)
# describe agreements along three dimensions: *precision* (how exactly the obligations are
# stated), *obligation* (how binding they are) and *delegation* (whether a third party interprets or
# enforces them). Softer agreements, less precise or less binding, are easier to reach, leave room
# for uncertainty and cost less sovereignty, but give the parties less to hold each other to. The
# Singapore statement is a soft text in these terms: a few broad commitments, no dates, no
# verification and no third party.
#
# **Discussion question (theory against data).** The theory expects softer texts to be easier to
# sign and harder to hold a party to. Using the lesson's specificity comparison of `agreements` and
# `commitments`, rank the texts from most to least precise. Were the more precise earlier
# agreements signed after longer negotiations, and did they produce more steps that were actually
# carried out? What would you need to add to the data to answer the second part?

# %% [markdown]
# ## Discussion
# 1. Our score weights features, not commitments. Should a text with many vague commitments
#    count as less specific than one with a few precise ones? Design a rule and defend it.
# 2. Is the order of a text's points evidence of the parties' priorities? What else would you
#    want to know (drafting history, the Korean version, what each side said afterwards)?
# 3. Washington and Pyongyang each claimed the statement supported their reading. Was the
#    ambiguity a mistake, or the only way to get both leaders to sign?
#
# ## Keypoints
# - No commitment in the Singapore statement has a deadline, verification, a named site, an
#   amount or an explicit exchange, and none mentions sanctions.
# - Among its numbered points, denuclearization comes after new relations and a peace regime;
#   its opening paragraph pairs US security guarantees with the DPRK's pledge.
# - On the coded features, Singapore is the least specific agreement in the table since 1994,
#   under any weighting; the order of the others depends on the rule.
# - A score is a choice: show the rule, and check whether the conclusion survives another.
# - The 2005 precedent shows a vague statement followed by a specific one: the question
#   becomes why no such follow-up came after Singapore.
#
# ## Next
# - Exercises: [exercises/02-singapore-statement.ipynb](../exercises/02-singapore-statement.ipynb) (50 minutes).
# - Lesson 03 — The policy process ([03-policy-process.ipynb](03-policy-process.ipynb)): who
#   negotiated after Singapore, and through which channel.
# - Lesson 04 — Sequencing ([04-sequencing.ipynb](04-sequencing.ipynb)) takes up the two
#   readings of the statement's order.
#
# ## References

# %% How the reference list is built tags=["hide-input"]
cited = ["washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
         "whitehouse-2018-06-12-singapore-joint-statement",
         "chathamhouse-2018-06-unal-summit-statement-lacks-definition",
         "washingtonpost-2018-06-12-rapp-hooper-singapore-three-takeaways"]
cited += sorted(set(commitments["source_id"]) | set(agreements["source_id"]))
cited += sorted(set(after_summit["source_id"]) | set(key_events["source_id"]))
cited.append(first_summit["source_id"])
sl.references(cited)

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["abbott-snidal-2000-hard-and-soft-law"])
