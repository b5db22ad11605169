"""Every assessment bank exports to Canvas QTI (text2qti) and Moodle XML, and both parse back
to the bank's own questions, options, keys and reasons."""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import export_quizzes as quizzes  # noqa: E402

BANKS = quizzes.bank_names()
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def plain(text: str) -> str:
    """Markdown or HTML as comparable words: no tags, no backticks or stars, one space."""
    text = html.unescape(re.sub(r"<[^>]+>", "", html.unescape(text or "")))
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text.replace("`", "").replace("*", "")).strip()


def test_every_bank_is_exported():
    assert len(BANKS) == 9
    for bank in BANKS:
        items = quizzes.parse(bank)
        assert len(items) >= 8
        for item in items:
            if item.kind == "multiple choice":
                assert item.answer in dict(item.options) and len(item.options) >= 3
                assert set(item.wrong) == set(dict(item.options)) - {item.answer}, (bank, item.number)
            else:
                assert item.feedback and item.prompt


@pytest.mark.parametrize("bank", BANKS)
def test_canvas_qti_parses_back_to_the_bank(bank, tmp_path):
    path = quizzes.write_qti(bank, tmp_path / f"{bank}.qti.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        assert manifest.tag.endswith("manifest")
        [assessment] = [n for n in names if n.endswith(".xml") and "assessment_meta" not in n and n != "imsmanifest.xml"]
        root = ET.fromstring(archive.read(assessment))
    items = root.findall(f".//{QTI}item")
    bank_items = quizzes.parse(bank)
    assert len(items) == len(bank_items)
    for item, expected in zip(items, bank_items):
        meta = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in item.iter(f"{QTI}qtimetadatafield")}
        prompt = item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text
        assert plain(expected.prompt)[:60] in plain(prompt)
        if expected.kind == "short answer":
            assert meta["question_type"] == "essay_question"
            continue
        assert meta["question_type"] == "multiple_choice_question"
        labels = {label.get("ident"): plain(label.find(f".//{QTI}mattext").text)
                  for label in item.iter(f"{QTI}response_label")}
        right = [c.findtext(f"{QTI}conditionvar/{QTI}varequal") for c in item.iter(f"{QTI}respcondition")
                 if c.findtext(f"{QTI}setvar") == "100"]
        assert [labels[r] for r in right] == [plain(dict(expected.options)[expected.answer])], (bank, expected.number)


@pytest.mark.parametrize("bank", BANKS)
def test_moodle_xml_parses_back_to_the_bank(bank, tmp_path):
    path = quizzes.write_moodle(bank, tmp_path / f"{bank}.xml")
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    bank_items = quizzes.parse(bank)
    assert len(questions) == len(bank_items)
    for question, expected in zip(questions, bank_items):
        assert question.findtext("questiontext/text") == expected.prompt
        if expected.kind == "short answer":
            assert question.get("type") == "essay" and question.findtext("graderinfo/text") == expected.feedback
            continue
        assert question.get("type") == "multichoice" and question.findtext("single") == "true"
        answers = question.findall("answer")
        assert [a.findtext("text") for a in answers] == [text for _, text in expected.options]
        right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
        assert right == [dict(expected.options)[expected.answer]]
        assert all(a.get("fraction") == "0" and a.findtext("feedback/text") == expected.wrong[letter]
                   for (letter, _), a in zip(expected.options, answers) if letter != expected.answer)


def test_export_refuses_to_write_keys_into_the_repository():
    with pytest.raises(SystemExit):
        quizzes.main(["--out", str(quizzes.ROOT / "quizzes")])
    assert not (quizzes.ROOT / "quizzes").exists()
