package s3fake_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackageLayering keeps the architecture's rules (ARCHITECTURE.md):
// inventory (the model) knows no HTTP, no XML and no report format, so a
// configuration-only user does not link parquet-go through it;
// inventory/report knows no HTTP and no store; objstore is a pure store
// (no HTTP, no access, no gofakes3) that may use the model's facts record
// but not the report writer; and nothing but s3fake ties the others
// together.
func TestPackageLayering(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	list := func(args ...string) map[string]bool {
		out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
		require.NoError(t, err, "go list %v", args)
		m := map[string]bool{}
		for _, p := range strings.Fields(string(out)) {
			m[p] = true
		}
		return m
	}
	// deps is what pkg imports itself, and every package of this module it
	// reaches: the standard library rules hold for our code, not for the
	// third-party packages it uses (parquet-go's brotli imports net/http).
	deps := func(pkg string) map[string]bool {
		m := list("-f", `{{join .Imports "\n"}}`, pkg)
		for p := range list("-deps", "-f", "{{.ImportPath}}", pkg) {
			if strings.HasPrefix(p, "github.com/s3fake/s3fake/") || strings.Contains(p, "gofakes3") {
				m[p] = true
				for q := range list("-f", `{{join .Imports "\n"}}`, p) {
					m[q] = true
				}
			}
		}
		return m
	}
	const mod = "github.com/s3fake/s3fake/"
	rules := map[string][]string{
		mod + "inventory": {"net/http", "encoding/xml", mod + "xmlcodec", mod + "s3fake", mod + "internal/objstore",
			mod + "inventory/report", "github.com/parquet-go/parquet-go"},
		mod + "inventory/report":  {"net/http", "encoding/xml", mod + "xmlcodec", mod + "s3fake", mod + "internal/objstore", mod + "internal/invstore"},
		mod + "internal/invstore": {"net/http", "encoding/xml", mod + "xmlcodec", mod + "s3fake", mod + "inventory/report"},
		mod + "internal/objstore": {"net/http", "github.com/johannesboyne/gofakes3", mod + "internal/access", mod + "xmlcodec", mod + "s3fake",
			mod + "inventory/report"},
		mod + "internal/bucketcfg": {"net/http", "encoding/xml", mod + "xmlcodec", mod + "s3fake"},
		mod + "xmlcodec":           {mod + "s3fake", mod + "internal/objstore"},
		mod + "internal/access":    {mod + "s3fake", mod + "internal/objstore"},
	}
	for pkg, forbidden := range rules {
		d := deps(pkg)
		require.True(t, d["strings"] || d["errors"] || d["fmt"], "no dependencies listed for %s", pkg)
		for _, f := range forbidden {
			assert.False(t, d[f], "%s must not depend on %s", pkg, f)
		}
	}
}
