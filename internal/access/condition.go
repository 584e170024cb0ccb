package access

// Condition blocks: {"Operator": {"key": value-or-values}}. Operators are
// IAM's: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// Every operator is accepted and evaluated; the keys s3fake fills in are
// listed on Context.

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Context holds the condition key values of a request, such as
// "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalAccount" and
// "s3:x-amz-acl". Keys are matched case-insensitively, as IAM does; a key
// may have several values. Authorize adds aws:PrincipalAccount,
// aws:PrincipalArn and aws:PrincipalType from the caller when absent.
type Context map[string][]string

type opKind int

const (
	opString opKind = iota
	opStringIgnoreCase
	opStringLike
	opNumericEq
	opNumericLT
	opNumericLE
	opNumericGT
	opNumericGE
	opDateEq
	opDateLT
	opDateLE
	opDateGT
	opDateGE
	opBool
	opBinary
	opIP
	opArn
	opNull
)

type opInfo struct {
	kind    opKind
	negated bool
}

// operators are IAM's condition operators, case-sensitive like every
// element name of the policy language. ArnEquals and ArnLike behave the
// same, as IAM documents.
var operators = map[string]opInfo{
	"StringEquals":              {opString, false},
	"StringNotEquals":           {opString, true},
	"StringEqualsIgnoreCase":    {opStringIgnoreCase, false},
	"StringNotEqualsIgnoreCase": {opStringIgnoreCase, true},
	"StringLike":                {opStringLike, false},
	"StringNotLike":             {opStringLike, true},
	"NumericEquals":             {opNumericEq, false},
	"NumericNotEquals":          {opNumericEq, true},
	"NumericLessThan":           {opNumericLT, false},
	"NumericLessThanEquals":     {opNumericLE, false},
	"NumericGreaterThan":        {opNumericGT, false},
	"NumericGreaterThanEquals":  {opNumericGE, false},
	"DateEquals":                {opDateEq, false},
	"DateNotEquals":             {opDateEq, true},
	"DateLessThan":              {opDateLT, false},
	"DateLessThanEquals":        {opDateLE, false},
	"DateGreaterThan":           {opDateGT, false},
	"DateGreaterThanEquals":     {opDateGE, false},
	"Bool":                      {opBool, false},
	"BinaryEquals":              {opBinary, false},
	"IpAddress":                 {opIP, false},
	"NotIpAddress":              {opIP, true},
	"ArnEquals":                 {opArn, false},
	"ArnLike":                   {opArn, false},
	"ArnNotEquals":              {opArn, true},
	"ArnNotLike":                {opArn, true},
	"Null":                      {opNull, false},
}

type setQualifier int

const (
	setNone      setQualifier = iota
	setAnyValue               // ForAnyValue:
	setAllValues              // ForAllValues:
)

// condition is one key of one operator of a Condition block.
type condition struct {
	operator string // as written, for reasons in decisions
	op       opInfo
	ifExists bool
	set      setQualifier
	key      string // lower-cased
	values   []string
}

// eval reports whether the condition holds in ctx (keys lower-cased).
// A missing key fails a positive operator and satisfies a negated one,
// as IAM documents; IfExists and ForAllValues make a missing key pass.
func (c condition) eval(ctx Context) bool {
	vals := ctx[c.key]
	if c.op.kind == opNull {
		for _, want := range c.values {
			if strings.EqualFold(want, "true") == (len(vals) == 0) {
				return true
			}
		}
		return false
	}
	if len(vals) == 0 {
		switch {
		case c.ifExists, c.set == setAllValues:
			return true
		case c.set == setAnyValue:
			return false
		}
		return c.op.negated
	}
	satisfied := func(v string) bool {
		for _, p := range c.values {
			if matchValue(c.op.kind, v, p) {
				return !c.op.negated
			}
		}
		return c.op.negated
	}
	// Plain negated operators hold when no value matches (every value
	// satisfies); plain positive ones when some value matches.
	all := c.set == setAllValues || (c.set == setNone && c.op.negated)
	for _, v := range vals {
		if s := satisfied(v); s != all {
			return s
		}
	}
	return all
}

// matchValue compares one request value v with one policy value p.
func matchValue(kind opKind, v, p string) bool {
	switch kind {
	case opString, opBinary:
		return v == p
	case opStringIgnoreCase:
		return strings.EqualFold(v, p)
	case opStringLike:
		return wildcardMatch(p, v)
	case opBool:
		return strings.EqualFold(v, p)
	case opArn:
		return arnMatch(p, v)
	case opIP:
		return ipMatch(p, v)
	case opNumericEq, opNumericLT, opNumericLE, opNumericGT, opNumericGE:
		a, err1 := strconv.ParseFloat(v, 64)
		b, err2 := strconv.ParseFloat(p, 64)
		return err1 == nil && err2 == nil && compare(kind-opNumericEq, a, b)
	case opDateEq, opDateLT, opDateLE, opDateGT, opDateGE:
		a, ok1 := parseConditionDate(v)
		b, ok2 := parseConditionDate(p)
		return ok1 && ok2 && compare(kind-opDateEq, a, b)
	}
	return false
}

// compare applies the n-th of =, <, <=, >, >= (the order of the opKind
// constants of each family).
func compare(n opKind, a, b float64) bool {
	switch n {
	case 0:
		return a == b
	case 1:
		return a < b
	case 2:
		return a <= b
	case 3:
		return a > b
	default:
		return a >= b
	}
}

// parseConditionDate reads an ISO 8601 date or an epoch time in seconds,
// the two forms IAM accepts, as Unix seconds.
func parseConditionDate(s string) (float64, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return float64(t.UnixNano()) / 1e9, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsNaN(f)
}

// arnMatch matches an ARN against an ArnLike pattern component by
// component (arn:partition:service:region:account:resource), each with
// wildcards; the resource part may itself contain ':'.
func arnMatch(pattern, arn string) bool {
	pp := strings.SplitN(pattern, ":", 6)
	ap := strings.SplitN(arn, ":", 6)
	if len(pp) != 6 || len(ap) != 6 {
		return false
	}
	for i := range pp {
		if !wildcardMatch(pp[i], ap[i]) {
			return false
		}
	}
	return true
}

// ipMatch reports whether address v lies in p, a CIDR block or a single
// address.
func ipMatch(p, v string) bool {
	addr, err := netip.ParseAddr(v)
	if err != nil {
		return false
	}
	if prefix, err := netip.ParsePrefix(p); err == nil {
		return prefix.Contains(addr)
	}
	single, err := netip.ParseAddr(p)
	return err == nil && single == addr
}

// validIPCondition reports whether p is an address or CIDR block.
func validIPCondition(p string) bool {
	if _, err := netip.ParsePrefix(p); err == nil {
		return true
	}
	_, err := netip.ParseAddr(p)
	return err == nil
}
