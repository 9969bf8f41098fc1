"""Forms that anonymous visitors send (offers to mentor, event registrations, campaign sign-ups)."""
