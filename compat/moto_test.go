package compat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/s3fake/s3fake/fixtures"
	"github.com/s3fake/s3fake/s3fake"
)

// s3Namespace is the namespace of every S3 document.
const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// deviation is a known way in which moto_server 5.2.1 answers a Get or List
// differently from S3. fix rewrites moto's tree where it shows the
// deviation, taking the right value from s3fake's tree, and reports whether
// it did. Each fix matches only its own pattern, so it cannot hide any
// other difference.
type deviation struct {
	name string
	why  string
	fix  func(fake, moto *xnode) bool
}

// motoDeviations are the differences the comparison expects (docs/peers.md §4
// and measured here). Only the happy path is compared: moto's errors are
// wrong in other ways (codes, 500 pages), and it has no inventory Delete
// (its DELETE ?inventory deletes the bucket), so neither is exercised.
var motoDeviations = []deviation{
	{
		name: "list-root-name",
		why: "moto names List's root element ListBucketInventoryConfigurationsResponse; " +
			"S3's API reference (and s3fake) say ListInventoryConfigurationsResult (measured here)",
		fix: func(fake, moto *xnode) bool {
			if moto.Name.Local != "ListBucketInventoryConfigurationsResponse" || fake.Name.Local != "ListInventoryConfigurationsResult" {
				return false
			}
			moto.Name.Local = fake.Name.Local
			return true
		},
	},
	{
		// First: the fixes below pair configurations by position.
		name: "list-insertion-order",
		why: "moto lists configurations in the order they were put; S3 sorts them by Id " +
			"(docs/peers.md §5, LocalStack's AWS-validated test_put_bucket_inventory_config_order)",
		fix: func(fake, moto *xnode) bool {
			fc, mc := configsOf(fake), configsOf(moto)
			if moto.Name.Local == "InventoryConfiguration" || len(fc) != len(mc) {
				return false
			}
			byID := map[string]*xnode{}
			for _, c := range mc {
				if id := c.child("Id"); id != nil {
					byID[id.Text] = c
				}
			}
			var reordered []*xnode
			for _, c := range fc {
				id := c.child("Id")
				if id == nil || byID[id.Text] == nil {
					return false // not the same Ids: let the comparison report it
				}
				reordered = append(reordered, byID[id.Text])
			}
			if slices.Equal(reordered, mc) {
				return false
			}
			i := 0
			for k, kid := range moto.Kids {
				if kid.Name.Local == "InventoryConfiguration" {
					moto.Kids[k], i = reordered[i], i+1
				}
			}
			return true
		},
	},
	{
		name: "included-versions-all",
		why:  "moto hard-codes IncludedObjectVersions=All: a stored Current comes back as All (docs/peers.md §4)",
		fix: func(fake, moto *xnode) bool {
			changed := false
			for _, pair := range pairConfigs(fake, moto) {
				f, m := pair[0].child("IncludedObjectVersions"), pair[1].child("IncludedObjectVersions")
				if f != nil && m != nil && m.Text == "All" && f.Text != "All" {
					m.Text, changed = f.Text, true
				}
			}
			return changed
		},
	},
	{
		name: "list-optional-fields",
		why:  "moto's List serializes OptionalFields as one <Field>Field</Field> whatever was stored; its Get is right (docs/peers.md §4)",
		fix: func(fake, moto *xnode) bool {
			if moto.Name.Local == "InventoryConfiguration" { // Get
				return false
			}
			changed := false
			for _, pair := range pairConfigs(fake, moto) {
				f, m := pair[0].child("OptionalFields"), pair[1].child("OptionalFields")
				if f == nil || m == nil || len(m.Kids) != 1 || m.Kids[0].Name.Local != "Field" || m.Kids[0].Text != "Field" || f.equal(m) {
					continue
				}
				m.Kids, changed = f.clone().Kids, true
			}
			return changed
		},
	},
	{
		name: "sse-s3-dropped",
		why:  "moto drops the empty <SSE-S3/> and answers <Encryption/> (measured here)",
		fix: func(fake, moto *xnode) bool {
			changed := false
			for _, pair := range pairConfigs(fake, moto) {
				f := pair[0].path("Destination", "S3BucketDestination", "Encryption")
				m := pair[1].path("Destination", "S3BucketDestination", "Encryption")
				if f == nil || m == nil || len(m.Kids) != 0 || len(f.Kids) != 1 || f.Kids[0].Name.Local != "SSE-S3" || len(f.Kids[0].Kids) != 0 {
					continue
				}
				m.Kids, changed = f.clone().Kids, true
			}
			return changed
		},
	},
}

// TestMotoXMLShapes puts the same configurations to s3fake and to
// moto_server and compares the XML of their Get and List answers: element
// names, namespaces, nesting, order and text, ignoring namespace
// declarations and whitespace. moto's known deviations are undone before
// comparing and logged; any other difference fails. s3fake's answers are
// also checked against the documents put, so the comparison cannot pass by
// s3fake copying a moto bug.
func TestMotoXMLShapes(t *testing.T) {
	t.Parallel()
	motoURL := startMoto(t)
	srv := s3fake.Start(t, s3fake.WithWallClock())
	c := signedClient{creds: srv.Credentials(), region: srv.Region()}
	fired := map[string]bool{}

	// compare compares one answer of each server.
	compare := func(t *testing.T, what string, fakeBody, motoBody []byte) {
		t.Helper()
		fake, moto := parseXML(t, fakeBody), parseXML(t, motoBody)
		for _, d := range motoDeviations {
			if d.fix(fake, moto) {
				fired[d.name] = true
				t.Logf("%s: expected moto deviation %s: %s", what, d.name, d.why)
			}
		}
		if f, m := fake.lines(), moto.lines(); !equalLines(f, m) {
			t.Errorf("%s: s3fake and moto disagree beyond moto's known deviations\n%s", what, diffLines(f, m))
		}
	}
	// both sends the same request to both servers and checks the statuses.
	both := func(t *testing.T, method, path string, body []byte, fakeStatus int, motoStatuses ...int) (fake, moto []byte) {
		t.Helper()
		st, fake := c.do(t, method, srv.URL()+path, body)
		if st != fakeStatus {
			t.Fatalf("s3fake %s %s: status %d, want %d\n%s", method, path, st, fakeStatus, fake)
		}
		st, moto = c.do(t, method, motoURL+path, body)
		if !containsInt(motoStatuses, st) {
			t.Fatalf("moto %s %s: status %d, want one of %v\n%s", method, path, st, motoStatuses, moto)
		}
		return fake, moto
	}
	put := func(t *testing.T, bucket, id string, doc []byte) {
		t.Helper()
		// S3 answers 204; moto 200 (measured here).
		both(t, http.MethodPut, "/"+bucket+"?inventory&id="+id, doc, http.StatusNoContent, http.StatusOK, http.StatusNoContent)
	}
	createBucket := func(t *testing.T, bucket string) {
		t.Helper()
		both(t, http.MethodPut, "/"+bucket, nil, http.StatusOK, http.StatusOK)
	}

	for _, name := range fixtures.ValidDocumentNames() {
		t.Run(name, func(t *testing.T) {
			doc := fixtures.ValidDocument(name)
			bucket := "shape-" + name
			createBucket(t, bucket)
			put(t, bucket, "report1", doc)

			fakeGet, motoGet := both(t, http.MethodGet, "/"+bucket+"?inventory&id=report1", nil, http.StatusOK, http.StatusOK)
			// s3fake's Get is the document put, in S3's namespace.
			want := parseXML(t, doc)
			want.setNamespace(s3Namespace)
			if got := parseXML(t, fakeGet); !equalLines(got.lines(), want.lines()) {
				t.Errorf("s3fake Get is not the document put\n%s", diffLines(got.lines(), want.lines()))
			}
			compare(t, "Get "+name, fakeGet, motoGet)

			fakeList, motoList := both(t, http.MethodGet, "/"+bucket+"?inventory", nil, http.StatusOK, http.StatusOK)
			// s3fake's List is S3's: the configuration, then IsTruncated false.
			wantList := &xnode{Name: xml.Name{Space: s3Namespace, Local: "ListInventoryConfigurationsResult"}, Kids: []*xnode{
				want, {Name: xml.Name{Space: s3Namespace, Local: "IsTruncated"}, Text: "false"},
			}}
			if got := parseXML(t, fakeList); !equalLines(got.lines(), wantList.lines()) {
				t.Errorf("s3fake List is not S3's\n%s", diffLines(got.lines(), wantList.lines()))
			}
			compare(t, "List "+name, fakeList, motoList)
		})
	}

	t.Run("empty-list", func(t *testing.T) {
		createBucket(t, "shape-empty")
		fake, moto := both(t, http.MethodGet, "/shape-empty?inventory", nil, http.StatusOK, http.StatusOK)
		// S3 omits the configurations of an empty List (docs/peers.md §5).
		if got := parseXML(t, fake).lines(); !equalLines(got, []string{
			"{" + s3Namespace + "}ListInventoryConfigurationsResult",
			"{" + s3Namespace + "}ListInventoryConfigurationsResult/IsTruncated = \"false\"",
		}) {
			t.Errorf("s3fake's empty List:\n%s", strings.Join(got, "\n"))
		}
		compare(t, "empty List", fake, moto)
	})

	t.Run("list-of-three", func(t *testing.T) {
		createBucket(t, "shape-three")
		// Put out of order: both list them sorted by Id, as S3 does.
		for _, id := range []string{"z-test", "a-test", "test-1"} {
			doc := bytes.Replace(fixtures.ValidDocument("minimal"), []byte("<Id>report1</Id>"), []byte("<Id>"+id+"</Id>"), 1)
			put(t, "shape-three", id, doc)
		}
		fake, moto := both(t, http.MethodGet, "/shape-three?inventory", nil, http.StatusOK, http.StatusOK)
		var ids []string
		for _, cfg := range parseXML(t, fake).Kids {
			if id := cfg.child("Id"); id != nil {
				ids = append(ids, id.Text)
			}
		}
		if want := []string{"a-test", "test-1", "z-test"}; !equalLines(ids, want) {
			t.Errorf("s3fake lists %v, want %v", ids, want)
		}
		compare(t, "List of three", fake, moto)
	})

	for _, d := range motoDeviations {
		if !fired[d.name] {
			t.Logf("moto deviation %s was not seen in this run (fixed in this moto?): %s", d.name, d.why)
		}
	}
}

// startMoto starts moto_server on a free loopback port, waits until it
// answers, and stops it (its whole process group) when t ends. It returns
// its base URL.
func startMoto(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		unavailable(t, "moto_server is not on PATH: %v", err)
	}
	var lastErr error
	for range 3 { // the free port may be taken before moto binds it
		url, err := tryStartMoto(t, bin)
		if err == nil {
			return url
		}
		lastErr = err
	}
	t.Fatalf("moto_server would not start: %v", lastErr)
	return ""
}

func tryStartMoto(t *testing.T, bin string) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	logPath := filepath.Join(t.TempDir(), "moto.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return "", err
	}
	defer logFile.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the pyenv shim may leave children
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	stop := func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}

	url := "http://127.0.0.1:" + strconv.Itoa(port)
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			log, _ := os.ReadFile(logPath)
			return "", fmt.Errorf("moto_server exited before answering:\n%s", log)
		default:
		}
		if resp, err := client.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			t.Cleanup(stop)
			return url, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	log, _ := os.ReadFile(logPath)
	return "", fmt.Errorf("moto_server did not answer on %s within 30s:\n%s", url, log)
}

// signedClient sends raw S3 requests signed with SigV4, so that the XML is
// seen exactly as each server wrote it.
type signedClient struct {
	creds  aws.Credentials
	region string
}

func (c signedClient) do(t *testing.T, method, url string, body []byte) (int, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	if body != nil {
		req.Header.Set("Content-Type", "application/xml")
	}
	if err := v4.NewSigner().SignHTTP(ctx, c.creds, req, hash, "s3", c.region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return resp.StatusCode, data
}
