"""Tests of the coalition platform, run by zope.testrunner (`make test`)."""
