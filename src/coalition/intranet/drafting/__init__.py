"""Working documents co-drafted in workspaces (ballots and adoption come with the drafting issue)."""
