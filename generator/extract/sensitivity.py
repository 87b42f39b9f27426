"""Which request parameters carry secrets (`sensitive: true` in the spec): redacted from logs.

A parameter is sensitive when its name says it is a password, a secret, a pre-shared key or an
authentication key (`AuthKey`, `Authkey`, `Psk`, `VpnPassword`, `Foo.N.Secret`), when its
description names such a member (IkeConfig: "IkeConfig.Psk: the pre-shared key ..."), or when the
description calls the value a password, secret or authentication key, in English or Chinese
("認證密鑰"; "密碼編譯演算法" is a cipher algorithm, not a password). The result is written into the
spec, where a reviewer sees it and an override (`set: {sensitive: false}`) can correct it.
"""

from __future__ import annotations

import re

# A name segment (`Tag.N.Key` -> `Key`), matched whole, case-insensitively.
_SECRET_NAME = re.compile(
    r"(?i)^(?:\w*(?:password|passwd|passphrase|secret|psk)\w*|(?:auth|md5|private|preshared)key)$"
)
_MEMBER = re.compile(r"\b[A-Za-z]\w*\.([A-Za-z]\w*)\b")
_SECRET_TEXT = re.compile(
    r"(?i)\b(?:password|passphrase|secret|pre-?shared key|authentication key|md5 key|private key)s?\b"
    r"|認證密鑰|认证密钥|共享密鑰|共享密钥|密碼(?![編编演算學学])|密码(?![編编演算學学])|口令"
)


def is_sensitive(name: str, description: str) -> bool | None:
    """True when the name or the description says the value is a secret; None (not stated)
    otherwise."""
    names = [name.rsplit(".", 1)[-1], *_MEMBER.findall(description)]
    secret = any(_SECRET_NAME.match(part) for part in names) or _SECRET_TEXT.search(description)
    return True if secret else None
