package xmlcodec_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/s3fake/s3fake/internal/golden"
	"github.com/s3fake/s3fake/xmlcodec"
)

// Every code has a real status and a message: the table is the only place
// they live, and this keeps it complete.
func TestEveryCodeHasStatusAndMessage(t *testing.T) {
	for _, c := range xmlcodec.Codes() {
		assert.NotEmpty(t, c.Message(), c)
		if c != xmlcodec.InternalError {
			assert.NotEqual(t, http.StatusInternalServerError, c.Status(), c)
		}
		assert.GreaterOrEqual(t, c.Status(), 400, c)
	}
	assert.Equal(t, http.StatusInternalServerError, xmlcodec.Code("Nope").Status())
}

func TestErrorBodyGolden(t *testing.T) {
	e := xmlcodec.NewError(xmlcodec.NoSuchBucket, "")
	e.BucketName = "nosuch"
	e.RequestID = "0000000000000001"
	e.HostID = "host"
	golden.Compare(t, "error-nosuchbucket.xml", e.Marshal())
}

// Every Code constant declared in errors.go is in the table: a constant
// missing from it would go out as a 500.
func TestEveryCodeConstantIsInTheTable(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			lit := vs.Values[0].(*ast.BasicLit)
			code, _ := strconv.Unquote(lit.Value)
			assert.True(t, xmlcodec.Code(code).Known(), "%s (%s) is not in the codes table", vs.Names[0].Name, code)
			n++
		}
	}
	assert.Equal(t, len(xmlcodec.Codes()), n, "the table and the constants differ in number")
}
