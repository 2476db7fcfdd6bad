"""Reads of meetings and commitments, each scoped to the user asking (see access.py for the
single-record doors, meetings.py and commitments.py for the lists)."""
