"""Every printed thing bodesk makes: PDF documents built with ReportLab.

`base` holds the one page template (header band, footer with "Page X of Y"), the fonts and the
paragraph styles and small building blocks; `tables` lays out rows the domain has already computed
and rounded. A report module only picks a header, builds a story from those blocks and calls
`base.build_pdf`: it never computes a total or rounds an amount of its own.
"""
