package access

// Parsing and validation of policy documents with S3's MalformedPolicy
// messages. The grammar is IAM's:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Element names are case-sensitive ("condition" is an unknown field).

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// MalformedPolicy messages, as S3 sends them. Three are inferred rather
// than quoted: the missing Effect, Action and Resource texts follow the
// quoted "Missing required field Principal" and "... Statement".
// "Policy document should not specify a principal." is IAM's text for an
// identity policy with a Principal.
const (
	msgFirstByte          = "Policies must be valid JSON and the first byte must be '{'"
	msgInvalidJSON        = "This policy contains invalid Json"
	msgMissingStatement   = "Missing required field Statement"
	msgEmptyStatement     = "Could not parse the policy: Statement is empty!"
	msgInvalidVersion     = "The policy must contain a valid version string"
	msgMissingEffect      = "Missing required field Effect"
	msgMissingPrincipal   = "Missing required field Principal"
	msgEmptyPrincipal     = "Missing required field Principal cannot be empty!"
	msgInvalidPrincipal   = "Invalid principal in policy"
	msgPrincipalInIAM     = "Policy document should not specify a principal."
	msgMissingAction      = "Missing required field Action"
	msgInvalidAction      = "Policy has invalid action"
	msgMissingResource    = "Missing required field Resource"
	msgInvalidResource    = "Policy has invalid resource"
	msgResourceMismatch   = "Action does not apply to any resource(s) in statement"
	msgInvalidConditionKy = "Policy has an invalid condition key"
	msgInvalidIP          = "Invalid IP address in Conditions"
)

// Policy language versions S3 accepts.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// PrincipalChecker tells whether a principal named in a bucket policy
// exists: S3 refuses a policy naming an unknown principal ("Invalid
// principal in policy"). *Registry implements it.
type PrincipalChecker interface {
	PrincipalExists(principal string) bool
}

// ParseBucketPolicy parses and validates the bucket policy doc of bucket.
// Every Resource must lie in bucket ("" skips that check). With a non-nil
// known, every AWS principal other than "*" must exist. Faults are
// *Error values with code MalformedPolicy and S3's message.
func ParseBucketPolicy(doc []byte, bucket string, known PrincipalChecker) (*Policy, error) {
	p, err := parsePolicy(doc, parseMode{bucketPolicy: true, bucket: bucket, known: known})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// ParseIdentityPolicy parses and validates a user's identity policy: the
// bucket policy grammar without Principal. Actions and resources of other
// services are accepted (IAM accepts them) and never match an S3 request.
func ParseIdentityPolicy(doc []byte) (*Policy, error) {
	p, err := parsePolicy(doc, parseMode{})
	if err != nil {
		return nil, err
	}
	return p, nil
}

type parseMode struct {
	bucketPolicy bool
	bucket       string
	known        PrincipalChecker
}

// parsePolicy returns *Error (not error) so that a nil result can never
// become a non-nil error interface by accident; the exported wrappers
// convert.
func parsePolicy(doc []byte, mode parseMode) (*Policy, *Error) {
	if len(doc) == 0 || doc[0] != '{' {
		return nil, malformedPolicy(msgFirstByte)
	}
	top, err := decodeObject(doc)
	if err != nil {
		return nil, err
	}
	for _, f := range top.order {
		if f != "Version" && f != "Id" && f != "Statement" {
			return nil, malformedPolicy("Unknown field " + f)
		}
	}
	p := &Policy{version: Version2008}
	if raw, ok := top.fields["Version"]; ok {
		var v string
		if json.Unmarshal(raw, &v) != nil || (v != Version2012 && v != Version2008) {
			return nil, malformedPolicy(msgInvalidVersion)
		}
		p.version = v
	}
	if raw, ok := top.fields["Id"]; ok {
		if json.Unmarshal(raw, &p.id) != nil {
			return nil, malformedPolicy(msgInvalidJSON)
		}
	}
	raw, ok := top.fields["Statement"]
	if !ok {
		return nil, malformedPolicy(msgMissingStatement)
	}
	var stmts []json.RawMessage
	switch firstByte(raw) {
	case '{':
		stmts = []json.RawMessage{raw}
	case '[':
		if json.Unmarshal(raw, &stmts) != nil {
			return nil, malformedPolicy(msgInvalidJSON)
		}
		if len(stmts) == 0 {
			return nil, malformedPolicy(msgEmptyStatement)
		}
	default:
		return nil, malformedPolicy(msgInvalidJSON)
	}
	for _, s := range stmts {
		st, err := parseStatement(s, mode)
		if err != nil {
			return nil, err
		}
		p.statements = append(p.statements, st)
	}
	return p, nil
}

// object is a decoded JSON object that remembers its field order, so that
// "Unknown field" names the first unknown field as written.
type object struct {
	fields map[string]json.RawMessage
	order  []string
}

func decodeObject(raw []byte) (object, *Error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	obj := object{fields: map[string]json.RawMessage{}}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return obj, malformedPolicy(msgInvalidJSON)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return obj, malformedPolicy(msgInvalidJSON)
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return obj, malformedPolicy(msgInvalidJSON)
		}
		if _, dup := obj.fields[name]; !dup {
			obj.order = append(obj.order, name)
		}
		obj.fields[name] = v
	}
	if _, err := dec.Token(); err != nil {
		return obj, malformedPolicy(msgInvalidJSON)
	}
	// Anything but the end of input after the object (more JSON, or junk
	// that does not even tokenize) makes the document invalid.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return obj, malformedPolicy(msgInvalidJSON)
	}
	return obj, nil
}

func firstByte(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

var statementFields = map[string]bool{
	"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true, "Action": true,
	"NotAction": true, "Resource": true, "NotResource": true, "Condition": true,
}

// parseStatement validates one statement: fields, Effect, Principal,
// Action, Resource, Condition, then (bucket policies) that the actions
// apply to the resources.
func parseStatement(raw json.RawMessage, mode parseMode) (statement, *Error) {
	if firstByte(raw) != '{' {
		return statement{}, malformedPolicy(msgInvalidJSON)
	}
	obj, err := decodeObject(raw)
	if err != nil {
		return statement{}, err
	}
	for _, f := range obj.order {
		if !statementFields[f] {
			return statement{}, malformedPolicy("Unknown field " + f)
		}
	}
	var st statement
	if raw, ok := obj.fields["Sid"]; ok && json.Unmarshal(raw, &st.sid) != nil {
		return statement{}, malformedPolicy(msgInvalidJSON)
	}
	raw, ok := obj.fields["Effect"]
	if !ok {
		return statement{}, malformedPolicy(msgMissingEffect)
	}
	var eff string
	if json.Unmarshal(raw, &eff) != nil {
		return statement{}, malformedPolicy(msgInvalidJSON)
	}
	if eff != string(effectAllow) && eff != string(effectDeny) {
		return statement{}, malformedPolicy("Invalid effect: " + eff)
	}
	st.effect = effect(eff)
	if err := parsePrincipals(&st, obj, mode); err != nil {
		return statement{}, err
	}
	if err := parseActions(&st, obj, mode); err != nil {
		return statement{}, err
	}
	if err := parseResources(&st, obj, mode); err != nil {
		return statement{}, err
	}
	if raw, ok := obj.fields["Condition"]; ok {
		conds, err := parseConditions(raw, mode)
		if err != nil {
			return statement{}, err
		}
		st.conditions = conds
	}
	if mode.bucketPolicy && !actionsApply(st) {
		return statement{}, malformedPolicy(msgResourceMismatch)
	}
	return st, nil
}
