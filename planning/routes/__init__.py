"""URL patterns of the planning app, one module per area; planning/urls.py joins them."""
