"""The public list of political prisoners (``/<lang>/prisoners``): its query (``query.py``) and its page."""
