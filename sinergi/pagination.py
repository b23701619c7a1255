"""Pages of a list whose total may be counted only up to a bound."""

from functools import cached_property

from django.core.paginator import Paginator

# Forty pages of 25: past that a search is refined, not paged through (the printed register and the downloads
# hold every match). Counting further cost a common word's bounded count 30 ms more at a million.
SEARCH_COUNT_LIMIT = 1_000


class BoundedCountPaginator(Paginator):
    """A paginator that counts at most `limit + 1` rows: a free-text search matching a million agreements then
    costs a page and a bounded count, not a count of a million. `is_bounded` says the total is "more than
    `limit`"; the pages beyond the bound are not offered."""

    def __init__(self, object_list, per_page, *, limit=SEARCH_COUNT_LIMIT, **kwargs):
        self.limit = limit
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @property
    def is_bounded(self):
        return self.count > self.limit
