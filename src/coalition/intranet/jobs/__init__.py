"""Scheduled jobs (digests, due ballots, reminders) that run inside the serving site, triggered over HTTP."""
