"""The outputs made from the built pages: the print version, the offline bundle and the PDF."""
