"""Coverage of the workforce (national and per association) and the province map."""
