"""The sales director's dashboard: filters, one selector module per section, the at-risk rules and the export."""
