"""The last phrase is encoded short, and a short-input result that looks wrong is not
trusted (it is decoded again with the usual 30-s window)."""

from __future__ import annotations

import numpy as np

from coach.speech.transcriber import _frames_for, _suspicious
from coach.speech.transcript import Segment, Word


def _segment(words: list[str], start: float = 0.0) -> Segment:
    timed = tuple(
        Word(start + i * 0.4, start + i * 0.4 + 0.3, f" {w}", 0.9) for i, w in enumerate(words)
    )
    return Segment(start, start + len(words) * 0.4, " ".join(words), timed)


def test_a_phrase_is_encoded_with_one_second_to_spare_and_never_past_a_window() -> None:
    assert _frames_for(16_000 * 5) == 600  # 5 s of audio: 500 mel frames and 100 more
    assert _frames_for(16_000 * 40) == 3000
    assert _frames_for(16_001) % 2 == 0


def test_loops_and_missing_words_are_suspicious_but_a_normal_phrase_is_not() -> None:
    silence = np.zeros(16_000 * 3, dtype=np.float32)  # no speech heard: no word count needed
    assert _suspicious([_segment(["a", "bit", "bit", "bit", "bit", "more"])], silence)
    assert not _suspicious([_segment(["and", "then", "I", "called", "the", "warehouse"])], silence)
    looping = _segment(("we went back " * 12).split())
    assert _suspicious([looping], silence)


def test_a_phrase_the_prompt_sets_looping_is_decoded_again_without_it() -> None:
    """Seen on a fast voice: 15 s of speech came back as a page of ". . ." with the
    words said before it as the prompt; without the prompt the phrase is heard."""
    from coach.speech.transcriber import TranscribeOptions, Transcriber

    calls: list[str] = []

    def decode(audio: object, offset: float, context: str, *_: object, **__: object) -> list:
        calls.append(context)
        if context:
            return [Segment(0.0, 15.0, " ." * 300, ())]
        return [_segment(["the", "delivery", "did", "not", "match", "what", "sold"])]

    transcriber = object.__new__(Transcriber)
    transcriber.options = TranscribeOptions()
    transcriber.short_input_retries = transcriber.context_retries = 0
    transcriber._decode = decode  # type: ignore[method-assign]
    heard = transcriber.transcribe_segments(
        np.zeros(16_000 * 15, dtype=np.float32), context="I noticed the same product ran out"
    )
    assert "delivery did not match" in heard[0].text
    assert calls == ["I noticed the same product ran out", ""]
    assert transcriber.context_retries == 1


def test_a_short_decode_may_write_fast_speech_but_not_a_page_of_padding() -> None:
    """Past the speech, short input once set Whisper writing "____" to 224 tokens
    (2.9 s instead of 0.6 s for an 8.8-s last phrase); the cap leaves room for
    5 words a second, where the result is distrusted anyway."""
    from coach.speech.transcriber import _tokens_for

    seconds = 8.8
    cap = _tokens_for(int(16_000 * seconds))
    assert cap < 224 / 2
    words_at_5_a_second = 5 * seconds
    assert cap >= words_at_5_a_second * 1.3 + 2 * 3  # tokens a word, timestamps


def test_each_window_of_a_short_decode_encodes_its_own_audio_and_a_silent_margin() -> None:
    """After the first window faster-whisper decodes what is left past the last word
    in a window of its own, padded with zero frames. Encoded to the first window's
    length, 0.2 s of audio and 9.6 s of padding came back as a stray "So"; into a
    zero margin Whisper once wrote "____" to the token cap. Each window is encoded
    to its own audio and a margin at the recording's quietest (silence to Whisper)."""
    from coach.speech.transcriber import _phrase_model_class

    class Recorder:
        def encode(self, features: np.ndarray) -> np.ndarray:
            return features

    model = _phrase_model_class(Recorder)()
    rng = np.random.default_rng(0)
    first = np.zeros((80, 3000), dtype=np.float32)
    first[:, :882] = rng.uniform(-0.9, 1.0, (80, 882))  # log-mel, then zero padding
    rest = np.zeros((80, 3000), dtype=np.float32)
    rest[:, :22] = first[:, 860:882]
    model.encode_frames = _frames_for(882 * 160)
    assert model.encode(first).shape == (80, 982)
    window = model.encode(rest)
    assert window.shape == (80, 122)
    assert np.array_equal(window[:, :22], rest[:, :22])
    assert np.all(window[:, 22:] == rest[:, :22].min())
    model.encode_frames = None  # a padded decode: the whole 30-s window, untouched
    assert model.encode(rest) is rest


def test_a_short_decode_stops_at_the_end_of_its_words_and_may_not_run_on() -> None:
    """faster-whisper decodes what is left past the last word in a window of its
    own only when asked for the next segment; once the words reach the end of a
    stop's last phrase there is nothing left to hear but a cut word."""
    import threading
    from types import SimpleNamespace

    from coach.speech.transcriber import TranscribeOptions, Transcriber

    windows: list[float] = []
    asked: list[dict[str, object]] = []

    def pieces(audio_s: float):  # type: ignore[no-untyped-def]
        for start, end in ((0.0, 4.0), (4.0, audio_s - 0.1), (audio_s - 0.1, audio_s)):
            windows.append(start)
            yield SimpleNamespace(
                start=start,
                end=end,
                text=" words",
                no_speech_prob=0.0,
                avg_logprob=-0.2,
                words=[SimpleNamespace(start=start, end=end, word=" words", probability=0.9)],
            )

    class Model:
        encode_frames = None

        def transcribe(self, audio: np.ndarray, **options: object) -> tuple[object, None]:
            asked.append(options)
            return pieces(audio.size / 16_000), None

    transcriber = object.__new__(Transcriber)
    transcriber.options = TranscribeOptions()
    transcriber._slots = threading.BoundedSemaphore(1)
    transcriber._model = Model()
    audio = np.zeros(16_000 * 7, dtype=np.float32)
    short = transcriber._decode(audio, 0.0, "", (0.0,), frames=_frames_for(audio.size))
    assert [s.end for s in short] == [4.0, 6.9] and windows == [0.0, 4.0]
    windows.clear()
    padded = transcriber._decode(audio, 0.0, "", (0.0,))  # whole recordings: every window
    assert len(padded) == 3 and windows == [0.0, 4.0, 6.9]
    # A short decode may neither run on nor write a stretch of itself twice (a last
    # phrase written out twice ran to the token cap); a padded one is Whisper's own.
    assert asked[0]["max_new_tokens"] and asked[0]["no_repeat_ngram_size"] == 6
    assert asked[1]["max_new_tokens"] is None and asked[1]["no_repeat_ngram_size"] == 0
