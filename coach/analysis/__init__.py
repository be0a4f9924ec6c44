"""Answer analysis: STAR structure, pacing, pauses, fillers, content, follow-ups.

Plain Python and NumPy, no Textual: a transcript with word timings, the audio's
voice-activity track and the question go in; one :class:`AnswerFeedback` comes out.
"""

from coach.analysis.feedback import AnswerFeedback, analyze
from coach.analysis.settings import AnalysisSettings
from coach.analysis.text import AnswerText, QuestionContext

__all__ = ["AnalysisSettings", "AnswerFeedback", "AnswerText", "QuestionContext", "analyze"]
