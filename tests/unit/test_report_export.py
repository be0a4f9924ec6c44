"""The coach's report: Markdown and one self-contained HTML page with each answer marked
by STAR part, its verdict, fillers by word, the follow-ups asked and answered, advice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.cli import main
from coach.history.export import export_markdown, session_ids
from coach.history.html_report import export_html
from coach.history.store import NewAnswer, Store
from tests.conftest import shared_clip
from tests.history_data import seed_history, spoken

HOSTILE = 'Um, I <script>alert("x")</script> fixed it. <img src="http://evil.example/x.png">'


def _seeded(data_dir: Path) -> Store:
    seeded = seed_history(data_dir, shared_clip("jfk.flac"))
    store = seeded.store
    session = store.start_session("drill", None, None)
    store.add_answer(
        session,
        NewAnswer(question_text="Hostile <b>question</b>", transcript=HOSTILE, typed=True),
    )
    return store


def test_the_markdown_report_is_a_coachs_report(private_data_dir: Path) -> None:
    store = _seeded(private_data_dir)
    report = export_markdown(store, session_ids(store, "all"))
    assert "**[Situation]** Um, last spring" in report, "sentences marked by STAR part"
    assert "STAR S✓ T✗ A✓ R✓ L✗" in report
    assert "Fillers: um ×1, uh ×1" in report
    assert "Work on:" in report and "- Say what you were responsible for" in report
    assert "### Follow-up: How did you separate your impact" in report
    assert "follow-up ✗ not answered" in report
    assert "Follow-ups to rehearse:" in report
    assert "### Practise next" in report
    assert "<script>" not in report and "\\<script\\>" in report


def test_the_html_report_is_one_safe_page(private_data_dir: Path) -> None:
    store = _seeded(private_data_dir)
    page = export_html(store, session_ids(store, "all"))
    assert page.startswith("<!doctype html>")
    assert "default-src 'none'" in page, "a policy forbids scripts and network"
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page), "nothing fetched"
    assert "&lt;script&gt;" in page and "&lt;b&gt;question&lt;/b&gt;" in page
    assert '<span class="s situation"><b>S</b>Um, last spring' in page
    assert '<span class="mark miss" title="Task missing">T</span>' in page
    assert "Fillers: um ×1, uh ×1" in page
    assert 'class="answer follow-up"' in page and "follow-up ✗ not answered" in page
    assert "<h4>Work on</h4>" in page and "Practise next" in page


def test_coach_export_writes_the_html_page(
    private_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seeded(private_data_dir).close()
    out = tmp_path / "report.html"
    assert main(["export", "all", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text().count("<section>") == 3
    assert "wrote 3 sessions" in capsys.readouterr().err


def test_an_answer_the_analysis_cannot_read_is_reported_not_fatal(private_data_dir: Path) -> None:
    store = Store()
    session = store.start_session("drill", None, None)
    store.add_answer(
        session,
        NewAnswer(question_text="Q", transcript="", transcript_data=spoken("a b c").to_dict()),
    )
    assert "Session" in export_html(store, [session])
