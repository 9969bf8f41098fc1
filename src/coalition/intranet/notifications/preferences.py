"""How each person wants to hear about their workspaces, kept as a member property (memberdata_properties.xml)."""

from coalition.intranet import _
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PROPERTY = "coalition_notifications"
IMMEDIATE = "immediate"
DAILY = "daily"
OFF = "off"
DEFAULT = IMMEDIATE
CHOICES = (IMMEDIATE, DAILY, OFF)

CHOICE_TITLES = {
    IMMEDIATE: _("notifications_immediate", default="At once: one e-mail for each new item or comment"),
    DAILY: _("notifications_daily", default="Once a day: one digest e-mail with all the links"),
    OFF: _("notifications_off", default="Never: I look at the dashboard myself"),
}


@provider(IVocabularyFactory)
def preference_vocabulary(context=None):
    """The three choices, in the order the form shows them."""
    return SimpleVocabulary([SimpleTerm(value, value, CHOICE_TITLES[value]) for value in CHOICES])


def preference_of(user) -> str:
    """``immediate``, ``daily`` or ``off`` for a member (MemberData); unknown values count as the default."""
    value = user.getProperty(PROPERTY, DEFAULT) if user is not None else OFF
    return value if value in CHOICES else DEFAULT


def set_preference(user, value: str) -> None:
    """Store the member's choice; refuses anything but the three choices."""
    if value not in CHOICES:
        raise ValueError(f"Unknown notification preference: {value!r}")
    user.setMemberProperties({PROPERTY: value})


def language_of(user) -> str:
    """The language mails to ``user`` are written in: their own preference, else the site's default."""
    language = (user.getProperty("language", "") or "").strip()
    return language or api.portal.get_registry_record("plone.default_language", default="en") or "en"
