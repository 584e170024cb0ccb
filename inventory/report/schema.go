package report

import (
	"strings"

	"github.com/s3fake/s3fake/inventory"
)

// schemaColumns returns the column names a manifest's fileSchema lists, in
// order, for each format's schema syntax (docs/inventory-report.md §2.2):
//
//	CSV      "Bucket, Key, Size"                                     -> Bucket Key Size
//	ORC      "struct<bucket:string,key:string,size:bigint>"          -> bucket key size
//	Parquet  "message s3.inventory {  required binary bucket (STRING); ...}" -> bucket ...
//
// ORC and Parquet names are the snake_case ones the data files use.
func schemaColumns(format, schema string) []string {
	var names []string
	switch inventory.Format(format) {
	case inventory.FormatORC:
		body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(schema), "struct<"), ">")
		for _, f := range strings.Split(body, ",") {
			if name, _, _ := strings.Cut(f, ":"); strings.TrimSpace(name) != "" {
				names = append(names, strings.TrimSpace(name))
			}
		}
	case inventory.FormatParquet:
		_, body, _ := strings.Cut(schema, "{")
		body, _, _ = strings.Cut(body, "}")
		for _, f := range strings.Split(body, ";") {
			// "required binary bucket (STRING)": repetition, type, name.
			if tokens := strings.Fields(f); len(tokens) >= 3 {
				names = append(names, tokens[2])
			}
		}
	default:
		for _, f := range strings.Split(schema, ",") {
			if name := strings.TrimSpace(f); name != "" {
				names = append(names, name)
			}
		}
	}
	return names
}
