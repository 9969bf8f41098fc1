"""The coalition's identity on top of Barceloneta: logo and colours."""
