"""The public website, one sub-package per feature (listing, profile, statistics, feeds, languages, translation,
boundary, about). ``api.py`` is the concern's API for other concerns (publication acts); ``facts.py`` holds the
helpers the features share (what is public, labels of coded facts, the list's language)."""
