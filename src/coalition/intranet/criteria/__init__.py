"""The criteria of the definition of "political prisoner": drafted, frozen as numbered versions, published."""
