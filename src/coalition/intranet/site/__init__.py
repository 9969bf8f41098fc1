"""Site creation and structure: languages, public sections, the private intranet, groups, identity."""
