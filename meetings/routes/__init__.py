"""URL patterns of the meetings app, one module per area; meetings/urls.py joins them."""
