"""Loading the model and transcribing opens no network connection."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import shared_clip

pytestmark = pytest.mark.model


def test_model_load_and_transcription_with_sockets_blocked() -> None:
    clip = shared_clip("jfk.flac")
    script = textwrap.dedent(
        f"""
        import socket
        attempts = []
        class Blocked(socket.socket):
            def connect(self, address):
                attempts.append(address)
                raise OSError("network blocked by test")
            connect_ex = connect
        socket.socket = Blocked
        real_create = socket.create_connection
        def create_connection(address, *a, **k):
            attempts.append(address)
            raise OSError("network blocked by test")
        socket.create_connection = create_connection
        def getaddrinfo(host, *a, **k):
            attempts.append(host)
            raise OSError("dns blocked by test")
        socket.getaddrinfo = getaddrinfo

        from coach.speech.sources import decode_audio_file
        from coach.speech.transcriber import Transcriber
        for name in ("base", "tiny.en"):
            text = Transcriber(name).transcribe(decode_audio_file({str(clip)!r})).text
            assert "country" in text.lower(), text
        print("ATTEMPTS", attempts)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "ATTEMPTS []" in out.stdout
