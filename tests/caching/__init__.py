"""Tests of the caching concern: the cache rules in Plone and the Varnish proxy in front of it."""
