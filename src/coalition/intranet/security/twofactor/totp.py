"""Time-based one-time codes (RFC 6238): 30-second steps, 6 digits, one step of clock drift either way.

A code is accepted only for a time step later than the last one accepted for the person, so a code seen
over someone's shoulder (or replayed by a phishing proxy) cannot be used a second time.
"""

import hmac
import pyotp
import segno
import time


PERIOD = 30
DIGITS = 6
DRIFT_STEPS = 1  # the previous and the next step count too: phones' clocks are not exact


def new_secret() -> str:
    """A new random secret, base32 (160 bits), as authenticator apps take it."""
    return pyotp.random_base32(length=32)


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // PERIOD)


def normalised_code(code: str | None) -> str:
    return "".join((code or "").split())


def is_totp_code(code: str | None) -> bool:
    code = normalised_code(code)
    return len(code) == DIGITS and code.isdigit()


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=PERIOD).generate_otp(step)


def matching_step(secret: str, code: str | None, last_step: int, now: float | None = None) -> int | None:
    """The time step ``code`` belongs to, if it is valid now and later than ``last_step``; else None."""
    code = normalised_code(code)
    if not is_totp_code(code):
        return None
    step = current_step(now)
    for candidate in range(step - DRIFT_STEPS, step + DRIFT_STEPS + 1):
        if candidate > last_step and hmac.compare_digest(code_at(secret, candidate), code):
            return candidate
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=PERIOD).provisioning_uri(name=account, issuer_name=issuer)


def qr_code_svg(uri: str, title: str) -> str:
    """The QR code of ``uri`` as inline SVG (made here: the page asks no other server for an image). Without a
    fixed size: it takes the width of its box, so it fits a phone's screen."""
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="coalition-qr-code", omitsize=True
    )


def grouped(secret: str) -> str:
    """The secret in groups of four characters, easier to type into an app by hand."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
