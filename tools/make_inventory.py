"""Write the concept inventory's files from its single source, summitlab/inventory.py (ITEMS).

    python tools/make_inventory.py           # write them
    python tools/make_inventory.py --check   # exit 1 if a committed file is stale

* inventory/concept-inventory.ipynb: the notebook students run at the start and at the end of
  the module, handed in with ``sl.save_work`` like an exercise notebook;
* instructors/assessment/concept-inventory.md: the bank with the key and each item's rationale;
* instructors/assessment/concept-inventory.gift: the same items for Moodle's quiz import (GIFT);
* instructors/concept-inventory-report.ipynb: the instructor's analysis of a class's answers.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summitlab import inventory  # noqa: E402

STUDENT_NOTEBOOK = ROOT / "inventory" / inventory.NOTEBOOK_NAME
BANK = ROOT / "instructors" / "assessment" / "concept-inventory.md"
GIFT = ROOT / "instructors" / "assessment" / "concept-inventory.gift"
REPORT_NOTEBOOK = ROOT / "instructors" / "concept-inventory-report.ipynb"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def _notebook(cells: list) -> str:
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC})
    for n, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{n:02d}"
    buffer = io.StringIO()
    nbformat.write(notebook, buffer)
    return buffer.getvalue()


def student_notebook() -> str:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    answers = ",\n".join(f'    "{item_id}": ""' for item_id in inventory.blank_answers())
    return _notebook([
        md("# Summit Lab concept inventory\n\n"
           f"{len(inventory.ITEMS)} multiple-choice questions, about 15 minutes. You answer the same "
           "questions at the start of the module and again at the end, so that your instructor "
           "can see what the class learned. **It is not graded**, and nothing here tells you "
           "whether an answer is right: answer alone, without notes or an AI assistant, and "
           "leave an item blank rather than guess wildly. Your answers only help if they are "
           "yours (see [academic integrity and AI use](../docs/academic-integrity.md)).\n\n"
           "Run the next cell to see the questions."),
        code("import summitlab as sl\nfrom summitlab import inventory\n\ninventory.show()"),
        md("Write your name (or the id your instructor gave you: the same at the start and the "
           "end) and one letter per question, between the quotes."),
        code(f'student = ""\nanswers = {{\n{answers},\n}}\ninventory.answered(answers)'),
        md("Save the notebook (Ctrl+S), then run the next cell and hand in the file it makes, as "
           "you would an exercise notebook."),
        code("sl.save_work(student=student)"),
    ])


def report_notebook() -> str:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    return _notebook([
        md("# Concept inventory: what did the class learn?\n\n"
           "Put the work bundles (or notebooks, or an LMS export with the columns `student`, "
           "`CI01` … `CI16`) that students handed in at the start of the module in one folder, and "
           "those from the end in another, and set the two paths below. Students are matched by "
           "the name or id they wrote; the answers are read as text, never run. With no folders "
           "set, the notebook makes a simulated class so that you can see the report first.\n\n"
           "Gains are Hake's normalised gain, g = (post − pre) / (1 − pre), on the share of items "
           "answered correctly: the share of what could be gained that was gained. See "
           "[the bank](assessment/concept-inventory.md) for each item and its rationale."),
        code("import random\nimport tempfile\nfrom pathlib import Path\n\n"
             "import summitlab as sl\nfrom summitlab import inventory\n\nsl.use_theme()\n\n"
             "PRE = None   # for example Path('answers/pre')\nPOST = None  # for example Path('answers/post')"),
        code("if PRE is None or POST is None:  # a simulated class of 24, for a first look\n"
             "    demo_folder = tempfile.TemporaryDirectory(prefix='inventory-demo-')  # removed at exit\n"
             "    demo = Path(demo_folder.name)\n"
             "    rng = random.Random(1)\n"
             "    ids = [item.item_id for item in inventory.ITEMS]\n"
             "    pre_right = {f's{n:02d}': {i: rng.random() < 0.4 for i in ids} for n in range(24)}\n"
             "    post_right = {s: {i: right or rng.random() < 0.6 for i, right in sheet.items()}\n"
             "                  for s, sheet in pre_right.items()}\n"
             "    inventory.write_sheets(inventory.simulated_sheets(pre_right), demo / 'pre')\n"
             "    inventory.write_sheets(inventory.simulated_sheets(post_right), demo / 'post')\n"
             "    PRE, POST = demo / 'pre', demo / 'post'\n"
             "report = inventory.analyse(inventory.read_answers(PRE), inventory.read_answers(POST))\n"
             "print(f'{report.matched} students answered both times; only once: {report.unmatched or \"none\"}')"),
        md("## Per-item difficulty\n\nThe share answering each item correctly, before and after. "
           "An item most students get right before teaching tells you little; one few get right "
           "after is a concept to look at again (or an item to reword)."),
        code("difficulty_chart, students_chart, concepts_chart = inventory.charts(report)\n"
             "difficulty_chart"),
        code("report.difficulty.round(2)"),
        md("## Normalised gain per student"),
        code("students_chart"),
        code("report.students.round(2)"),
        md("## Normalised gain per concept, and what to revisit\n\n"
           f"A concept is flagged when its class gain is below {inventory.LOW_GAIN} (a low gain in "
           f"Hake's terms) or fewer than {inventory.POST_TARGET:.0%} answer its items correctly at "
           "the end."),
        code("concepts_chart"),
        code("report.concepts.round(2)"),
        code("sl.takeaway('Concepts to revisit: ' + (', '.join(report.concepts.query('revisit')['concept'])"
             " or 'none') + '.')"),
    ])


def _gift_escape(text: str) -> str:
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


def gift() -> str:
    lines = [f"// Summit Lab concept inventory ({len(inventory.ITEMS)} items), generated by "
             "tools/make_inventory.py from summitlab/inventory.py; import into a Moodle quiz "
             "(Question bank > Import > GIFT).", ""]
    for item in inventory.ITEMS:
        lines.append(f"::{item.item_id} {_gift_escape(item.concept)}::[markdown]"
                     f"{_gift_escape(item.stem)} {{")
        for letter, option in zip(inventory.LETTERS, item.options):
            mark = "=" if letter == item.answer else "~"
            lines.append(f"\t{mark}{_gift_escape(option)}")
        lines.append(f"\t####{_gift_escape(item.rationale)}")
        lines += ["}", ""]
    return "\n".join(lines)


def bank() -> str:
    concepts = "\n".join(f"| {concept} | {area} | "
                         + ", ".join(i.item_id for i in inventory.ITEMS if i.concept == concept)
                         + " |" for concept, area in inventory.CONCEPTS.items())
    return f"""# Concept inventory: a pre/post measure of learning

For instructors. {len(inventory.ITEMS)} multiple-choice items, two per concept, taken by students
at the start of the module and again at the end, **not graded**. Generated by
`tools/make_inventory.py` from `summitlab/inventory.py` (edit the items there, then run it);
the same items are in [concept-inventory.gift](concept-inventory.gift) for Moodle's quiz
import, and students run [inventory/concept-inventory.ipynb](../../inventory/concept-inventory.ipynb)
and hand it in with `sl.save_work`, like an exercise notebook.

**How to use it.** Give the notebook in the first session (after lesson 00) and again after
the last lesson you teach, with the same instructions: alone, no notes, no AI assistant, about
15 minutes. Ask students to write the same name or id both times. Collect the first bundles in
one folder and the second in another, and open
[concept-inventory-report.ipynb](../concept-inventory-report.ipynb): it reports per-item
difficulty, Hake's normalised gain g = (post − pre) / (1 − pre) per student and per concept,
and the concepts to revisit (g below {inventory.LOW_GAIN}, or fewer than
{inventory.POST_TARGET:.0%} right at the end). An LMS export with the columns `student`,
`CI01` … `CI16` works too.

**What it can and cannot tell you.** Two items per concept is enough to see a class-level
pattern, not to judge one student on one concept. The key is public (like the model answers),
which is one reason it is never graded. The items are the course's own, written from the
mistakes the exercise checks name, and have not been validated on other classes: treat a low
gain as a question to look into, not a verdict.

| concept | area | items |
|---|---|---|
{concepts}

## The items, with the key

Every wrong option stands for a mistake; each item names the exercise check it was written from.

{inventory.questions_markdown(with_key=True)}
"""


def outputs() -> dict[Path, str]:
    return {STUDENT_NOTEBOOK: student_notebook(), BANK: bank(), GIFT: gift(),
            REPORT_NOTEBOOK: report_notebook()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale (run python tools/make_inventory.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("wrote " if stale else "up to date: ") + ", ".join(stale or ["all files"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
