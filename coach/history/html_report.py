"""``coach export --format html``: the coach's report as one self-contained page.

No script, no external file, no network (a Content-Security-Policy forbids them all):
a coach opens it in any browser, prints it or mails it. Every stored text is
escaped; control characters are shown, never obeyed.
"""

from __future__ import annotations

import time
from html import escape

from coach.history.report import PART_NAMES, ReportAnswer, ReportSession, report_sessions
from coach.history.store import Store
from coach.words import counted

STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --ok: #1a7f37; --miss: #b3261e;
  --situation: #dbeafe; --task: #fde7c7; --action: #d4f4dd; --result: #fbd5da;
  --reflection: #e6e0f8; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: .95rem; margin: .8rem 0 .2rem; }
.meta { color: var(--muted); margin: 0 0 .6rem; }
.headline { font-weight: 600; }
.answer { border-left: 4px solid var(--line); padding: .2rem 0 .4rem 1rem; margin: 1rem 0; }
.follow-up { margin-left: 1.2rem; border-left-style: dashed; }
.verdict { margin: .2rem 0 .6rem; }
.mark { display: inline-block; min-width: 1.6rem; text-align: center; border-radius: .3rem;
  font-weight: 700; margin-right: .2rem; padding: 0 .3rem; }
.ok { color: #fff; background: var(--ok); }
.miss { color: var(--miss); border: 1px solid var(--miss); text-decoration: line-through; }
.figure { color: var(--muted); margin-left: .6rem; }
.transcript { margin: .4rem 0; padding: .6rem .8rem; background: #f6f8fa; border-radius: .4rem; }
.s { padding: .05rem .15rem; border-radius: .2rem; }
.s b { font-size: .75rem; margin-right: .25rem; color: var(--muted); }
.situation { background: var(--situation); } .task { background: var(--task); }
.action { background: var(--action); } .result { background: var(--result); }
.reflection { background: var(--reflection); }
.legend span { margin-right: .6rem; }
ul { margin: .2rem 0 .6rem; padding-left: 1.3rem; }
.next { background: #f6f8fa; border-radius: .4rem; padding: .4rem 1rem; margin-top: 1.4rem; }
@media print { body { margin: 0 auto; } .answer { break-inside: avoid; } }
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def export_html(store: Store, ids: list[int]) -> str:
    sessions = report_sessions(store, ids)
    stamp = time.strftime("%Y-%m-%d %H:%M")
    body = [
        "<h1>Interview practice report</h1>",
        f'<p class="meta">{escape(counted(len(sessions), "session"))} · exported {stamp} '
        "· made offline by coach</p>",
        '<p class="meta legend">'
        + "".join(
            f'<span class="s {p}"><b>{PART_NAMES[p][0]}</b>{PART_NAMES[p]}</span>'
            for p in PART_NAMES
        )
        + "</p>",
    ]
    if not sessions:
        body.append("<p>No sessions yet.</p>")
    for session in sessions:
        body += _session(session)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Interview practice report</title><style>{STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _session(session: ReportSession) -> list[str]:
    out = [
        "<section>",
        f"<h2>Session {session.id} · {escape(session.when)}</h2>",
        f'<p class="meta">{escape(session.pack)} · {escape(session.mode)}</p>',
        f'<p class="headline">{escape(session.headline)}</p>',
    ]
    for answer in session.answers:
        out += _answer(answer)
    if session.practise_next:
        out.append('<div class="next"><h3>Practise next</h3><ul>')
        out += [f"<li>{escape(line)}</li>" for line in session.practise_next]
        out.append("</ul></div>")
    out.append("</section>")
    return out


def _answer(answer: ReportAnswer) -> list[str]:
    kind = "answer follow-up" if answer.is_follow_up else "answer"
    take = f" <small>(take {answer.take})</small>" if answer.take > 1 else ""
    prefix = "Follow-up: " if answer.is_follow_up else ""
    out = [f'<article class="{kind}">', f"<h3>{prefix}{escape(answer.question)}{take}</h3>"]
    if answer.star:
        marks = "".join(
            f'<span class="mark {"ok" if found else "miss"}" title="{PART_NAMES[part]}'
            f'{" found" if found else " missing"}">{PART_NAMES[part][0]}</span>'
            for part, found in answer.parts
        )
    else:
        marks = f"<strong>{escape(answer.verdict)}</strong>"
    figures = "".join(f'<span class="figure">{escape(f)}</span>' for f in answer.figures)
    out.append(f'<p class="verdict">{marks}{figures}</p>')
    if answer.sentences:
        spans = " ".join(
            f'<span class="s {s.part}"><b>{PART_NAMES[s.part][0]}</b>{escape(s.text)}</span>'
            if s.part
            else f'<span class="s">{escape(s.text)}</span>'
            for s in answer.sentences
        )
    else:
        spans = escape(answer.transcript)
    out.append(f'<p class="transcript">{spans}</p>')
    if answer.fillers:
        words = ", ".join(f"{escape(w)} ×{n}" for w, n in answer.fillers)
        out.append(f'<p class="meta">Fillers: {words}</p>')
    if answer.advice:
        out.append("<h4>Work on</h4><ul>")
        out += [f"<li>{escape(a)}</li>" for a in answer.advice]
        out.append("</ul>")
    if others := answer.to_rehearse:
        out.append("<h4>Follow-ups to rehearse</h4><ul>")
        out += [f"<li>{escape(q)}</li>" for q in others]
        out.append("</ul>")
    for follow_up in answer.follow_ups:
        out += _answer(follow_up)
    out.append("</article>")
    return out
