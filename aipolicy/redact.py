"""Mask secrets before any text leaves the scanner.

Findings quote configuration: a message can carry an environment variable of a training job, a
notebook's lifecycle script or an admission request's container args. Reports travel further
than the scanned files (CI logs, PR comments, code-scanning dashboards, the history store), so
every string a report emits from scanned input passes through `redact` first.

The patterns aim at values whose shape alone gives them away (provider key prefixes, PEM
blocks) and at `keyword = value` pairs; they do not try entropy detection, which would mask
resource ids and digests that reports need to show.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

REDACTED = "[REDACTED]"

# Words that mark the value after them as a secret in `word = value` / `word: value` form. The
# word must end right before the separator, so `api_key_required = true` or `token_validity = 60`
# are left alone; a prefix (`db_password`, `HF_TOKEN`) is kept as it is, being outside the match.
# No pattern starts with an unbounded run of word characters: on a long token that would make
# the search quadratic.
_SECRET_WORD = (
    r"(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key"
    r"|private[_-]?key|credentials?)"
)
# Values that are never secrets: booleans, nulls and an earlier redaction.
_NOT_A_SECRET = r"(?![\"']?(?:(?:true|false|null|none|nil)\b|\[REDACTED\]))"

# (pattern, replacement); order matters: whole blocks first, then token shapes, then pairs.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # PEM private keys, including an unterminated block cut off by a message length limit.
    (
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
            r"(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|.*\Z)",
            re.DOTALL,
        ),
        REDACTED,
    ),
    # AWS access key ids (long-term AKIA, temporary ASIA).
    (re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"), REDACTED),
    # AWS secret access keys: 40 base64 characters after a key-ish word.
    (
        re.compile(
            r"(?i)((?:secret|access|aws)(?:[\s_-]?access)?(?:[\s_-]?key)?[\w-]{0,20}[\s:=\"']{1,6})"
            r"[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"
        ),
        r"\1" + REDACTED,
    ),
    # OpenAI keys (sk-..., sk-proj-...); the digit look-ahead spares names like sk-learn-pipeline.
    (re.compile(r"\bsk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}"), REDACTED),
    # Hugging Face user access tokens.
    (re.compile(r"\bhf_[A-Za-z0-9]{30,}"), REDACTED),
    # GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained (github_pat_).
    (re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"), REDACTED),
    # Slack tokens (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-).
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), REDACTED),
    # Generic `password = value`, `"api_key": "value"`, `TOKEN=value` pairs.
    (
        re.compile(
            rf"(?i)({_SECRET_WORD}[\"']?\s*[:=]\s*){_NOT_A_SECRET}"
            r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"',;)}\]]+)"
        ),
        r"\1" + REDACTED,
    ),
)


@lru_cache(maxsize=1 << 14)
def redact(text: str) -> str:
    """Return `text` with every value that looks like a secret replaced by `[REDACTED]`.

    Cached: a report repeats the same titles, messages and remediations thousands of times."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def redact_data(value: Any) -> Any:
    """Redact every string inside a JSON-like value (dicts, lists, tuples), keys included."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redact_data(k): redact_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_data(v) for v in value]
    return value
