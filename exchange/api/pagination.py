from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """25 records a page, as on the list pages; a client may ask for up to 100."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
