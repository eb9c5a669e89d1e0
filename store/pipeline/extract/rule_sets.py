"""Every claim rule, in the order the claims stage reads them, and the ones a sentence that names no alliance can use.

Most sentences of an article name countries only, and more than half of the rules can only tie a country to an
alliance (a membership, a summit, a partnership with NATO …): the claims stage runs those only where the sentence's
template holds an alliance token. Which rules those are follows from the relation a rule gives, as
:func:`store.pipeline.extract.claims._relation` decides it, so skipping them changes no claim.
"""

from __future__ import annotations

from store.models import Relation as R
from store.pipeline.extract.arms_customers import CUSTOMER_RULES
from store.pipeline.extract.arms_rules import ARMS_RULES
from store.pipeline.extract.cooperation_rules import COOPERATION_RULES
from store.pipeline.extract.membership_rules import MEMBERSHIP_RULES
from store.pipeline.extract.news_rules import NEWS_RULES
from store.pipeline.extract.rules import RULES, Rule
from store.pipeline.extract.summit_rules import SUMMIT_RULES

# Relations whose object must be an alliance.
NEEDS_ALLIANCE = frozenset({R.MEMBER_OF, R.APPLICANT_TO, R.ATTENDED, R.PARTNER_OF, R.PARTY_TO, R.OBSERVER_OF})
ALL_RULES: tuple[Rule, ...] = (*SUMMIT_RULES, *RULES, *NEWS_RULES, *MEMBERSHIP_RULES, *COOPERATION_RULES, *ARMS_RULES,
                              *CUSTOMER_RULES)


def ties_an_alliance_only(rule: Rule) -> bool:
    """A rule whose claims all have an alliance as object: one decided from its object ("joined", "leaders met"),
    except a partnership, which two countries can have too; or one giving a relation only an alliance can be the
    object of."""
    if rule.relation is None:
        return rule.name != "partnership"
    return rule.relation in NEEDS_ALLIANCE


COUNTRY_RULES: tuple[Rule, ...] = tuple(r for r in ALL_RULES if not ties_an_alliance_only(r))
