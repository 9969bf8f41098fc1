"""Import of the lists of case files the member organisations keep (CSV, XLSX), and their checks."""
