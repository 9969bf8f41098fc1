"""Browser views of ballots: start, vote, close, decide after a text change, and the list on a document."""
