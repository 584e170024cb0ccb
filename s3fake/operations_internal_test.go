package s3fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/internal/golden"
)

// sdkOperations lists the operations of aws-sdk-go-v2's S3 client: the
// methods of the form Op(ctx, *OpInput, ...func(*s3.Options)).
func sdkOperations() []reflect.Method {
	ct := reflect.TypeOf(&s3.Client{})
	var ops []reflect.Method
	for i := 0; i < ct.NumMethod(); i++ {
		m := ct.Method(i)
		if m.Type.NumIn() == 4 && m.Type.In(2).Kind() == reflect.Pointer &&
			m.Type.In(2).Elem().Name() == m.Name+"Input" {
			ops = append(ops, m)
		}
	}
	return ops
}

// TestOperationTableListsEverySDKOperation: every operation the SDK knows
// is in the table (served or 501) or named as having no row, and every
// name in the table is an SDK operation (or PostObject).
func TestOperationTableListsEverySDKOperation(t *testing.T) {
	sdk := map[string]bool{}
	for _, m := range sdkOperations() {
		sdk[m.Name] = true
		assert.True(t, operationNames[m.Name], "SDK operation %s has no row", m.Name)
	}
	require.Greater(t, len(sdk), 100)
	seen := map[string]bool{}
	for _, r := range operationTable {
		assert.True(t, sdk[r.name] || r.name == OpPostObject, "row %s is not an S3 operation", r.name)
		assert.False(t, seen[r.name], "row %s appears twice", r.name)
		seen[r.name] = true
		assert.NotEmpty(t, r.action, "row %s has no IAM action", r.name)
		if r.handler == nil {
			assert.NotEmpty(t, r.query, "row %s answers 501 but no subresource selects it", r.name)
		}
	}
}

// errCaptured stops a request once the transport has seen it.
var errCaptured = errors.New("captured")

type captureTransport struct{ req *http.Request }

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.req = r
	return nil, errCaptured
}

// fill sets every string, int32 and bool pointer field of the input struct
// v to a placeholder, so that the SDK serializes every selector an
// operation can carry.
func fill(v reflect.Value) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !f.CanSet() || f.Kind() != reflect.Pointer {
			continue
		}
		switch f.Type().Elem().Kind() {
		case reflect.String:
			s := "x"
			switch v.Type().Field(i).Name {
			case "Bucket":
				s = "bkt"
			case "Key":
				s = "dir/key"
			case "CopySource":
				s = "src/key"
			}
			f.Set(reflect.ValueOf(&s))
		case reflect.Int32:
			n := int32(1)
			f.Set(reflect.ValueOf(&n))
		}
	}
}

// TestEverySDKRequestRoutesToItsOperation builds the HTTP request the SDK
// sends for each operation and checks that the table routes it to the
// operation of the same name: the table is what real clients send.
func TestEverySDKRequestRoutesToItsOperation(t *testing.T) {
	tr := &captureTransport{}
	client := s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String("http://127.0.0.1:1"), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:  &http.Client{Transport: tr}, Retryer: aws.NopRetryer{},
		APIOptions: []func(*middleware.Stack) error{func(st *middleware.Stack) error {
			_, _ = st.Initialize.Remove("OperationInputValidation") // absent on operations with no required input
			return nil
		}},
	})
	without := map[string]bool{}
	for _, n := range operationsWithoutRow {
		without[n] = true
	}
	routed := 0
	for _, m := range sdkOperations() {
		in := reflect.New(m.Type.In(2).Elem())
		fill(in.Elem())
		tr.req = nil
		out := m.Func.Call([]reflect.Value{reflect.ValueOf(client), reflect.ValueOf(context.Background()), in})
		if without[m.Name] {
			continue
		}
		if !assert.NotNil(t, tr.req, "%s: the SDK sent nothing: %v", m.Name, out[1].Interface()) {
			continue
		}
		r := tr.req
		bucket, key := splitPath(r.URL.EscapedPath())
		op, err := route(r.Method, bucket, key, r.URL.Query(), r.Header)
		if assert.NoError(t, err, "%s %s", m.Name, r.URL) {
			assert.Equal(t, m.Name, op.name, "%s %s", r.Method, r.URL)
			routed++
		}
	}
	assert.Greater(t, routed, 100)
}

// TestRouteRefusesWhatNoRowServes: requests that no row matches get S3's
// error, never a bare-verb twin (the access holes of two routers).
func TestRouteRefusesWhatNoRowServes(t *testing.T) {
	for _, tc := range []struct {
		method, bucket, key, query string
		code                       string
	}{
		{"GET", "pub", "public/a.txt", "versions", "NotImplemented"},
		{"PUT", "pub", "public/x", "versioning=", "NotImplemented"},
		{"GET", "pub", "public/x", "versioning", "NotImplemented"},
		{"GET", "pub", "public/x", "uploads", "MethodNotAllowed"}, // uploads exists on objects for POST only
		{"PUT", "pub", "k", "inventory&id=a", "NotImplemented"},
		{"POST", "pub", "", "inventory", "MethodNotAllowed"},
		{"PUT", "pub", "", "inventory&tagging", "NotImplemented"},
		{"PATCH", "pub", "", "", "MethodNotAllowed"},
		{"DELETE", "", "", "", "MethodNotAllowed"},
	} {
		q, err := parseQuery(tc.query)
		require.NoError(t, err)
		_, err = route(tc.method, tc.bucket, tc.key, q, http.Header{})
		require.Error(t, err, "%+v", tc)
		assert.True(t, strings.HasPrefix(err.Error(), tc.code+":"), "%+v: %v", tc, err)
	}
}

func parseQuery(s string) (map[string][]string, error) {
	u, err := http.NewRequest("GET", "http://h/?"+s, nil)
	if err != nil {
		return nil, err
	}
	return u.URL.Query(), nil
}

// TestOperationsDocument keeps docs/operations.md, the table of every
// operation with its request, IAM action and handler, generated from the
// operation table (go test ./s3fake -update rewrites it).
func TestOperationsDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Operations\n\n")
	b.WriteString("Generated from the operation table (`s3fake/operations.go`) by `TestOperationsDocument`;\n")
	b.WriteString("refresh with `go test ./s3fake -run TestOperationsDocument -update`.\n\n")
	served, refused := 0, 0
	for _, r := range operationTable {
		if r.handler != nil {
			served++
		} else {
			refused++
		}
	}
	fmt.Fprintf(&b, "%d operations are served, %d answer 501 NotImplemented; %s have no row (%s).\n\n",
		served, refused, strings.Join(operationsWithoutRow, " and "), "not addressed by bucket and key")
	b.WriteString("| operation | request | IAM action | handler |\n|---|---|---|---|\n")
	for _, r := range operationTable {
		path := map[target]string{onService: "/", onBucket: "/{bucket}", onObject: "/{bucket}/{key}"}[r.on]
		req := r.method + " " + path
		if len(r.query) > 0 {
			req += "?" + strings.Join(r.query, "&")
		}
		if r.header != "" {
			req += " + " + r.header
		}
		action := "`" + r.action + "`"
		if r.versionAction != "" {
			action += " (`" + r.versionAction + "` with versionId)"
		}
		if r.authz == authzHandler {
			action += ", per key in the handler"
		}
		h := "501 NotImplemented"
		if r.handler != nil {
			fn := runtime.FuncForPC(reflect.ValueOf(r.handler).Pointer())
			file, _ := fn.FileLine(fn.Entry())
			name := fn.Name()[strings.LastIndex(fn.Name(), ".")+1:]
			h = "`" + name + "` (" + filepath.Base(file) + ")"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", r.name, req, action, h)
	}
	golden.CompareFile(t, "../docs/operations.md", []byte(b.String()))
}
