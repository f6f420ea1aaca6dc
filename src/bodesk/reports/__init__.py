"""Every printed thing bodesk makes: PDF documents built with ReportLab.

`base` holds the one page template (header band, footer with "Page X of Y"), the paragraph styles
and small building blocks; `fonts` the font and `fit_lines`, which bounds every text a report prints;
`tables` (with `columns` and `rows`) lays out rows the domain has already computed and rounded. A
report module only picks a header, builds a story from those blocks and calls `base.build_pdf`: it
never computes a total or rounds an amount of its own.
"""
