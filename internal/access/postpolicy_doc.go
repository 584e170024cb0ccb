package access

// The POST policy document: a base64 JSON object with "expiration" and
// "conditions":
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
// Its faults are 400 InvalidPolicyDocument with S3's "Invalid Policy: ..."
// messages, as recorded from S3 by clients that hit them (carrierwave_direct,
// modbox, Stack Overflow captures, LocalStack's AWS-validated snapshots).

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// CodeInvalidPolicyDocument is a POST policy that does not parse.
const CodeInvalidPolicyDocument = "InvalidPolicyDocument"

// PostPolicy is a parsed POST policy.
type PostPolicy struct {
	Expiration time.Time
	Conditions []PostCondition
}

// The condition operators.
const (
	PostEq                 = "eq"
	PostStartsWith         = "starts-with"
	PostContentLengthRange = "content-length-range"
)

// PostCondition is one condition of a POST policy.
type PostCondition struct {
	// Op is PostEq, PostStartsWith or PostContentLengthRange.
	Op string
	// Field is the form field tested, lower case, without the '$'; ""
	// when the policy named it without '$', which S3 treats as a
	// condition no form satisfies.
	Field string
	// Value is what eq and starts-with compare with.
	Value string
	// Min and Max bound the file size (content-length-range); Valid is
	// false when a bound was a string that is not a number, which fails.
	Min, Max int64
	Valid    bool
	// Text is the condition as S3 quotes it when it fails, e.g.
	// ["eq", "$key", "a.txt"]; simple conditions are quoted as eq.
	Text string
}

// ParsePostPolicy decodes a base64 POST policy and checks its shape.
func ParsePostPolicy(b64 string) (*PostPolicy, error) {
	doc, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, invalidPolicy("invalid Base64 encoding.") // S3's wording is unrecorded
	}
	members, err := topLevelMembers(doc)
	if err != nil {
		return nil, err
	}
	var p PostPolicy
	var expiration, conditions json.RawMessage
	for _, m := range members {
		switch m.name {
		case "expiration":
			expiration = m.value
		case "conditions":
			conditions = m.value
		default:
			// S3 names the member lower-cased, in single quotes.
			return nil, invalidPolicy("Unexpected: '" + strings.ToLower(m.name) + "'")
		}
	}
	if expiration == nil {
		return nil, invalidPolicy("Policy missing expiration.")
	}
	if conditions == nil {
		return nil, invalidPolicy("Policy missing conditions.")
	}
	var exp string
	if json.Unmarshal(expiration, &exp) != nil {
		return nil, invalidPolicy("Invalid 'expiration' value: '" + string(expiration) + "'")
	}
	t, err := time.Parse(time.RFC3339Nano, exp)
	if err != nil || !strings.HasSuffix(exp, "Z") {
		// S3 wants UTC written with Z: an offset is refused.
		return nil, invalidPolicy("Invalid 'expiration' value: '" + exp + "'")
	}
	p.Expiration = t
	var list []json.RawMessage
	if json.Unmarshal(conditions, &list) != nil || bytes.TrimSpace(conditions)[0] != '[' {
		return nil, invalidPolicy("Invalid 'conditions' value: must be a List.")
	}
	for _, raw := range list {
		c, err := parseCondition(raw)
		if err != nil {
			return nil, err
		}
		p.Conditions = append(p.Conditions, c)
	}
	return &p, nil
}

type member struct {
	name  string
	value json.RawMessage
}

// topLevelMembers decodes the document as one JSON object, keeping its
// members in order (S3 reports the first unexpected one).
func topLevelMembers(doc []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	bad := invalidPolicy("Invalid JSON.")
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, bad
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad
		}
		name, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, bad
		}
		out = append(out, member{name, v})
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, bad
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad // something after the object
	}
	return out, nil
}

// parseCondition reads one condition: {"field": "value"} or [op, ...].
func parseCondition(raw json.RawMessage) (PostCondition, error) {
	raw = bytes.TrimSpace(raw)
	switch raw[0] {
	case '{':
		members, err := topLevelMembers(raw)
		if err != nil {
			return PostCondition{}, err
		}
		if len(members) != 1 {
			return PostCondition{}, invalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")
		}
		m := members[0]
		if string(m.value) == "null" {
			return PostCondition{}, invalidPolicy("Invalid JSON.")
		}
		var value string
		if json.Unmarshal(m.value, &value) != nil {
			return PostCondition{}, invalidPolicy("Invalid Simple-Condition: value must be a string.")
		}
		return PostCondition{Op: PostEq, Field: strings.ToLower(m.name), Value: value,
			Text: quoteCondition("eq", "$"+m.name, value)}, nil
	case '[':
		return parseArrayCondition(raw)
	}
	return PostCondition{}, invalidPolicy("Invalid condition test: must be a List or Object.")
}

func parseArrayCondition(raw json.RawMessage) (PostCondition, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var items []any
	if dec.Decode(&items) != nil {
		return PostCondition{}, invalidPolicy("Invalid JSON.")
	}
	if len(items) == 0 {
		return PostCondition{}, invalidPolicy("Invalid Condition: missing operation identifier.")
	}
	op, ok := items[0].(string)
	if !ok {
		return PostCondition{}, invalidPolicy("Invalid JSON.")
	}
	switch lower := strings.ToLower(op); lower {
	case PostEq, PostStartsWith:
		if len(items) != 3 {
			return PostCondition{}, invalidPolicy("Invalid " + op + ": wrong number of arguments.")
		}
		field, ok1 := items[1].(string)
		value, ok2 := items[2].(string)
		if !ok1 || !ok2 {
			return PostCondition{}, invalidPolicy("Invalid JSON.")
		}
		c := PostCondition{Op: lower, Value: value, Text: quoteCondition(op, field, value)}
		if name, ok := strings.CutPrefix(field, "$"); ok {
			c.Field = strings.ToLower(name)
		}
		return c, nil
	case PostContentLengthRange:
		if len(items) != 3 {
			return PostCondition{}, invalidPolicy("Invalid " + op + ": wrong number of arguments.")
		}
		c := PostCondition{Op: lower, Valid: true}
		var texts [2]string
		for i, item := range items[1:] {
			n, text, valid, err := rangeBound(item)
			if err != nil {
				return PostCondition{}, err
			}
			texts[i] = text
			c.Valid = c.Valid && valid
			if i == 0 {
				c.Min = n
			} else {
				c.Max = n
			}
		}
		c.Text = "[" + quoteJSON(op) + ", " + texts[0] + ", " + texts[1] + "]"
		return c, nil
	default:
		return PostCondition{}, invalidPolicy("Invalid Condition: unknown operation '" + op + "'.")
	}
}

// rangeBound reads a content-length-range bound: an integer, or a string
// holding one (S3 accepts ["content-length-range", "5", "10"]). A float
// is invalid JSON to S3; a string that is not a number is a condition
// that fails.
func rangeBound(item any) (n int64, text string, valid bool, err error) {
	switch v := item.(type) {
	case json.Number:
		n, perr := strconv.ParseInt(string(v), 10, 64)
		if perr != nil {
			return 0, "", false, invalidPolicy("Invalid JSON.")
		}
		return n, string(v), true, nil
	case string:
		n, perr := strconv.ParseInt(v, 10, 64)
		return n, quoteJSON(v), perr == nil, nil
	}
	return 0, "", false, invalidPolicy("Invalid JSON.")
}

// quoteCondition renders [op, field, value] the way S3 quotes a failed
// condition: JSON strings, ", " between them.
func quoteCondition(op, field, value string) string {
	return "[" + quoteJSON(op) + ", " + quoteJSON(field) + ", " + quoteJSON(value) + "]"
}

func quoteJSON(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func invalidPolicy(detail string) *Error {
	return newError(CodeInvalidPolicyDocument, http.StatusBadRequest, "Invalid Policy: "+detail)
}
