"""Languages of the public site: the language switcher, the "not yet translated" page, hreflang alternates."""
