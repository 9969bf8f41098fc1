"""The public website: views of the language roots (member organisations, later prisoners, statistics…)."""
