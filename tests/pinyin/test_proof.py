"""The editors' proof list (`publish check --pinyin-report`) and corrections taken back
(`publish pinyin --accept`), run as a user runs them on a small collection."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from publish.pinyin.proof import COLUMNS
from tests.conftest import FIXTURES, run_publish


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "pinyin-proof"
    shutil.copytree(FIXTURES / "pinyin-proof", folder)
    return folder


def _report(project: Path) -> list[dict[str, str]]:
    result = run_publish("check", "--pinyin-report", "proof.csv", cwd=project)
    assert result.returncode == 0, result.stderr
    with (project / "proof.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def test_the_proof_list_names_what_a_rule_or_the_model_decided_riskiest_first(
    project: Path,
) -> None:
    rows = _report(project)
    risks = [float(row["risk"]) for row in rows]
    assert risks == sorted(risks, reverse=True)
    # The character with no reading comes first, in its sentence, on its source line.
    first = rows[0]
    assert (first["sentence"], first["reading"], first["source"]) == (
        "绿园的[𫠝]字没有读音。",
        "?",
        "none",
    )
    assert first["line"] == "10"
    # The last 还 is decided by a rule (huán), the adverb 还 by the model (hái).
    by_sentence = {row["sentence"]: row for row in rows}
    give_back = by_sentence["我还没[还]。"]
    assert (give_back["reading"], give_back["source"], give_back["line"]) == ("huán", "rule", "8")
    assert give_back["alternatives"].split()[0] == "hái"
    assert give_back["word"] == "没[还]"
    adverb = by_sentence["我[还]没还。"]
    assert (adverb["reading"], adverb["source"]) == ("hái", "model")
    assert 0.5 < float(adverb["confidence"]) <= 1
    # Dictionary words are settled: nothing of 行长, 银行 or the user's 绿园 is listed.
    listed = "".join(row["sentence"] for row in rows)
    assert "[行]" not in listed and "[长]" not in listed and "[绿]" not in listed


def test_a_reading_the_lexicon_left_open_is_listed_with_the_models_doubt(project: Path) -> None:
    """蒙医院: 蒙 stands alone (jieba cuts 蒙 / 医院), the dictionary word overlapping it (蒙医)
    decides méng where the model is less sure: listed, with the model's probability. (Mongolian
    medicine is Měngyī: the editor's to correct.)"""
    rows = {row["sentence"]: row for row in _report(project)}
    open_row = rows["内蒙古有二十七所[蒙]医院。"]
    assert (open_row["reading"], open_row["source"], open_row["line"]) == ("méng", "lexicon", "12")
    assert "měng" in open_row["alternatives"].split()
    confidence = float(open_row["confidence"])
    assert 0 < confidence < 0.99
    assert float(open_row["risk"]) == pytest.approx(1 - confidence, abs=0.002)
    # A reading a dictionary word gives is still settled: 银行's 行 is not listed.
    assert "银[行]工作。" not in "".join(rows)


def test_without_a_file_the_list_is_a_table(project: Path) -> None:
    result = run_publish("check", "--pinyin-report", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("readings to proofread, riskiest first:")
    assert lines[1].startswith("1.000  articles/huanqian.md:10  绿园的[𫠝]字没有读音。  ?")
    assert any("我还没[还]。  huán (or hái" in line and "[rule p=" in line for line in lines)
    assert lines[-1] == "ok: 1 article in 校对文集"


def test_min_risk_leaves_the_models_certain_readings_out_and_says_how_many(
    project: Path,
) -> None:
    """Most of a real list is the model sure of a usual reading (工[作]): an editor short of
    time asks for the rest, and is told how many were left out."""
    every = _report(project)
    certain = [row for row in every if float(row["risk"]) == 0]
    assert certain and len(certain) < len(every)
    table = run_publish("check", "--pinyin-report", cwd=project).stdout.splitlines()
    assert f"{len(certain)} of them at risk 0 (the model sure, no rule against it): " in table[-2]

    result = run_publish(
        "check", "--pinyin-report", "proof.csv", "--min-risk", "0.001", cwd=project
    )
    assert result.returncode == 0, result.stderr
    kept = len(every) - len(certain)
    assert result.stdout.splitlines()[0] == (
        f"{kept} readings to proofread ({len(certain)} at risk under 0.001 left out)"
        " written to proof.csv"
    )
    with (project / "proof.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows == [row for row in every if float(row["risk"]) >= 0.001]


def test_a_min_risk_outside_0_to_1_is_a_usage_error(project: Path) -> None:
    result = run_publish("check", "--pinyin-report", "--min-risk", "2", cwd=project)
    assert result.returncode == 2
    assert "Invalid value for '--min-risk'" in result.stderr
    assert "Traceback" not in result.stderr


def test_accepted_corrections_go_into_pinyin_yaml_and_win_next_time(project: Path) -> None:
    rows = _report(project)
    for row in rows:
        if row["sentence"] == "我[还]没还。":
            row["correction"] = "huán"  # an editor's (wrong, but theirs) correction of one syllable
    with (project / "proof.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = run_publish("pinyin", "--accept", "proof.csv", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 corrections written to pinyin.yaml" in result.stdout
    dictionary = (project / "pinyin.yaml").read_text(encoding="utf-8").splitlines()
    assert dictionary == [
        "# Readings for local names and words, one syllable per character.",
        "绿园: lǜ yuán",
        "我还: wǒ huán",
    ]
    after = {row["sentence"]: row for row in _report(project)}
    assert "我[还]没还。" not in after  # the user's dictionary settles it now


def test_a_correction_of_the_wrong_length_is_one_error_line(project: Path) -> None:
    rows = _report(project)
    rows[0]["correction"] = "a b c"
    with (project / "proof.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = run_publish("pinyin", "--accept", "proof.csv", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("error: proof.csv:2: correction 'a b c' for")
    assert "Traceback" not in result.stderr
    assert (project / "pinyin.yaml").read_text(encoding="utf-8").count("\n") == 2


def test_a_folder_after_the_flag_is_one_error_line_not_a_file_written(project: Path) -> None:
    """click gives --pinyin-report the next word: the collection belongs before it."""
    result = run_publish("check", "--pinyin-report", str(project), cwd=project.parent)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: --pinyin-report {project}: a folder")
    assert "Traceback" not in result.stderr
