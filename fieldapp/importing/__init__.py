"""Household import from the county's lists (XLSX), at the level of services.

`columns` (the layout), `workbook` (streamed XLSX), `cells` (one row's
values), `staging` (rows parked on disk), `existing` (what is stored),
`merge` and `plan` (one household checked by the household form), `write`,
`run` (the one import path), `service` (uploads and jobs) and `runner` (the
job). See docs/import.md.
"""
