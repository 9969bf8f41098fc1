"""Long pages in batches (the translation queue, the audit log): where the batch a request asks for starts."""


def batch_start(form) -> int:
    """``b_start`` of a request's form as a number of at least 0; 0 when it is missing or not a number."""
    start = form.get("b_start", 0)
    try:
        return max(int(start), 0)
    except (TypeError, ValueError):
        return 0
