"""The coalition's intranet and public website."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "coalition.intranet"

_ = MessageFactory("coalition")
