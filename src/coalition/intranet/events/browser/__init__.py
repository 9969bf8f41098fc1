"""Views of the events concern: planning in the intranet, the public calendar and event pages, registration."""
