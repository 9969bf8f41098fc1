"""The demo profile: the demo cast and fictional content. Never installed in production."""
