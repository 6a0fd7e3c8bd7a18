"""An evaluation worker process: `python -m aipolicy.admission.worker`, spoken to over stdin/stdout.

Started by ProcessEvaluator (evaluator.py) as a fresh interpreter rather than through
multiprocessing, which under the spawn method re-imports the parent's main module (a script without
an `if __name__ == "__main__"` guard would start servers in every worker). Frames are a 4-byte
big-endian length and a payload. The first frame from the parent is the pickled ScanOptions; the
worker answers READY (or ERROR and a message), then one answer frame per view document.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import struct
from typing import BinaryIO

READY = b"R"
OK = b"O"
ERROR = b"E"
_HEADER = struct.Struct(">I")


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame, or None at the end of the stream."""
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        return None
    (length,) = _HEADER.unpack(header)
    payload = _read_exact(stream, length)
    if payload is None:
        return None
    return payload


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_exact(stream: BinaryIO, size: int) -> bytes | None:
    chunks = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    # frames go to a private copy of stdout; anything printed by accident goes to stderr instead
    frames_out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    frames_in = os.fdopen(os.dup(0), "rb", buffering=0)

    from aipolicy.admission.evaluator import AdmissionEngine
    from aipolicy.scan import load_policies

    first = read_frame(frames_in)
    if first is None:
        return
    try:
        options = pickle.loads(first)
        engine = AdmissionEngine(load_policies(options))
    except Exception as exc:
        write_frame(frames_out, ERROR + str(exc).encode())
        return
    write_frame(frames_out, READY)
    while True:
        payload = read_frame(frames_in)
        if payload is None:
            return
        try:
            raw = engine.evaluate_json(payload.decode())
            answer = OK + json.dumps(raw, separators=(",", ":")).encode()
        except Exception as exc:
            answer = ERROR + str(exc).encode()
        write_frame(frames_out, answer)


if __name__ == "__main__":
    main()
