package report

// Unexported writers the external tests (package report_test) compare
// against each other.
var (
	AppendCSVLine   = appendCSVLine
	AppendCSVRecord = appendCSVRecord
	EncodeKey       = encodeKey
	FileSchema      = fileSchema
)
