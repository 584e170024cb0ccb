package s3fake

// The console's read-only JSON (console.go lists the paths). Every answer
// is bounded: lists come in pages whose size is capped, so a bucket of a
// million keys or a long run history never makes one huge response.

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/s3fake/s3fake/internal/objstore"
	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/inventory/report"
	"github.com/s3fake/s3fake/xmlcodec"
)

// Page sizes of the console's lists: the default, and the most a limit=
// may ask for.
const (
	consoleBucketPage   = 100
	consoleObjectPage   = 100
	consoleMaxObjects   = 500
	consoleReportPage   = 100
	consoleMaxRows      = 500
	consoleRunsShown    = 50
	consoleConfigsShown = 100
)

// consoleEndpoint answers JSON (json) or writes its own answer (raw).
type consoleEndpoint struct {
	json func(s *Server, q url.Values) (int, any)
	raw  func(s *Server, w http.ResponseWriter, r *http.Request)
}

// consoleAPI maps each path after /_s3fake/api/ to its endpoint.
var consoleAPI = map[string]consoleEndpoint{
	"buckets":     {json: (*Server).consoleBuckets},
	"objects":     {json: (*Server).consoleObjects},
	"object-info": {json: (*Server).consoleObjectInfo},
	"object":      {raw: (*Server).consoleDownload},
	"configs":     {json: (*Server).consoleConfigs},
	"report":      {json: (*Server).consoleReport},
}

// consoleBucket is one bucket of the list, with its totals.
type consoleBucket struct {
	Name       string    `json:"name"`
	Owner      string    `json:"owner"`
	Region     string    `json:"region"`
	Created    time.Time `json:"created"`
	Versioning string    `json:"versioning"` // Unversioned, Enabled or Suspended
	ObjectLock bool      `json:"objectLock"`
	// Objects and Size count current versions that are not delete
	// markers; Versions counts every version and delete marker, and
	// VersionsSize their bytes.
	Objects      int    `json:"objects"`
	Size         int64  `json:"size"`
	Versions     int    `json:"versions"`
	VersionsSize int64  `json:"versionsSize"`
	Configs      int    `json:"configs"`
	Policy       string `json:"policy,omitempty"`
}

// consoleBuckets lists a page of buckets after after=, by name, and the
// clock.
func (s *Server) consoleBuckets(q url.Values) (int, any) {
	page := s.objects.ListBucketPage(objstore.BucketQuery{After: q.Get("after"), Max: consoleBucketPage})
	out := make([]consoleBucket, 0, len(page.Buckets))
	for _, b := range page.Buckets {
		cb := consoleBucket{
			Name: b.Name, Owner: b.Owner, Region: objstore.RegionOf(b.Region, s.cfg.region),
			Created: b.Created, Versioning: versioningName(b.Versioning), ObjectLock: b.ObjectLock,
			Configs: len(s.configs.All(b.Name)),
		}
		cb.Policy, _ = s.BucketPolicy(b.Name)
		// A snapshot costs O(1) and reading it takes no lock: counting
		// never holds up writers.
		if snap, err := s.objects.Snapshot(b.Name, ""); err == nil {
			for vi := range snap.All() {
				cb.Versions++
				cb.VersionsSize += vi.Size
				if vi.IsLatest && !vi.IsDeleteMarker {
					cb.Objects++
					cb.Size += vi.Size
				}
			}
		}
		out = append(out, cb)
	}
	return http.StatusOK, map[string]any{"now": s.Now(), "buckets": out, "truncated": page.IsTruncated}
}

func versioningName(v objstore.Versioning) string {
	if v == objstore.Unversioned {
		return "Unversioned"
	}
	return string(v)
}

// consoleEntry is one row of the object list.
type consoleEntry struct {
	Key          string    `json:"key"`
	VersionID    string    `json:"versionId"` // "null" for a null version of a versioned bucket
	IsLatest     bool      `json:"isLatest"`
	DeleteMarker bool      `json:"deleteMarker"`
	Size         int64     `json:"size"`
	LastModified time.Time `json:"lastModified"`
	ETag         string    `json:"etag,omitempty"`
	StorageClass string    `json:"storageClass,omitempty"`
}

// consoleObjects lists a page of bucket's current objects (or, with
// versions=1, of its versions and delete markers) under prefix=, after
// after= (and afterVersion=), at most limit= (default 100, at most 500).
func (s *Server) consoleObjects(q url.Values) (int, any) {
	bucket := q.Get("bucket")
	info, ok := s.objects.Bucket(bucket)
	if !ok {
		return http.StatusNotFound, errorBody("no bucket " + strconv.Quote(bucket))
	}
	limit, err := pageLimit(q.Get("limit"), consoleObjectPage, consoleMaxObjects)
	if err != nil {
		return http.StatusBadRequest, errorBody(err.Error())
	}
	entry := func(vi objstore.VersionInfo) consoleEntry {
		id := vi.VersionID
		if id == "" && info.Versioning != objstore.Unversioned {
			id = objstore.NullVersionID
		}
		return consoleEntry{Key: vi.Key, VersionID: id, IsLatest: vi.IsLatest, DeleteMarker: vi.IsDeleteMarker,
			Size: vi.Size, LastModified: vi.LastModified, ETag: vi.ETag, StorageClass: vi.StorageClass}
	}
	out := map[string]any{"bucket": bucket, "versioning": versioningName(info.Versioning)}
	entries := []consoleEntry{}
	if q.Get("versions") == "1" {
		page, err := s.objects.ListVersionsPage(bucket, objstore.VersionQuery{Prefix: q.Get("prefix"),
			KeyMarker: q.Get("after"), VersionIDMarker: q.Get("afterVersion"), MaxKeys: limit})
		if err != nil {
			return consoleStoreError(err)
		}
		for _, vi := range page.Versions {
			entries = append(entries, entry(vi))
		}
		out["truncated"] = page.IsTruncated
		if page.IsTruncated {
			out["nextAfter"], out["nextAfterVersion"] = page.NextKeyMarker, page.NextVersionIDMarker
		}
	} else {
		page, err := s.objects.ListObjectsPage(bucket, objstore.ObjectQuery{Prefix: q.Get("prefix"),
			After: q.Get("after"), MaxKeys: limit})
		if err != nil {
			return consoleStoreError(err)
		}
		for _, vi := range page.Objects {
			entries = append(entries, entry(vi))
		}
		out["truncated"] = page.IsTruncated
		if page.IsTruncated {
			out["nextAfter"] = page.Last
		}
	}
	out["entries"] = entries
	return http.StatusOK, out
}

// pageLimit parses limit= (def when empty), capped at most.
func pageLimit(v string, def, most int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, errors.New("limit must be a positive integer")
	}
	return min(n, most), nil
}

// consoleStoreError maps a store error to 404 (a missing bucket, key or
// version) or 400 (a bad version id).
func consoleStoreError(err error) (int, any) {
	var oe *objstore.Error
	if errors.As(err, &oe) && strings.HasPrefix(oe.Code, "NoSuch") {
		return http.StatusNotFound, errorBody(err.Error())
	}
	return http.StatusBadRequest, errorBody(err.Error())
}

// consoleObjectInfo describes one version: its stored headers, tags and
// facts, the non-empty ones as label/value pairs in a fixed order.
func (s *Server) consoleObjectInfo(q url.Values) (int, any) {
	o, err := s.objects.ReadObject(q.Get("bucket"), q.Get("key"), q.Get("versionId"))
	if err != nil {
		return consoleStoreError(err)
	}
	out := map[string]any{"bucket": q.Get("bucket"), "key": o.Key, "versionId": o.VersionID,
		"deleteMarker": o.DeleteMarker, "lastModified": o.LastModified}
	if o.DeleteMarker {
		return http.StatusOK, out
	}
	tags := map[string]string{}
	for _, t := range o.Tags {
		tags[t.Key] = t.Value
	}
	headers := o.Header
	if headers == nil {
		headers = map[string]string{}
	}
	out["size"], out["etag"], out["headers"], out["tags"] = o.Size, o.ETag, headers, tags
	out["facts"] = factPairs(o.Facts)
	return http.StatusOK, out
}

// factPairs lists f's set facts as [label, value] pairs.
func factPairs(f objstore.Facts) [][2]string {
	var out [][2]string
	add := func(label, v string) {
		if v != "" {
			out = append(out, [2]string{label, v})
		}
	}
	add("Owner account", f.OwnerAccount)
	add("Owner canonical id", f.OwnerID)
	add("Storage class", f.StorageClass)
	add("Intelligent-Tiering access tier", f.AccessTier)
	add("Encryption", f.Encryption)
	add("KMS key id", f.KMSKeyID)
	if f.BucketKeyEnabled {
		add("Bucket Key", "enabled")
	}
	add("Checksum algorithm", f.ChecksumAlgorithm)
	add("Checksum type", f.ChecksumType)
	add("Checksum", f.Checksum)
	add("Object Lock mode", f.LockMode)
	if !f.LockRetainUntil.IsZero() {
		add("Retain until", f.LockRetainUntil.UTC().Format(time.RFC3339))
	}
	add("Legal hold", f.LegalHold)
	add("Replication status", f.ReplicationStatus)
	if f.PartCount > 0 {
		add("Multipart parts", strconv.Itoa(f.PartCount))
	}
	return out
}

// consoleDownload sends one version's bytes as an attachment. The type is
// always application/octet-stream, whatever the object's Content-Type: a
// stored text/html served from the console's origin would run with the
// admin API's rights.
func (s *Server) consoleDownload(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, err := s.objects.ReadObject(q.Get("bucket"), q.Get("key"), q.Get("versionId"))
	if err == nil && o.DeleteMarker {
		err = errors.New("the version is a delete marker: it has no content")
	}
	if err != nil {
		status, v := consoleStoreError(err)
		if o != nil {
			status = http.StatusNotFound
		}
		writeJSON(w, status, v)
		return
	}
	name := path.Base(o.Key)
	if name == "." || name == "/" {
		name = "object"
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.FormatInt(o.Size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		// The connection's deadlines (conn.go) bound a slow reader.
		_, _ = io.Copy(w, o.Content(0, o.Size))
	}
}

// consoleConfig is one inventory configuration: a summary, its XML and
// its latest runs.
type consoleConfig struct {
	ID                 string            `json:"id"`
	Enabled            bool              `json:"enabled"`
	Frequency          string            `json:"frequency"`
	Format             string            `json:"format"`
	IncludedVersions   string            `json:"includedVersions"`
	Destination        string            `json:"destination"`
	DestinationPrefix  string            `json:"destinationPrefix,omitempty"`
	DestinationAccount string            `json:"destinationAccount,omitempty"`
	Encryption         string            `json:"encryption,omitempty"`
	FilterPrefix       string            `json:"filterPrefix,omitempty"`
	Columns            []string          `json:"columns"`
	NextDue            *time.Time        `json:"nextDue,omitempty"`
	XML                string            `json:"xml"`
	RunCount           int               `json:"runCount"`
	Runs               []consoleRunEntry `json:"runs"` // newest first
}

// consoleRunEntry is a run and its index in the configuration's history
// (the run= of api/report).
type consoleRunEntry struct {
	Index int `json:"index"`
	inventory.Run
}

// consoleConfigs lists bucket's configurations (or only id=), each with
// its latest 50 runs, newest first.
func (s *Server) consoleConfigs(q url.Values) (int, any) {
	bucket, id := q.Get("bucket"), q.Get("id")
	if !s.BucketExists(bucket) {
		return http.StatusNotFound, errorBody("no bucket " + strconv.Quote(bucket))
	}
	out := []consoleConfig{}
	all := s.InventoryConfigurations(bucket)
	for _, cfg := range all {
		if id != "" && cfg.ID != id {
			continue
		}
		if len(out) == consoleConfigsShown {
			break
		}
		out = append(out, s.consoleConfig(bucket, cfg))
	}
	return http.StatusOK, map[string]any{"bucket": bucket, "configs": out, "total": len(all)}
}

func (s *Server) consoleConfig(bucket string, cfg inventory.Configuration) consoleConfig {
	c := consoleConfig{
		ID: cfg.ID, Enabled: cfg.IsEnabled, Frequency: string(cfg.Frequency),
		Format: string(cfg.Destination.Format), IncludedVersions: string(cfg.IncludedObjectVersions),
		Destination: inventory.BucketFromARN(cfg.Destination.BucketARN),
		XML:         string(xmlcodec.EncodeInventoryConfiguration(cfg)),
	}
	if d := cfg.Destination; d.Prefix != nil {
		c.DestinationPrefix = *d.Prefix
	}
	if d := cfg.Destination; d.AccountID != nil {
		c.DestinationAccount = *d.AccountID
	}
	if e := cfg.Destination.Encryption; e != nil {
		c.Encryption = "SSE-S3"
		if e.SSEKMS != nil {
			c.Encryption = "SSE-KMS " + e.SSEKMS.KeyID
		}
	}
	if cfg.Filter != nil {
		c.FilterPrefix = cfg.Filter.Prefix
	}
	for _, col := range inventory.Columns(cfg) {
		c.Columns = append(c.Columns, col.Name)
	}
	runs := s.Runs(bucket, cfg.ID)
	c.RunCount = len(runs)
	for i := len(runs) - 1; i >= 0 && len(c.Runs) < consoleRunsShown; i-- {
		c.Runs = append(c.Runs, consoleRunEntry{i, runs[i]})
	}
	if c.Runs == nil {
		c.Runs = []consoleRunEntry{}
	}
	if cfg.IsEnabled {
		next := s.nextDue(bucket, cfg)
		c.NextDue = &next
	}
	return c
}

// nextDue is the first scheduled run of cfg not yet made: the one Advance
// (or the binary's clock) makes next.
func (s *Server) nextDue(bucket string, cfg inventory.Configuration) time.Time {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	from := s.runs.through
	if put := s.runs.putAt[configKey{bucket, cfg.ID}]; put.After(from) {
		from = put
	}
	return inventory.NextRun(cfg.Frequency, from)
}

// consoleReport reads run run= of configuration id= of bucket= back as a
// consumer would (Server.Report: checksum, sizes, MD5s, the format's
// reader) and returns limit= rows (default 100, at most 500) from offset=,
// each cell as text in the manifest's column order.
func (s *Server) consoleReport(q url.Values) (int, any) {
	bucket, id := q.Get("bucket"), q.Get("id")
	runs := s.Runs(bucket, id)
	n, err := strconv.Atoi(q.Get("run"))
	if err != nil || n < 0 || n >= len(runs) {
		return http.StatusNotFound, errorBody(fmt.Sprintf("configuration %q of bucket %q has no run %q (it has %d)",
			id, bucket, q.Get("run"), len(runs)))
	}
	limit, err := pageLimit(q.Get("limit"), consoleReportPage, consoleMaxRows)
	if err != nil {
		return http.StatusBadRequest, errorBody(err.Error())
	}
	offset, err := strconv.Atoi(q.Get("offset"))
	if q.Get("offset") == "" {
		offset, err = 0, nil
	}
	if err != nil || offset < 0 {
		return http.StatusBadRequest, errorBody("offset must be a non-negative integer")
	}
	run := runs[n]
	m, recs, err := s.Report(run)
	if err != nil {
		return http.StatusConflict, errorBody(err.Error())
	}
	names := m.Columns()
	cols := make([]inventory.Column, len(names))
	for i, name := range names {
		cols[i] = reportColumns[name]
	}
	rows := [][]string{}
	for i := offset; i < len(recs) && len(rows) < limit; i++ {
		cells := report.MakeRow(cols, recs[i].Bucket, recs[i].ObjectVersion)
		row := make([]string, len(cells))
		for j, v := range cells {
			row[j] = cellText(v)
		}
		rows = append(rows, row)
	}
	files := make([]string, len(m.Files))
	for i, f := range m.Files {
		files[i] = f.Key
	}
	return http.StatusOK, map[string]any{
		"run": consoleRunEntry{n, run}, "format": m.FileFormat, "fileSchema": m.FileSchema, "files": files,
		"columns": names, "rows": rows, "total": len(recs), "offset": offset,
	}
}

// reportColumns finds a column by its CSV name or its ORC/Parquet name, as
// a manifest's fileSchema spells it.
var reportColumns = func() map[string]inventory.Column {
	every := inventory.Configuration{IncludedObjectVersions: inventory.AllVersions,
		OptionalFields: inventory.DialectAWS.OptionalFields()}
	m := map[string]inventory.Column{}
	for _, c := range inventory.Columns(every) {
		m[c.Name], m[c.ColumnarName] = c, c
	}
	return m
}()

// cellText writes a cell as a CSV report shows it, without quotes and
// with the key decoded.
func cellText(v report.Value) string {
	switch {
	case v.Null:
		return ""
	case v.Kind == inventory.KindBool:
		return strconv.FormatBool(v.Bool)
	case v.Kind == inventory.KindInt:
		return strconv.FormatInt(v.Int, 10)
	case v.Kind == inventory.KindTime:
		return v.Time.UTC().Format(report.TimeLayout)
	}
	return v.Str
}
