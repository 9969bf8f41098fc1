"""Where the class of the prisoner profile used to be: it lives in ``profile/content.py`` now.

Kept on purpose, do not remove: the ZODB stores each object with the dotted path of its class, and profiles
created before the move (and the ``klass`` of their type in existing sites) name
``coalition.intranet.public.content.PrisonerProfile``. Without this module they would no longer load.
"""

from coalition.intranet.public.profile.content import PrisonerProfile


__all__ = ["PrisonerProfile"]
