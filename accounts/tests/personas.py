"""Who gets what on a dossier page, shared by the per-view tests: (persona fixture, status)."""

# Pages that show an account's records.
SEE = [
    ("owner", 200),
    ("team_member", 200),
    ("director", 200),
    ("admin_user", 200),
    ("other_kam", 404),
    ("other_director", 404),
    ("department_member", 404),
]
# Pages and actions that change them: a director reads but may not change.
CHANGE = [
    ("owner", 200),
    ("team_member", 200),
    ("admin_user", 200),
    ("director", 403),
    ("other_kam", 404),
    ("other_director", 404),
    ("department_member", 404),
]
