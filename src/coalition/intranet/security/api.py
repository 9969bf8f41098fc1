"""The public API of security: the audit log, local roles that count at once, and who is asking.

Other concerns call these names; ``audit.py``, ``localroles.py`` and ``channels.py`` are the implementation.
"""

from coalition.intranet.security.audit import AuditEntry
from coalition.intranet.security.audit import entries
from coalition.intranet.security.audit import record
from coalition.intranet.security.channels import requesting_user
from coalition.intranet.security.filelog import append_line as append_log_line
from coalition.intranet.security.filelog import log_directory
from coalition.intranet.security.filelog import newest_first as log_lines_newest_first
from coalition.intranet.security.localroles import forget_cached_local_roles
from coalition.intranet.security.localroles import set_local_role


__all__ = [
    # The audit log: append an act (``record``), read the log newest first (``entries``)
    "record",
    "entries",
    "AuditEntry",
    # After changing a roster or a grant: let the new local roles count in this request too
    "forget_cached_local_roles",
    # One role of a family (a workspace role, a case grant) for a principal, their other local roles kept
    "set_local_role",
    # The user a request speaks for, also before Zope has authenticated it (traversal hooks, 404s)
    "requesting_user",
    # Append-only JSON-lines logs outside the ZODB, one file a month (case reads, logins): filelog.py
    "log_directory",
    "append_log_line",
    "log_lines_newest_first",
]
