package bucketcfg

// S3's error codes for a configuration it refuses.
const (
	CodeMalformedXML    = "MalformedXML"
	CodeInvalidArgument = "InvalidArgument"
	CodeInvalidRequest  = "InvalidRequest"
	CodeInvalidTag      = "InvalidTag"
)

// Error is a configuration document S3 refuses: its code, message, and the
// ArgumentName and ArgumentValue elements S3 adds to some of them.
type Error struct {
	// Code is S3's error code, one of the Code* constants.
	Code string
	// Message is S3's message; "" means the code's usual message.
	Message string
	// ArgumentName and ArgumentValue are sent when set.
	ArgumentName, ArgumentValue string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// malformed is a document that breaks a bound of S3's schema.
func malformed() *Error { return &Error{Code: CodeMalformedXML} }

func invalidArgument(msg, name, value string) *Error {
	return &Error{Code: CodeInvalidArgument, Message: msg, ArgumentName: name, ArgumentValue: value}
}

func invalidRequest(msg string) *Error { return &Error{Code: CodeInvalidRequest, Message: msg} }

func invalidTag(msg string) *Error { return &Error{Code: CodeInvalidTag, Message: msg} }
