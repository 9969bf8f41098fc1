"""Translation status: which public content lacks or has outdated translations (rules in ``status.py``), the
``@@translation-status`` page and the translator's queue on the dashboard (``waiting.py``)."""
