package s3fake

import (
	"net"
	"net/http"
	"strings"

	"github.com/s3fake/s3fake/xmlcodec"
)

// unservedSubresources are the S3 subresources s3fake does not serve. A
// request naming one gets 501 NotImplemented: passing it on would let
// gofakes3 treat it as its bare-verb twin (PUT ?tagging overwrites the
// object, DELETE ?policy deletes the bucket).
var unservedSubresources = []string{
	"accelerate", "acl", "analytics", "attributes", "cors", "encryption",
	"intelligent-tiering", "legal-hold", "lifecycle", "logging",
	"metadataConfiguration", "metadataTable", "metrics", "notification",
	"object-lock", "ownershipControls", "policy", "policyStatus",
	"publicAccessBlock", "renameObject", "replication", "requestPayment",
	"restore", "retention", "select", "session", "tagging", "torrent", "website",
}

// ServeHTTP is the front handler. Dispatch, in order:
//
//  1. the bucket comes from the path (path style, /bucket/key) or from a
//     Host of the form bucket.localhost[:port] (virtual-host style), which
//     is rewritten to path style;
//  2. GET /_s3fake/health;
//  3. ?inventory on a bucket: our inventory handlers;
//  4. any other subresource we do not serve: 501 NotImplemented;
//  5. everything else: gofakes3's object and bucket calls over our store,
//     with its error bodies rewritten to S3's exact form.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := s.nextRequestID()
	stampIDs(w.Header(), requestID)
	defer s.recoverPanic(w, r, requestID)

	toPathStyle(r)
	bucket, key := splitPath(r.URL.Path)
	req := &request{r: r, bucket: bucket, key: key, id: requestID}
	q := r.URL.Query()

	switch {
	case r.URL.Path == "/_s3fake/health":
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
		return
	case bucket != "" && key == "" && q.Has("inventory"):
		s.routeInventory(w, req)
		return
	}
	for _, sub := range unservedSubresources {
		if q.Has(sub) {
			s.writeError(w, r, requestID, xmlcodec.NewError(xmlcodec.NotImplemented,
				"A parameter you provided implies functionality that is not implemented (s3fake does not serve ?"+sub+")"))
			return
		}
	}
	if key != "" && q.Has("inventory") {
		s.writeError(w, r, requestID, xmlcodec.NewError(xmlcodec.NotImplemented,
			"A parameter you provided implies functionality that is not implemented (?inventory is a bucket subresource)"))
		return
	}
	s.passThrough(w, r, requestID)
}

// routeInventory dispatches the four inventory calls: the presence of the
// id query parameter tells Get from List.
func (s *Server) routeInventory(w http.ResponseWriter, req *request) {
	q := req.r.URL.Query()
	switch {
	case req.r.Method == http.MethodPut:
		s.serve(w, req, "PutBucketInventoryConfiguration", s.putInventory)
	case req.r.Method == http.MethodGet && q.Has("id"):
		s.serve(w, req, "GetBucketInventoryConfiguration", s.getInventory)
	case req.r.Method == http.MethodGet:
		s.serve(w, req, "ListBucketInventoryConfigurations", s.listInventory)
	case req.r.Method == http.MethodDelete:
		s.serve(w, req, "DeleteBucketInventoryConfiguration", s.deleteInventory)
	default:
		s.writeError(w, req.r, req.id, xmlcodec.NewError(xmlcodec.MethodNotAllowed, ""))
	}
}

// splitPath splits a path-style URL path into bucket and key.
func splitPath(path string) (bucket, key string) {
	path = strings.TrimPrefix(path, "/")
	bucket, key, _ = strings.Cut(path, "/")
	return bucket, key
}

// toPathStyle rewrites a virtual-host-style request (Host
// bucket.localhost[:port]) to path style, the only form gofakes3 reads.
func toPathStyle(r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	bucket, ok := strings.CutSuffix(host, ".localhost")
	if !ok || bucket == "" {
		return
	}
	r.URL.Path = "/" + bucket + r.URL.Path
	if r.URL.RawPath != "" {
		r.URL.RawPath = "/" + bucket + r.URL.RawPath
	}
	r.Host = "localhost"
}
