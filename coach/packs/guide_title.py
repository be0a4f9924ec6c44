"""A title for an imported guide that has no heading: the role or field it is about."""

from __future__ import annotations

import itertools
import re
from collections import Counter

_ROLE = re.compile(
    r"\b((?:[A-Z][a-z]+ ){1,3}(?:Specialist|Representative|Manager|Agent|Engineer|Analyst|"
    r"Associate|Lead|Director|Coordinator|Consultant|Developer|Designer|Officer|Assistant|"
    r"Adviser|Advisor|Supervisor|Nurse|Teacher))s?\b"
)
_GENERIC = frozenset(
    re.findall(
        r"\w+",
        """interview interviews interviewing question questions behavioral behavioural
        answer answers sample example examples star method candidate candidates interviewer
        interviewers hiring job role tell time situation task action result skills skill""",
    )
)
_STOP = frozenset(
    re.findall(
        r"\w+",
        """the and for with your you yours our are was were this that these those its from
        how what when why which who did does have has had can could would should will not
        more most very also about into over their them they there here than then such each
        every any all some one two""",
    )
)


def guide_title(text: str) -> str | None:
    """The role a guide is for, named at least twice ("Customer Experience Specialist
    interview questions"), else the field it keeps coming back to ("Customer service
    interview questions"); None when neither stands out."""
    roles = Counter(m.group(1) for m in _ROLE.finditer(text))
    if roles and (role := roles.most_common(1)[0])[1] >= 2:
        return f"{role[0]} interview questions"
    words = [w for w in re.findall(r"[a-z]+", text.lower())]
    skip = _STOP | _GENERIC
    pairs = Counter(
        f"{a} {b}"
        for a, b in itertools.pairwise(words)
        if a not in skip and b not in skip and len(a) > 2 and len(b) > 2
    )
    if pairs and (pair := pairs.most_common(1)[0])[1] >= 3:
        return f"{pair[0].capitalize()} interview questions"
    return None
