"""The reading layer: the guarded opener, the reading kit and one reader per kind of workbook.

Everything that turns a file a person or a survey tool wrote into a tidy table lives here:
:mod:`maturity.io.opener` (every file passes it first), :mod:`maturity.io.kit` (header finder,
alias tables, cell tally), and the readers (codebook, survey, capability map, risk register,
action plan) with their cheap ``detect``. Nothing here imports statistics, findings, figures
or the report.
"""
