"""The presenter: slides built from the data, moving through them, the deck as PPTX / PDF / HTML files,
charts for the big screen and the presenter page's widgets."""
