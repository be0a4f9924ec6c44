"""Sentence features for the STAR classifier: words, cue phrases, tense, pronouns, position."""

from __future__ import annotations

import re

# Cue lexicons: each regex is one feature, named by what it signals.
CUES: dict[str, tuple[str, ...]] = {
    # situation: scene-setting, time anchors, background states
    "sit_time": (
        (
            r"\b(last|this past|earlier this|a few|two|three|several) (year|years|month|months|"
            r"week|weeks|spring|summer|fall|autumn|winter|quarter)\b( ago)?"
        ),
        r"\bback (in|when)\b",
        r"\bin (19|20)\d\d\b",
        r"\bwhen i (was|worked|joined|started|became|took over|moved)\b",
        r"\bat the time\b",
        r"\bone (day|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday)\b",
    ),
    "sit_place": (
        r"\b(at|in) my (last|previous|former|first|old|current) (job|role|company|team|position)\b",
        r"\bi (was|had been) (working|employed|a|an|the)\b",
        r"\bi worked (as|at|for|in)\b",
    ),
    "sit_state": (
        (
            r"\b(there was|there were|we had|we were|they had|it was|the company was|"
            r"our team was|was having|were having|had been|kept getting|was getting|"
            r"were getting)\b"
        ),
    ),
    "sit_problem": (
        (
            r"\b(problem|issue|complaint|backlog|deadline|outage|conflict|crisis|upset|angry|"
            r"frustrated|furious|struggling|behind|losing)\b"
        ),
    ),
    # task: the candidate's own goal or responsibility
    "task_own": (
        (
            r"\bmy (job|task|role|responsibility|goal|aim|assignment|challenge|priority|"
            r"brief) (was|became|is)\b"
        ),
        r"\bi (was|had been) (asked|tasked|responsible|in charge|expected|assigned|supposed)\b",
        r"\bit was (my|up to me)\b",
        r"\bi was the one\b",
    ),
    "task_need": (
        r"\b(i|we) (needed|had|wanted|was trying|were trying|set out) to\b",
        (
            r"\b(i|we) had (only )?(a|one|two|three|four|five|a few|\d+)? ?(days?|hours?|"
            r"weeks?|months?|time) to\b"
        ),
        (
            r"\b(needed|had) to (be|get|find|make|fix|figure|bring|turn|keep|reduce|improve|"
            r"calm|win|deliver|hit|cut|recover|handle)\b"
        ),
        r"\bthe (goal|target|aim|objective|task|challenge) was\b",
        r"\bwithout (losing|breaking|missing|upsetting)\b",
    ),
    # action: first-person past actions and sequence markers
    "act_i_past": (
        (
            r"\bi (then |first |also |immediately |personally |quickly )?(called|met|built|"
            r"created|wrote|set|started|decided|asked|reached|organized|organised|scheduled|"
            r"listened|explained|offered|escalated|reviewed|pulled|tested|proposed|introduced|"
            r"analyzed|analysed|trained|coached|spoke|talked|sat|walked|gave|sent|made|took|"
            r"put|ran|booked|mapped|drafted|designed|prepared|checked|found|brought|split|"
            r"rewrote|documented|apologized|apologised|acknowledged|followed|suggested|"
            r"contacted|emailed|arranged|negotiated|paired|shadowed|recorded|tracked|collected|"
            r"gathered|compared|looked|went|started|focused|kept|let|told|showed|shared|"
            r"invited|asked|pushed|worked|volunteered|stayed|flagged|raised|researched|read|"
            r"learned how|practiced|practised|broke|prioritized|prioritised|sorted|triaged|"
            r"delegated|restructured|updated|fixed|changed|replaced|added|removed|created|"
            r"launched|piloted|rolled|handled|answered|repeated|summarized|summarised|"
            r"confirmed|promised|agreed|offered)\b"
        ),
    ),
    "act_sequence": (
        (
            r"\b(first|then|next|after that|afterwards|so i|once i|from there|at that point|"
            r"the first thing i did|i started by|i began by|to do that)\b"
        ),
    ),
    "act_why": (
        r"\bbecause\b",
        r"\bso that\b",
        r"\bin order to\b",
    ),
    # result: outcomes, numbers, change words
    "res_marker": (
        (
            r"\b(as a result|in the end|by the end|ended up|eventually|finally|the result|"
            r"the outcome|which (led|meant|resulted|cut|saved|brought)|that (led|meant|"
            r"resulted)|this (led|meant|resulted)|within (a|two|three|four|six|\d+) (days|"
            r"weeks|months)|by (the following|next) (week|month|quarter))\b"
        ),
    ),
    "res_change": (
        (
            r"\b(increased|decreased|dropped|fell|rose|improved|reduced|saved|grew|doubled|"
            r"halved|cut|shortened|went (up|down|from)|climbed|recovered|renewed|stayed|"
            r"kept (the|their|her|his) (account|business)|thanked|praised|resolved|closed|hit|"
            r"met|exceeded|beat|won|signed|launched|shipped|promoted|adopted|rolled out)\b"
        ),
    ),
    "res_number": (
        (
            r"\b\d+(\.\d+)?\s?(%|percent|per cent|points?|hours?|days?|minutes?|customers?|"
            r"tickets?|calls?|dollars?|k\b)"
        ),
        r"\$\d",
        r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred) percent\b",
        r"\bfrom \w+ to \w+\b",
    ),
    "res_others": (
        (
            r"\b(he|she|they|the (customer|client|guest|family|patient|team|manager|director)|"
            r"my (manager|boss|lead)|it|this) (\w+ )?(accepted|approved|agreed|calmed down|"
            r"signed|came back|returned|thanked|deleted|posted|left|renewed|stayed|chose|"
            r"started using|loved|was approved|was fixed|worked|went live|paid off)\b"
        ),
        r"\b(result|outcome|achievement|impact) (is|was) that\b",
        r"\b(haven't|hasn't|hadn't|never|didn't) (\w+ ){0,2}(since|again)\b",
        r"\b(replied|wrote back|told us|told me|said) (that )?(it|they|she|he) (was|were|had)\b",
    ),
    "res_feedback": (
        (
            r"\b(the customer|she|he|they|my manager|the client) (was|were) (happy|pleased|"
            r"relieved|grateful|satisfied|delighted)\b"
        ),
        r"\b(positive|great) (feedback|review|survey)\b",
        r"\b(csat|nps|satisfaction) (score|went|rose|improved)\b",
    ),
    # reflection: explicit lessons
    "ref_lesson": (
        r"\bi learn(ed|t)\b",
        r"\b(taught|showed|reminded) me\b",
        r"\b(the|my|a|one) (lesson|takeaway|big takeaway)\b",
        r"\bwhat i took (away|from)\b",
        r"\bthe thing i (changed|do differently|learned|took)\b",
        r"\bi took away\b",
        r"\bi realized\b",
        r"\bi realised\b",
    ),
    "ref_future": (
        r"\bnext time\b",
        r"\bin hindsight\b",
        r"\blooking back\b",
        r"\bif i (did|had|could) (it|that) again\b",
        r"\bi would do (it )?differently\b",
        r"\bi'd do (it )?differently\b",
        r"\bsince then\b",
        r"\bnow i (always|make sure|try|start|check|ask|give|never)\b",
        r"\bgoing forward\b",
        r"\bthese days i\b",
        r"\bfrom then on\b",
        r"\bever since\b",
    ),
    # generic or hypothetical: not a specific example
    "gen_habit": (
        r"\bi (usually|always|normally|typically|generally|tend to|try to|like to)\b",
        r"\bwhenever\b",
        r"\bmy (approach|process|rule) is\b",
        r"\bin general\b",
        r"\bwhat i do is\b",
    ),
    "gen_hypo": (
        r"\bi would\b",
        r"\bi'd (first|then|probably|try|make|ask|call|start|talk|listen|want)\b",
        (
            r"\bif (a|the|i|you|someone|my) (customer|client|colleague|teammate|manager|were|"
            r"was|had|got)\b"
        ),
        r"\bi could\b",
    ),
}
_CUES = {name: re.compile("|".join(parts)) for name, parts in CUES.items()}
_WORD = re.compile(r"[a-z0-9']+|%|\$")
_PAST = re.compile(
    r"\b(was|were|had|did|got|went|made|took|told|gave|said|came|felt|saw|knew|found|kept|left|sent|spent|brought|thought|\w{3,}ed)\b"
)
_PRESENT = re.compile(r"\b(is|are|do|does|am|go|make|take|use|try|have|has)\b")


def dense_features(text: str) -> list[float]:
    """Cue counts (at most 2), I/we shares of the words and tense of one sentence, in
    the order of :data:`DENSE_NAMES` (the model's weights are stored in this order)."""
    low = text.lower().replace("’", "'")
    words = _WORD.findall(low)
    n = max(1, len(words))
    cues = [min(2.0, float(len(regex.findall(low)))) for regex in _CUES.values()]
    i_count = sum(1 for w in words if w in ("i", "i'm", "i've", "i'd", "me", "my", "myself"))
    we_count = sum(1 for w in words if w in ("we", "we're", "we've", "we'd", "us", "our"))
    return [
        *cues,
        i_count / n * 4,
        we_count / n * 4,
        1.0 if _PAST.search(low) else 0.0,
        1.0 if _PRESENT.search(low) else 0.0,
    ]


def cue_hits(text: str, name: str) -> int:
    """How often one cue lexicon matches ``text``."""
    return len(_CUES[name].findall(text.lower().replace("’", "'")))


DENSE_NAMES = (*(f"cue={name}" for name in CUES), "i_share", "we_share", "past", "present")
"""What :func:`dense_features` returns, in order."""
