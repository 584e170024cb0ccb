package bucketcfg

// Static website hosting: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketWebsite.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html

import (
	"strconv"
	"strings"
)

// Website is a bucket's website configuration: either a redirect of every
// request, or an index document with an optional error document and
// routing rules.
type Website struct {
	// IndexSuffix is IndexDocument's Suffix; nil when there is no
	// IndexDocument.
	IndexSuffix *string
	// ErrorKey is ErrorDocument's Key; nil when there is no ErrorDocument.
	ErrorKey *string
	// RedirectAll, when set, redirects every request to another host.
	RedirectAll *RedirectAll
	// RoutingRules are applied in order; nil when there are none.
	RoutingRules []RoutingRule
}

// RedirectAll is RedirectAllRequestsTo.
type RedirectAll struct {
	HostName string
	Protocol string // "http", "https" or "" (the request's)
}

// RoutingRule redirects the requests its Condition matches.
type RoutingRule struct {
	// Condition is nil when the rule applies to every request.
	Condition *Condition
	Redirect  Redirect
}

// Condition is a routing rule's condition; nil fields are absent.
type Condition struct {
	HTTPErrorCodeReturnedEquals *string
	KeyPrefixEquals             *string
}

// Redirect is where a routing rule sends a request; nil fields are absent.
type Redirect struct {
	HostName             *string
	HTTPRedirectCode     *string
	Protocol             *string
	ReplaceKeyPrefixWith *string
	ReplaceKeyWith       *string
}

// Clone returns a copy that shares nothing with w.
func (w Website) Clone() Website {
	w.IndexSuffix = clonePtr(w.IndexSuffix)
	w.ErrorKey = clonePtr(w.ErrorKey)
	w.RedirectAll = clonePtr(w.RedirectAll)
	if w.RoutingRules != nil {
		rules := make([]RoutingRule, len(w.RoutingRules))
		for i, r := range w.RoutingRules {
			if r.Condition != nil {
				c := Condition{HTTPErrorCodeReturnedEquals: clonePtr(r.Condition.HTTPErrorCodeReturnedEquals),
					KeyPrefixEquals: clonePtr(r.Condition.KeyPrefixEquals)}
				r.Condition = &c
			}
			d := r.Redirect
			r.Redirect = Redirect{HostName: clonePtr(d.HostName), HTTPRedirectCode: clonePtr(d.HTTPRedirectCode),
				Protocol: clonePtr(d.Protocol), ReplaceKeyPrefixWith: clonePtr(d.ReplaceKeyPrefixWith),
				ReplaceKeyWith: clonePtr(d.ReplaceKeyWith)}
			rules[i] = r
		}
		w.RoutingRules = rules
	}
	return w
}

// Validate applies S3's checks (InvalidArgument with S3's messages): an
// IndexDocument Suffix that is not empty and has no slash, unless every
// request is redirected, and then nothing else; protocols http or https;
// redirect codes 3XX but 300 and error codes 4XX or 5XX; a condition that
// is not empty; not both ReplaceKeyWith and ReplaceKeyPrefixWith.
func (w Website) Validate() error {
	if w.RedirectAll != nil {
		if w.IndexSuffix != nil || w.ErrorKey != nil || w.RoutingRules != nil {
			return invalidArgument("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
				"RedirectAllRequestsTo", "not null")
		}
		if w.RedirectAll.HostName == "" {
			return malformed()
		}
		return validProtocol(w.RedirectAll.Protocol)
	}
	if w.IndexSuffix == nil {
		return invalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
			"IndexDocument", "null")
	}
	if s := *w.IndexSuffix; s == "" || strings.Contains(s, "/") {
		return invalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", s)
	}
	if w.ErrorKey != nil && *w.ErrorKey == "" {
		// S3's schema requires a Key of at least one character.
		return invalidArgument("The ErrorDocument Key is not well formed", "ErrorDocument", "")
	}
	for _, r := range w.RoutingRules {
		if err := r.validate(); err != nil {
			return err
		}
	}
	return nil
}

func (r RoutingRule) validate() error {
	if c := r.Condition; c != nil {
		if c.HTTPErrorCodeReturnedEquals == nil && c.KeyPrefixEquals == nil {
			return invalidArgument("Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present.",
				"Condition", "")
		}
		if code := c.HTTPErrorCodeReturnedEquals; code != nil && !httpCodeIn(*code, 400, 599, 0) {
			return invalidArgument("The provided HTTP error code ("+*code+") is not valid. Valid codes are 4XX or 5XX.",
				"HttpErrorCodeReturnedEquals", *code)
		}
	}
	d := r.Redirect
	if d.HostName == nil && d.HTTPRedirectCode == nil && d.Protocol == nil && d.ReplaceKeyPrefixWith == nil && d.ReplaceKeyWith == nil {
		return malformed() // a Redirect must say something
	}
	if d.ReplaceKeyPrefixWith != nil && d.ReplaceKeyWith != nil {
		return invalidArgument("You can only define ReplaceKeyPrefix or ReplaceKey but not both.", "Redirect", "")
	}
	if code := d.HTTPRedirectCode; code != nil && !httpCodeIn(*code, 301, 399, 300) {
		return invalidArgument("The provided HTTP redirect code ("+*code+") is not valid. Valid codes are 3XX except 300.",
			"HttpRedirectCode", *code)
	}
	if d.Protocol != nil {
		return validProtocol(*d.Protocol)
	}
	return nil
}

func validProtocol(p string) error {
	switch p {
	case "", "http", "https":
		return nil
	}
	return invalidArgument("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.",
		"Protocol", p)
}

// httpCodeIn reports whether s is a three-digit code in [lo, hi], not except.
func httpCodeIn(s string, lo, hi, except int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 3 && n >= lo && n <= hi && n != except
}
