"""Serving Cakupan from several Streamlit processes behind nginx (`make serve`, `python -m cakupan serve`)."""
