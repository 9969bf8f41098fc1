"""The publication boundary on the public side (issue 12): the register of acts (``provenance.py``), the guards
of profiles (``profiles.py``), anonymity of public content, photos without metadata, relations that name only
what the reader may view."""
