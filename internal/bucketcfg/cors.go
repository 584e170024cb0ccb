package bucketcfg

// CORS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
// and https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html

import (
	"strconv"
	"strings"
)

// MaxCORSRules is the most rules a CORS configuration holds.
const MaxCORSRules = 100

// CORSRule is one rule of a CORS configuration.
type CORSRule struct {
	ID             string // "" for none
	AllowedHeaders []string
	AllowedMethods []string
	AllowedOrigins []string
	ExposeHeaders  []string
	// MaxAgeSeconds is nil when the rule has none.
	MaxAgeSeconds *int32
}

// CORS is a bucket's CORS configuration.
type CORS struct {
	Rules []CORSRule
}

// Clone returns a copy that shares nothing with c.
func (c CORS) Clone() CORS {
	out := CORS{Rules: make([]CORSRule, len(c.Rules))}
	for i, r := range c.Rules {
		r.AllowedHeaders = cloneSlice(r.AllowedHeaders)
		r.AllowedMethods = cloneSlice(r.AllowedMethods)
		r.AllowedOrigins = cloneSlice(r.AllowedOrigins)
		r.ExposeHeaders = cloneSlice(r.ExposeHeaders)
		r.MaxAgeSeconds = clonePtr(r.MaxAgeSeconds)
		out.Rules[i] = r
	}
	return out
}

// corsMethods are the methods a CORS rule may allow.
var corsMethods = map[string]bool{"GET": true, "PUT": true, "POST": true, "DELETE": true, "HEAD": true}

// Validate applies S3's checks: 1 to MaxCORSRules rules (MalformedXML:
// S3 documents the limit, not its answer), each with at least one method
// and one origin (MalformedXML), methods among GET PUT POST DELETE HEAD
// and at most one wildcard in an origin or an allowed header
// (InvalidRequest, S3's messages), no wildcard in an exposed header.
func (c CORS) Validate() error {
	if len(c.Rules) == 0 || len(c.Rules) > MaxCORSRules {
		return malformed()
	}
	for _, r := range c.Rules {
		if len(r.AllowedMethods) == 0 || len(r.AllowedOrigins) == 0 {
			return malformed()
		}
		for _, m := range r.AllowedMethods {
			if !corsMethods[m] {
				return invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m)
			}
		}
		for _, o := range r.AllowedOrigins {
			if strings.Count(o, "*") > 1 {
				return invalidRequest("AllowedOrigin " + strconv.Quote(o) + " can not have more than one wildcard.")
			}
		}
		for _, h := range r.AllowedHeaders {
			if strings.Count(h, "*") > 1 {
				return invalidRequest("AllowedHeader " + strconv.Quote(h) + " can not have more than one wildcard.")
			}
		}
		for _, h := range r.ExposeHeaders {
			// S3's answer as reported by its users; the documentation only
			// says ExposeHeader takes no wildcard.
			if strings.Contains(h, "*") {
				return invalidRequest("ExposeHeader " + strconv.Quote(h) + " contains wildcard. We currently do not support wildcard for ExposeHeader.")
			}
		}
		if r.MaxAgeSeconds != nil && *r.MaxAgeSeconds < 0 {
			return malformed() // MaxAgeSeconds is a non-negative integer in S3's schema
		}
	}
	return nil
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
