"""The provider of sales measures for the suggested scores (analysis.suggestions): installed
from PlanningConfig.ready(), it measures accounts from their sales records."""

import datetime
from collections.abc import Mapping

from planning.selectors.sales import sales_measures_for_accounts


class SalesRecordMeasures:
    """Per account over the 12 months up to today: orders = months with purchases, order
    volume = volume bought, buyers = distinct products bought (the records name no buyers, so
    the breadth of the range stands in for them), purchase volume = revenue. One grouped
    query whatever the number of accounts and records."""

    def measures(self, *, accounts, today: datetime.date) -> Mapping[int, Mapping]:
        return sales_measures_for_accounts(accounts=accounts, today=today)
