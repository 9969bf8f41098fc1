"""Cells of CSV exports that a spreadsheet opens safely (the supporters, registrations, audit log and trust
report exports): a value a visitor or member typed as ``=HYPERLINK(...)`` must not run as a formula."""

# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """The value as text, with a leading ``'`` when a spreadsheet would run it as a formula (None: empty)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text
