"""Export the assessment banks (instructors/assessment/*.md) as quizzes an LMS imports.

    python tools/export_quizzes.py --out quizzes/ [--banks 01-crisis-to-summit,04-sequencing]

For each bank it writes

* ``<bank>.qti.zip``: Canvas (Settings > Import course content > QTI .zip file), built by
  text2qti (https://github.com/gpoore/text2qti) from its plain-text quiz format;
* ``<bank>.moodle.xml``: Moodle XML (Question bank > Import > Moodle XML format), one
  ``multichoice`` question per multiple-choice item (the right option 100 %, each distractor
  0 % with the bank's reason as feedback) and one ``essay`` question per short answer (the
  bank's marking key as grader information, never shown to students).

The output holds the keys: keep it with the instructor, never in the course repository or the
student release. ``tests/test_quizzes.py`` parses both formats back and compares them with the
banks.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "instructors" / "assessment"
QUESTION = re.compile(r"^### Q(\d+) \((multiple choice|short answer)\)$", re.MULTILINE)
OPTION = re.compile(r"^- ([a-d])\) (.*)$")
ANSWER = re.compile(r"^\*\*Answer: ([a-d])\b\*?\*?\.?\*?\*?\s*(.*)$")


@dataclass(frozen=True)
class Item:
    number: int
    kind: str  # "multiple choice" or "short answer"
    prompt: str
    options: tuple[tuple[str, str], ...]  # (letter, text)
    answer: str  # the right letter ("" for a short answer)
    feedback: str  # the explanation, or the marking key
    wrong: dict  # letter -> why it is wrong (multiple choice)


def bank_names() -> list[str]:
    return sorted(p.stem for p in BANKS.glob("0*.md"))


def title(bank: str) -> str:
    first = (BANKS / f"{bank}.md").read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").replace("Assessment bank — ", "Summit Lab quiz: ")


def parse(bank: str) -> list[Item]:
    text = (BANKS / f"{bank}.md").read_text(encoding="utf-8")
    parts = QUESTION.split(text)[1:]
    items = []
    for i in range(0, len(parts), 3):
        number, kind, body = int(parts[i]), parts[i + 1], parts[i + 2].strip()
        if kind == "short answer":
            prompt, _, key = body.partition("**Key:**")
            items.append(Item(number, kind, prompt.strip(), (), "", key.strip(), {}))
            continue
        lines = body.splitlines()
        first_option = next(n for n, line in enumerate(lines) if OPTION.match(line))
        options = []
        n = first_option
        while n < len(lines) and (OPTION.match(lines[n]) or (lines[n].strip() and not lines[n].startswith("**"))):
            if OPTION.match(lines[n]):
                options.append(list(OPTION.match(lines[n]).groups()))
            else:  # an option that wraps onto the next line
                options[-1][1] += " " + lines[n].strip()
            n += 1
        options = [tuple(o) for o in options]
        rest = "\n".join(lines[n:]).strip()
        found = re.search(r"\*\*Answer: ([a-d])", rest)
        explanation = re.sub(r"^\*\*Answer: ([a-d])(\.?)\*\*", r"Answer: \1\2", rest).strip()
        wrong = {}
        for letter, _ in options:
            why = re.search(rf"\b(?:[a-d], )*{letter}(?:, [a-d])*(?: and [a-d])? (?:is|are) wrong(?::| because)\s+([^.]*(?:\.[^ \n][^.]*)*\.)",
                            explanation)
            if why:
                wrong[letter] = " ".join(why.group(1).split())
        items.append(Item(number, kind, "\n".join(lines[:first_option]).strip(), tuple(options),
                          found.group(1), explanation, wrong))
    return items


# --- Canvas: text2qti -----------------------------------------------------------------------

def _indent(text: str, first: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()] or [""]
    pad = " " * len(first)
    return "\n".join([first + lines[0]] + [pad + line if line else "" for line in lines[1:]])


def text2qti_source(bank: str) -> str:
    out = [f"Quiz title: {title(bank)}", "Quiz description: From the Summit Lab assessment bank.", ""]
    for item in parse(bank):
        out.append(_indent(item.prompt, f"{item.number}.  "))
        if item.kind == "short answer":
            out.append(_indent(f"Marking key: {item.feedback}", "... "))
            out.append("____")
        else:
            out.append(_indent(item.feedback, "... "))
            for letter, text in item.options:
                out.append(_indent(text, f"{'*' if letter == item.answer else ''}{letter})  "))
        out.append("")
    return "\n".join(out)


def write_qti(bank: str, path: Path) -> Path:
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    quiz = Quiz(text2qti_source(bank), config=Config(), source_name=f"{bank}.md")
    QTI(quiz).save(path)
    return path


# --- Moodle XML -----------------------------------------------------------------------------

def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "markdown", **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(node, "text").text = text
    return node


def moodle_xml(bank: str) -> ET.ElementTree:
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/Summit Lab/{bank}", fmt=None)
    for item in parse(bank):
        kind = "essay" if item.kind == "short answer" else "multichoice"
        question = ET.SubElement(quiz, "question", {"type": kind})
        _text(question, "name", f"{bank} Q{item.number}", fmt=None)
        _text(question, "questiontext", item.prompt)
        if kind == "essay":
            _text(question, "generalfeedback", "")
            ET.SubElement(question, "defaultgrade").text = "2"
            ET.SubElement(question, "responseformat").text = "editor"
            ET.SubElement(question, "responserequired").text = "1"
            _text(question, "graderinfo", item.feedback)
            continue
        _text(question, "generalfeedback", item.feedback)
        ET.SubElement(question, "defaultgrade").text = "1"
        ET.SubElement(question, "single").text = "true"
        ET.SubElement(question, "shuffleanswers").text = "false"
        ET.SubElement(question, "answernumbering").text = "abc"
        for letter, text in item.options:
            answer = _text(question, "answer", text, fraction="100" if letter == item.answer else "0")
            _text(answer, "feedback", "Right." if letter == item.answer else item.wrong.get(letter, "Not this one."))
    ET.indent(quiz)
    return ET.ElementTree(quiz)


def write_moodle(bank: str, path: Path) -> Path:
    moodle_xml(bank).write(path, encoding="UTF-8", xml_declaration=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="a folder outside the course repository (the files hold keys)")
    parser.add_argument("--banks", help="comma-separated bank names (default: all)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if out == ROOT or ROOT in out.parents:
        parser.error("write the quizzes outside the course repository: they hold the answer keys")
    out.mkdir(parents=True, exist_ok=True)
    for bank in args.banks.split(",") if args.banks else bank_names():
        write_qti(bank, out / f"{bank}.qti.zip")
        write_moodle(bank, out / f"{bank}.moodle.xml")
        print(f"{bank}: {len(parse(bank))} questions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
