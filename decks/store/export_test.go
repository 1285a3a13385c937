package store

// WriteSchema1 lets the external upgrade test build an old collection.
var WriteSchema1 = schema1
