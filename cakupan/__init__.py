"""Cakupan: coverage analytics for BPJS Ketenagakerjaan and the Kadin PKS associations."""
