"""What an existing site needs: its plaintext confidential values sealed in place, and a canary.

Idempotent: values already sealed are left alone. The old plaintext stays in the database's earlier
transactions until the database is packed, and in every backup made before: see docs/security.md
("Encryption at rest") for what the operator must do after this ran (pack, a new full backup, destroy the
old backups).
"""

from Acquisition import aq_base
from coalition.intranet.security.encryption.canary import ensure_canary
from coalition.intranet.security.encryption.fields import seal_plaintext
from coalition.intranet.security.encryption.files import EVIDENCE_TYPE
from coalition.intranet.security.encryption.files import seal_evidence_file
from coalition.intranet.security.encryption.stores import CASE_TYPE
from coalition.intranet.security.encryption.stores import unrestricted_objects
from coalition.intranet.security.encryption.stores import version_copies
import logging


logger = logging.getLogger("coalition.encryption")
PROGRESS_EVERY = 200


def _seal_all(label, objects, seal_one) -> int:
    sealed = seen = 0
    for obj in objects:
        seen += 1
        if seal_one(obj):
            sealed += 1
        if seen % PROGRESS_EVERY == 0:
            logger.info("Encryption at rest: %s: %d checked, %d sealed so far", label, seen, sealed)
    logger.info("Encryption at rest: %s: %d checked, %d sealed", label, seen, sealed)
    return sealed


def install(portal) -> dict:
    """Seal every plaintext case field, evidence file and version copy of ``portal``; create its canary."""
    created = ensure_canary(portal)
    counts = {
        "canary": int(created),
        "case files": _seal_all(
            "case files", (aq_base(case) for case in unrestricted_objects(portal, CASE_TYPE)), seal_plaintext
        ),
        "evidence files": _seal_all("evidence files", unrestricted_objects(portal, EVIDENCE_TYPE), seal_evidence_file),
        "case file versions": _seal_all(
            "case file versions",
            (copy for copy in version_copies(portal) if getattr(copy, "portal_type", None) == CASE_TYPE),
            seal_plaintext,
        ),
    }
    return counts
