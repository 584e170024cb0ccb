package access

// The elements of a statement: Principal, Action, Resource and the check
// that a bucket policy's actions apply to its resources.

import (
	"encoding/json"
	"regexp"
	"strings"
)

func parsePrincipals(st *statement, obj object, mode parseMode) *Error {
	raw, hasP := obj.fields["Principal"]
	rawNot, hasNot := obj.fields["NotPrincipal"]
	switch {
	case !mode.bucketPolicy && (hasP || hasNot):
		return malformedPolicy(msgPrincipalInIAM)
	case !mode.bucketPolicy:
		return nil
	case hasP && hasNot:
		return malformedPolicy(msgInvalidPrincipal)
	case !hasP && !hasNot:
		return malformedPolicy(msgMissingPrincipal)
	}
	if hasNot {
		raw = rawNot
	}
	set, err := parsePrincipalSet(raw, mode.known)
	if err != nil {
		return err
	}
	if hasNot {
		st.notPrincipal = set
	} else {
		st.principal = set
	}
	return nil
}

var (
	servicePrincipalPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$`)
	iamResourcePattern      = regexp.MustCompile(`^(root|(user|role)/[\w+=,.@/-]{1,512})$`)
)

// parsePrincipalSet reads "*" or {"AWS"|"Service"|"CanonicalUser"|
// "Federated": string or [strings]}. Wildcards are allowed only as the
// whole value "*".
func parsePrincipalSet(raw json.RawMessage, known PrincipalChecker) (*principalSet, *Error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s != "*" {
			return nil, malformedPolicy(msgInvalidPrincipal)
		}
		return &principalSet{any: true}, nil
	}
	if firstByte(raw) != '{' {
		return nil, malformedPolicy(msgInvalidPrincipal)
	}
	obj, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	if len(obj.order) == 0 {
		return nil, malformedPolicy(msgEmptyPrincipal)
	}
	set := &principalSet{}
	for _, kind := range obj.order {
		values, ok := stringOrList(obj.fields[kind])
		if !ok {
			return nil, malformedPolicy(msgInvalidPrincipal)
		}
		if len(values) == 0 {
			return nil, malformedPolicy(msgEmptyPrincipal)
		}
		for _, v := range values {
			if err := addPrincipal(set, kind, v, known); err != nil {
				return nil, err
			}
		}
	}
	return set, nil
}

func addPrincipal(set *principalSet, kind, v string, known PrincipalChecker) *Error {
	invalid := malformedPolicy(msgInvalidPrincipal)
	switch kind {
	case "AWS":
		if v == "*" {
			set.any = true
			return nil
		}
		if !ValidAccountID(v) {
			_, rest, ok := parseIAMARN(v)
			if !ok || !iamResourcePattern.MatchString(rest) {
				return invalid
			}
		}
		if known != nil && !known.PrincipalExists(v) {
			return invalid
		}
		set.aws = append(set.aws, v)
	case "Service":
		if !servicePrincipalPattern.MatchString(v) {
			return invalid
		}
		set.services = append(set.services, v)
	case "CanonicalUser":
		if !canonicalIDPattern.MatchString(v) {
			return invalid
		}
		set.canonical = append(set.canonical, v)
	case "Federated":
		if v == "" {
			return invalid
		}
		set.federated = append(set.federated, v)
	default:
		return invalid
	}
	return nil
}

// stringOrList reads a JSON string or array of strings.
func stringOrList(raw json.RawMessage) ([]string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "" {
			return nil, true
		}
		return []string{s}, true
	}
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		return nil, false
	}
	return list, true
}

// identityActionPattern is the syntax of an action in an identity policy:
// any service's, since IAM accepts them.
var identityActionPattern = regexp.MustCompile(`^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$`)

func parseActions(st *statement, obj object, mode parseMode) *Error {
	raw, has := obj.fields["Action"]
	rawNot, hasNot := obj.fields["NotAction"]
	switch {
	case has && hasNot:
		return malformedPolicy(msgInvalidAction)
	case !has && !hasNot:
		return malformedPolicy(msgMissingAction)
	case hasNot:
		raw = rawNot
	}
	values, ok := stringOrList(raw)
	if !ok || len(values) == 0 {
		return malformedPolicy(msgInvalidAction)
	}
	for i, v := range values {
		valid := actionPatternValid(v)
		if !mode.bucketPolicy {
			valid = v == "*" || identityActionPattern.MatchString(v)
		}
		if !valid {
			return malformedPolicy(msgInvalidAction)
		}
		values[i] = strings.ToLower(v)
	}
	if hasNot {
		st.notActions = values
	} else {
		st.actions = values
	}
	return nil
}

const s3ARNPrefix = "arn:aws:s3:::"

func parseResources(st *statement, obj object, mode parseMode) *Error {
	raw, has := obj.fields["Resource"]
	rawNot, hasNot := obj.fields["NotResource"]
	switch {
	case has && hasNot:
		return malformedPolicy(msgInvalidResource)
	case !has && !hasNot:
		return malformedPolicy(msgMissingResource)
	case hasNot:
		raw = rawNot
	}
	values, ok := stringOrList(raw)
	if !ok || len(values) == 0 {
		return malformedPolicy(msgInvalidResource)
	}
	for _, v := range values {
		if !resourceValid(v, mode) {
			return malformedPolicy(msgInvalidResource)
		}
	}
	if hasNot {
		st.notResources = values
	} else {
		st.resources = values
	}
	return nil
}

// resourceValid: a bucket policy names "*" or S3 ARNs inside its own
// bucket (the bucket part may be a pattern that matches it); an identity
// policy names "*" or any ARN.
func resourceValid(v string, mode parseMode) bool {
	if v == "*" {
		return true
	}
	if !mode.bucketPolicy {
		return strings.HasPrefix(v, "arn:") && len(v) > len("arn:")
	}
	rest, ok := strings.CutPrefix(v, s3ARNPrefix)
	if !ok || rest == "" || rest[0] == '/' {
		return false
	}
	bucketPart, _, _ := strings.Cut(rest, "/")
	return mode.bucket == "" || wildcardMatch(bucketPart, mode.bucket)
}

// actionsApply reports whether each action a bucket policy statement
// names applies to at least one of its resources. Wildcard actions and
// the Not forms are exempt, as in S3.
func actionsApply(st statement) bool {
	if st.actions == nil || st.resources == nil {
		return true
	}
	var bucketRes, objectRes bool
	for _, r := range st.resources {
		rest := strings.TrimPrefix(r, s3ARNPrefix)
		if r == "*" || strings.ContainsAny(rest, "/*") {
			objectRes = true
		}
		if r == "*" || !strings.Contains(rest, "/") {
			bucketRes = true
		}
	}
	for _, a := range st.actions {
		kind, known := lowerActions[a]
		switch {
		case !known: // a wildcard pattern
		case kind == onAccount,
			kind == onObject && !objectRes,
			kind == onBucket && !bucketRes:
			return false
		}
	}
	return true
}
