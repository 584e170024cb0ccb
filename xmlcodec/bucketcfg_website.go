package xmlcodec

// The <WebsiteConfiguration> document of PutBucketWebsite and
// GetBucketWebsite.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketWebsite.html

import "github.com/s3fake/s3fake/internal/bucketcfg"

var (
	cfgWebsiteSchema = schema{
		{name: "ErrorDocument"}, {name: "IndexDocument"}, {name: "RedirectAllRequestsTo"}, {name: "RoutingRules"},
	}
	cfgErrorDocSchema     = schema{{name: "Key", required: true}}
	cfgIndexDocSchema     = schema{{name: "Suffix", required: true}}
	cfgRedirectAllSchema  = schema{{name: "HostName", required: true}, {name: "Protocol"}}
	cfgRoutingRulesSchema = schema{{name: "RoutingRule", required: true, repeated: true}}
	cfgRoutingRuleSchema  = schema{{name: "Condition"}, {name: "Redirect", required: true}}
	cfgConditionSchema    = schema{{name: "HttpErrorCodeReturnedEquals"}, {name: "KeyPrefixEquals"}}
	cfgRedirectSchema     = schema{
		{name: "HostName"}, {name: "HttpRedirectCode"}, {name: "Protocol"},
		{name: "ReplaceKeyPrefixWith"}, {name: "ReplaceKeyWith"},
	}
)

// DecodeWebsite reads a <WebsiteConfiguration> strictly (a
// *MalformedError for what breaks S3's schema); the rules between its
// parts are bucketcfg's.
func DecodeWebsite(data []byte) (bucketcfg.Website, error) {
	var w bucketcfg.Website
	top, err := cfgRoot(data, "WebsiteConfiguration", cfgWebsiteSchema)
	if err != nil {
		return w, err
	}
	if n := top.get("ErrorDocument"); len(n) == 1 {
		if w.ErrorKey, err = cfgChildText(n[0], cfgErrorDocSchema, "Key"); err != nil {
			return w, err
		}
	}
	if n := top.get("IndexDocument"); len(n) == 1 {
		if w.IndexSuffix, err = cfgChildText(n[0], cfgIndexDocSchema, "Suffix"); err != nil {
			return w, err
		}
	}
	if n := top.get("RedirectAllRequestsTo"); len(n) == 1 {
		k, err := n[0].childrenBy(cfgRedirectAllSchema)
		if err != nil {
			return w, err
		}
		r := &bucketcfg.RedirectAll{}
		if r.HostName, err = cfgText(k.get("HostName")); err != nil {
			return w, err
		}
		if r.Protocol, err = cfgText(k.get("Protocol")); err != nil {
			return w, err
		}
		w.RedirectAll = r
	}
	if n := top.get("RoutingRules"); len(n) == 1 {
		k, err := n[0].childrenBy(cfgRoutingRulesSchema)
		if err != nil {
			return w, err
		}
		w.RoutingRules = []bucketcfg.RoutingRule{}
		for _, rn := range k.get("RoutingRule") {
			r, err := decodeRoutingRule(rn)
			if err != nil {
				return w, err
			}
			w.RoutingRules = append(w.RoutingRules, r)
		}
	}
	return w, nil
}

// cfgChildText is the text of the one child name of n, which follows s.
func cfgChildText(n *node, s schema, name string) (*string, error) {
	k, err := n.childrenBy(s)
	if err != nil {
		return nil, err
	}
	return cfgOptional(k.get(name))
}

func decodeRoutingRule(n *node) (bucketcfg.RoutingRule, error) {
	var r bucketcfg.RoutingRule
	k, err := n.childrenBy(cfgRoutingRuleSchema)
	if err != nil {
		return r, err
	}
	if c := k.get("Condition"); len(c) == 1 {
		ck, err := c[0].childrenBy(cfgConditionSchema)
		if err != nil {
			return r, err
		}
		cond := &bucketcfg.Condition{}
		if cond.HTTPErrorCodeReturnedEquals, err = cfgOptional(ck.get("HttpErrorCodeReturnedEquals")); err != nil {
			return r, err
		}
		if cond.KeyPrefixEquals, err = cfgOptional(ck.get("KeyPrefixEquals")); err != nil {
			return r, err
		}
		r.Condition = cond
	}
	rk, err := k.get("Redirect")[0].childrenBy(cfgRedirectSchema)
	if err != nil {
		return r, err
	}
	d := &r.Redirect
	for _, f := range []struct {
		name string
		dst  **string
	}{
		{"HostName", &d.HostName}, {"HttpRedirectCode", &d.HTTPRedirectCode}, {"Protocol", &d.Protocol},
		{"ReplaceKeyPrefixWith", &d.ReplaceKeyPrefixWith}, {"ReplaceKeyWith", &d.ReplaceKeyWith},
	} {
		if *f.dst, err = cfgOptional(rk.get(f.name)); err != nil {
			return r, err
		}
	}
	return r, nil
}

// EncodeWebsite returns GetBucketWebsite's body.
func EncodeWebsite(ws bucketcfg.Website) []byte {
	var w writer
	cfgStart(&w, "WebsiteConfiguration")
	if r := ws.RedirectAll; r != nil {
		w.open("RedirectAllRequestsTo", "")
		w.leaf("HostName", r.HostName)
		w.cfgNonEmpty("Protocol", r.Protocol)
		w.close("RedirectAllRequestsTo")
	}
	if ws.IndexSuffix != nil {
		w.open("IndexDocument", "")
		w.leaf("Suffix", *ws.IndexSuffix)
		w.close("IndexDocument")
	}
	if ws.ErrorKey != nil {
		w.open("ErrorDocument", "")
		w.leaf("Key", *ws.ErrorKey)
		w.close("ErrorDocument")
	}
	if len(ws.RoutingRules) > 0 {
		w.open("RoutingRules", "")
		for _, r := range ws.RoutingRules {
			w.open("RoutingRule", "")
			if c := r.Condition; c != nil {
				w.open("Condition", "")
				w.cfgOpt("HttpErrorCodeReturnedEquals", c.HTTPErrorCodeReturnedEquals)
				w.cfgOpt("KeyPrefixEquals", c.KeyPrefixEquals)
				w.close("Condition")
			}
			d := r.Redirect
			w.open("Redirect", "")
			w.cfgOpt("HostName", d.HostName)
			w.cfgOpt("HttpRedirectCode", d.HTTPRedirectCode)
			w.cfgOpt("Protocol", d.Protocol)
			w.cfgOpt("ReplaceKeyPrefixWith", d.ReplaceKeyPrefixWith)
			w.cfgOpt("ReplaceKeyWith", d.ReplaceKeyWith)
			w.close("Redirect")
			w.close("RoutingRule")
		}
		w.close("RoutingRules")
	}
	w.close("WebsiteConfiguration")
	return w.bytes()
}
