"""Which accounts a scan reads, and how: the caller's own credentials or a role assumed in each account."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aipolicy.errors import InputError

_ACCOUNT = re.compile(r"^[0-9]{12}$")
_ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::([0-9]{12}):role/[\w+=,.@/-]+$")


@dataclass(frozen=True)
class AccountTarget:
    """One account to scan. Without a role, the caller's own credentials are used (and must be it)."""

    account_id: str | None = None
    role_arn: str | None = None
    external_id: str | None = None


def account_of_role(role_arn: str) -> str:
    """The account id inside a role ARN; InputError when it is not a role ARN."""
    match = _ROLE_ARN.match(role_arn)
    if match is None:
        raise InputError(f"{role_arn!r} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)")
    return match.group(1)


def parse_accounts_file(path: Path, external_id: str | None = None) -> list[AccountTarget]:
    """Read an accounts file: `<account id> <role ARN> [<external id>]` per line; `#` starts a comment.

    `external_id` applies to lines that give none. Blank lines are skipped. Any malformed line is an
    InputError naming the file and line, so a typo never silently drops an account from the scan.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the accounts file ({exc.strerror or exc})") from exc
    targets: list[AccountTarget] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.replace(",", " ").split()
        where = f"{path}:{number}"
        if len(fields) not in (2, 3):
            raise InputError(f"{where}: expected '<account id> <role ARN> [<external id>]', got {line!r}")
        account, role = fields[0], fields[1]
        if not _ACCOUNT.match(account):
            raise InputError(f"{where}: {account!r} is not a 12-digit AWS account id")
        try:
            role_account = account_of_role(role)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
        if role_account != account:
            raise InputError(f"{where}: role {role} belongs to account {role_account}, not {account}")
        if account in seen:
            raise InputError(f"{where}: account {account} is listed twice")
        seen.add(account)
        targets.append(AccountTarget(account, role, fields[2] if len(fields) == 3 else external_id))
    if not targets:
        raise InputError(f"{path}: no accounts listed")
    return targets
