"""The content class of the criteria set: a Dexterity item whose criteria are kept by ``criteria.api``."""

from coalition.intranet.criteria.interfaces import ICriteriaSet
from plone.dexterity.content import Item
from zope.interface import implementer


@implementer(ICriteriaSet)
class CriteriaSet(Item):
    """Title and description from models/criteria_set.xml; ``items`` and the frozen versions set by the API."""

    items = ()
