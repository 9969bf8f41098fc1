"""One-time recovery codes: ten random codes shown once, kept only as salted scrypt hashes.

A code has 12 characters from an alphabet without look-alikes (about 59 bits); it is typed with or without
hyphens and spaces, in any case. Checking one costs a single hash (one salt per person), so a guess costs
the same whether or not the person has codes left.
"""

import hashlib
import secrets


COUNT = 10
LENGTH = 12
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def new_codes(count: int = COUNT) -> list[str]:
    codes = ("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(count))
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]


def normalised(code: str | None) -> str:
    return "".join(ch for ch in (code or "").lower() if ch not in " -\t")


def is_recovery_code(code: str | None) -> bool:
    code = normalised(code)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def new_salt() -> bytes:
    return secrets.token_bytes(16)


def digest(code: str, salt: bytes) -> bytes:
    # scrypt: a copied database does not give the codes away by fast guessing.
    return hashlib.scrypt(normalised(code).encode("ascii"), salt=salt, n=2**14, r=8, p=1, dklen=32)


def digests(codes: list[str], salt: bytes) -> tuple[bytes, ...]:
    return tuple(digest(code, salt) for code in codes)
