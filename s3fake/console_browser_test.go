package s3fake_test

// The console in a real browser (Debian's headless Chromium, driven
// through chromedriver, console_webdriver_test.go): a developer's path
// from the bucket list to a configuration, "Run now", the new run and its
// report's rows; the prefix filter; the clock; and hostile keys shown as
// text.

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/s3fake/s3fake/inventory"
	"github.com/s3fake/s3fake/s3fake"
)

// Keys that would run script if the page parsed data as HTML.
const (
	xssImgKey    = `<img src=x onerror=alert(1)>`
	xssScriptKey = `logs/"><script>window.pwned=1</script>`
)

func TestConsoleInBrowser(t *testing.T) {
	b := startBrowser(t)
	srv := reportWorld(t, s3fake.WithConsole())
	_, err := srv.PutObject("src", xssImgKey, []byte("img"))
	require.NoError(t, err)
	// One through the SDK, as an application would write it.
	_, err = srv.Client().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("src"),
		Key: aws.String(xssScriptKey), Body: strings.NewReader("script")})
	require.NoError(t, err)
	require.NoError(t, srv.PutInventoryConfiguration("src", allFieldsConfig("daily-csv", inventory.FormatCSV)))
	weekly := allFieldsConfig("weekly-parquet", inventory.FormatParquet)
	weekly.Frequency = inventory.Weekly
	require.NoError(t, srv.PutInventoryConfiguration("src", weekly))

	// The bucket list.
	b.open(srv.URL() + "/_s3fake/")
	b.waitElement("#buckets tr[data-bucket]")
	names := b.texts("#buckets a.bucket-link")
	assert.Equal(t, []string{"dst", "src"}, names)
	assert.Equal(t, "2026-01-01T00:00:00Z", b.text(b.waitElement("#clock")))

	// Follow src to its objects and configurations.
	for _, el := range b.find("#buckets a.bucket-link") {
		if b.text(el) == "src" {
			b.click(el)
		}
	}
	b.waitElement("#object-table tr.object")
	b.waitElement(".config[data-config='daily-csv'] .run-now")
	keys := b.texts("#object-table td.key")
	assert.Contains(t, keys, xssImgKey, "a hostile key is shown as its text")
	assert.Contains(t, keys, xssScriptKey)
	assert.Equal(t, 0, script[int](b, "return document.querySelectorAll('main img, main script').length"), "no element was made from a key")
	assert.Nil(t, script[any](b, "return window.pwned === undefined ? null : window.pwned"))
	assert.False(t, b.alertOpen(), "no script ran")

	// The prefix filter.
	b.typeInto(b.find("#prefix")[0], "logs/")
	b.click(b.find("#filter")[0])
	b.waitFor("the filtered list", func() bool {
		got := b.texts("#object-table td.key")
		return len(got) == 2 && got[0] == "logs/\"><script>window.pwned=1</script>" && got[1] == "logs/a+b=c.log"
	})

	// Run now: the run appears, delivered.
	card := ".config[data-config='daily-csv']"
	assert.Empty(t, b.find(card+" tr.run"), "no run yet")
	b.click(b.find(card + " .run-now")[0])
	b.waitElement(card + " tr.run")
	runs := srv.Runs("src", "daily-csv")
	require.Len(t, runs, 1)
	require.True(t, runs[0].Delivered, runs[0].Reason)
	result := b.texts(card + " tr.run td")
	assert.Contains(t, result, "run now")
	assert.Contains(t, result, runs[0].At.Format("2006-01-02T15:04:05Z"))
	assert.Contains(t, strings.Join(result, " "), "delivered, ")
	assert.NotEmpty(t, b.find(card+" tr.run td.files a.download"), "links to the report's files")

	// Its report's rows, as the consumer's reader reads them.
	b.click(b.find(card + " .preview-run")[0])
	b.waitElement("#report-table tr.report-row")
	_, recs, err := srv.Report(runs[0])
	require.NoError(t, err)
	rowKeys := b.texts("#report-table tr.report-row td:nth-child(2)")
	require.Len(t, rowKeys, len(recs))
	for i, rec := range recs {
		assert.Equal(t, rec.Key, rowKeys[i])
	}
	assert.Contains(t, rowKeys, xssImgKey)
	header := b.texts("#report-table th")
	assert.Equal(t, []string{"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size"}, header[:6])

	// A Parquet report too, after the clock reaches its Sunday: advance
	// from the header (the weekly run and the daily ones happen).
	b.typeInto(b.find("#advance-by")[0], "96h")
	b.click(b.find("#advance")[0])
	b.waitFor("the clock to move", func() bool { return slices.Equal(b.texts("#clock"), []string{"2026-01-05T00:00:00Z"}) })
	require.Len(t, srv.Runs("src", "weekly-parquet"), 1, "Sunday 2026-01-04 00:00")
	pq := ".config[data-config='weekly-parquet']"
	b.waitElement(pq + " tr.run")
	assert.Contains(t, b.texts(pq+" tr.run td"), "scheduled")
	b.click(b.find(pq + " .preview-run")[0])
	b.waitFor("the Parquet preview", func() bool {
		h := b.texts("#preview h3")
		return len(h) > 0 && strings.Contains(h[0], "Parquet")
	})
	assert.NotEmpty(t, b.find("#report-table tr.report-row"))
	if dir := os.Getenv("S3FAKE_CONSOLE_SCREENSHOT_DIR"); dir != "" {
		// The README's picture (docs/console.png): the whole page, runs
		// and preview included.
		b.call(http.MethodPost, "/window/rect", map[string]int{"width": 1400, "height": 2300}, nil)
		script[any](b, "window.scrollTo(0, 0); return null")
		b.screenshot(filepath.Join(dir, "console.png"))
		b.call(http.MethodPost, "/window/rect", map[string]int{"width": 1400, "height": 1000}, nil)
	}

	// Object details, then a screenshot of the whole page.
	b.typeInto(b.find("#prefix")[0], "photos/")
	b.click(b.find("#filter")[0])
	b.waitFor("the photos", func() bool { return len(b.texts("#object-table td.key")) == 1 })
	b.click(b.find("#object-table button.info")[0])
	b.waitFor("the object's facts", func() bool {
		return strings.Contains(strings.Join(b.texts("#object-details dd"), " "), "STANDARD_IA")
	})
	assert.False(t, b.alertOpen())
	shot := filepath.Join(t.TempDir(), "console.png")
	b.screenshot(shot)
	info, err := os.Stat(shot)
	require.NoError(t, err)
	assert.Greater(t, info.Size(), int64(10_000), "a rendered page, not a blank one")
}
