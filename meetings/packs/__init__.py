"""Briefing packs: the printed PDF brief of a meeting, rendered in the background.

content.py gathers what the pack shows through the pages' own selectors (scoped to the user
the pack is made for); render.py turns it into HTML and then into a PDF with WeasyPrint;
fetcher.py is the only door the renderer has to anything outside the HTML (the app's static
files); services.py requests, claims, finishes and sweeps packs; the Celery tasks in
meetings/tasks.py call those services.
"""
