"""Reads of the planning app, one module per area. Each takes an account the caller has
already fetched through accounts.selectors (so the user may see it), or a queryset of
accounts already scoped to the user."""
