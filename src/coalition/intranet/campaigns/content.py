"""Classes of the campaign concern's types."""

from coalition.intranet.campaigns.interfaces import ICampaign
from coalition.intranet.campaigns.interfaces import IStatement
from coalition.intranet.campaigns.interfaces import ISupporter
from coalition.intranet.security.api import requesting_user
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from Products.CMFCore.permissions import View
from zExceptions import NotFound
from zope.interface import implementer


@implementer(ICampaign)
class Campaign(Container):
    """A campaign; its supporters are inside, invisible to the public."""


@implementer(ISupporter)
class Supporter(Item):
    """A signatory. Its id is neutral (``s-<hex>``), never made from the name."""

    def __before_publishing_traverse__(self, arg1, arg2=None):
        # Whoever may not view a supporter gets 404 on every route (page, REST, ++api++), not a login form
        # that would confirm the address exists.
        request = arg2 or arg1
        if not requesting_user(request).has_permission(View, self):
            raise NotFound(self.getId())
        super().__before_publishing_traverse__(arg1, arg2)


@implementer(IStatement)
class Statement(Item):
    """A statement of the coalition."""
