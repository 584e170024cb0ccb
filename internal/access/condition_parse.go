package access

// Parsing of Condition blocks.

import (
	"encoding/json"
	"regexp"
	"strings"
)

// parseOperator splits "ForAnyValue:StringLikeIfExists" into its parts.
func parseOperator(name string) (opInfo, setQualifier, bool, bool) {
	set := setNone
	base := name
	if rest, ok := strings.CutPrefix(base, "ForAnyValue:"); ok {
		set, base = setAnyValue, rest
	} else if rest, ok := strings.CutPrefix(base, "ForAllValues:"); ok {
		set, base = setAllValues, rest
	}
	ifExists := false
	if rest, ok := strings.CutSuffix(base, "IfExists"); ok && rest != "Null" {
		ifExists, base = true, rest
	}
	op, ok := operators[base]
	return op, set, ifExists, ok
}

var conditionKeyPattern = regexp.MustCompile(`^[A-Za-z0-9-]+:.+$`)

// parseConditions reads a Condition block into one condition per key.
func parseConditions(raw json.RawMessage, mode parseMode) ([]condition, *Error) {
	if firstByte(raw) != '{' {
		return nil, malformedPolicy(msgInvalidJSON)
	}
	ops, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	var conds []condition
	for _, name := range ops.order {
		op, set, ifExists, ok := parseOperator(name)
		if !ok {
			return nil, malformedPolicy("Invalid Condition type : " + name)
		}
		if firstByte(ops.fields[name]) != '{' {
			return nil, malformedPolicy(msgInvalidJSON)
		}
		keys, err := decodeObject(ops.fields[name])
		if err != nil {
			return nil, err
		}
		for _, key := range keys.order {
			if !conditionKeyValid(key, mode) {
				return nil, malformedPolicy(msgInvalidConditionKy)
			}
			values, ok := conditionValues(keys.fields[key])
			if !ok {
				return nil, malformedPolicy(msgInvalidJSON)
			}
			if op.kind == opIP {
				for _, v := range values {
					if !validIPCondition(v) {
						return nil, malformedPolicy(msgInvalidIP)
					}
				}
			}
			conds = append(conds, condition{operator: name, op: op, ifExists: ifExists, set: set,
				key: strings.ToLower(key), values: values})
		}
	}
	return conds, nil
}

// conditionKeyValid: a bucket policy may use the global aws: keys and S3's
// s3: keys; an identity policy any service's.
func conditionKeyValid(key string, mode parseMode) bool {
	if !conditionKeyPattern.MatchString(key) {
		return false
	}
	if !mode.bucketPolicy {
		return true
	}
	lower := strings.ToLower(key)
	return strings.HasPrefix(lower, "aws:") || strings.HasPrefix(lower, "s3:")
}

// conditionValues reads a condition value: a string, number or boolean,
// or an array of them. Numbers keep their written form.
func conditionValues(raw json.RawMessage) ([]string, bool) {
	var list []json.RawMessage
	if firstByte(raw) == '[' {
		if json.Unmarshal(raw, &list) != nil {
			return nil, false
		}
	} else {
		list = []json.RawMessage{raw}
	}
	values := make([]string, 0, len(list))
	for _, item := range list {
		var s string
		switch firstByte(item) {
		case 'n', '{', '[':
			return nil, false
		case '"':
			if json.Unmarshal(item, &s) != nil {
				return nil, false
			}
		case 't', 'f':
			var b bool
			if json.Unmarshal(item, &b) != nil {
				return nil, false
			}
			s = "false"
			if b {
				s = "true"
			}
		default:
			var n json.Number
			if json.Unmarshal(item, &n) != nil {
				return nil, false
			}
			s = n.String()
		}
		values = append(values, s)
	}
	return values, true
}
