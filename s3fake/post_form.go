package s3fake

// Reading a browser-form POST: multipart/form-data whose fields come
// first and whose file, the part named "file", comes last; anything after
// the file is ignored, as S3 ignores it. The fields before the file are
// bounded by S3's 20 KB ("The form data and boundaries (excluding the
// contents of the file) cannot exceed 20KB"); the file by the operation's
// body limit (limits.go).

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/s3fake/s3fake/internal/access"
	"github.com/s3fake/s3fake/xmlcodec"
)

// maxPostPreData is S3's limit on the form before the file, in bytes.
const maxPostPreData = 20480

// postForm is a form read up to the start of its file's content.
type postForm struct {
	fields []access.PostField // before the file, in order, as sent
	file   io.Reader          // the file's content; nil when the form has none
	// filename is the file part's filename parameter without any path,
	// for ${filename}; hasFilename is false when the part has none.
	filename    string
	hasFilename bool
}

// get returns the first field called name (any case).
func (f *postForm) get(name string) (string, bool) {
	for _, fl := range f.fields {
		if strings.EqualFold(fl.Name, name) {
			return fl.Value, true
		}
	}
	return "", false
}

// readPostForm reads r's form up to the file. Its errors are S3's: 412
// PreconditionFailed for a body that is not multipart/form-data,
// MalformedPOSTRequest for one that does not parse,
// MaxPostPreDataLengthExceeded for too much before the file, and the body
// limit's error.
func readPostForm(r *http.Request) (*postForm, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !strings.EqualFold(mediaType, "multipart/form-data") {
		e := xmlcodec.NewError(xmlcodec.PreconditionFailed, "")
		e.Extra = []xmlcodec.ExtraField{{Name: "Condition", Value: "Bucket POST must be of the enclosure-type multipart/form-data"}}
		return nil, e
	}
	boundary := params["boundary"]
	if boundary == "" || r.Body == nil {
		return nil, malformedPOST()
	}
	mr := multipart.NewReader(r.Body, boundary)
	form := &postForm{}
	used := 0
	for {
		// NextRawPart: S3 applies no Content-Transfer-Encoding.
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return form, nil // no file: the handler answers
		}
		if err != nil {
			return nil, postReadError(err)
		}
		disposition, dparams, derr := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name := dparams["name"]
		if derr != nil || name == "" {
			return nil, malformedPOST()
		}
		// Only a form-data part named file is the file: S3 counted a part
		// sent as "Content-Disposition: file" among the fields.
		if strings.EqualFold(disposition, "form-data") && strings.EqualFold(name, "file") {
			form.file = part
			if fn, ok := dparams["filename"]; ok {
				// Only the text after the last slash or backslash: a
				// browser may send a path.
				form.filename, form.hasFilename = fn[strings.LastIndexAny(fn, `/\`)+1:], true
			}
			return form, nil
		}
		used += len(boundary) + 6 // CRLF "--" boundary CRLF, and the CRLF before the value
		for k, vs := range part.Header {
			for _, v := range vs {
				used += len(k) + len(v) + 4
			}
		}
		value, err := io.ReadAll(io.LimitReader(part, int64(max(maxPostPreData-used, 0))+1))
		if err != nil {
			return nil, postReadError(err)
		}
		used += len(value)
		if used > maxPostPreData {
			e := xmlcodec.NewError(xmlcodec.MaxPostPreDataLengthExceeded, "")
			e.Extra = []xmlcodec.ExtraField{{Name: "MaxPostPreDataLengthBytes", Value: strconv.Itoa(maxPostPreData)}}
			return nil, e
		}
		form.fields = append(form.fields, access.PostField{Name: name, Value: string(value)})
	}
}

// postReadError is the error of a form that could not be read: the body
// limit's error, or MalformedPOSTRequest.
func postReadError(err error) error {
	var wire *xmlcodec.ErrorBody
	if errors.As(err, &wire) {
		return wire
	}
	return malformedPOST()
}

func malformedPOST() *xmlcodec.ErrorBody {
	return xmlcodec.NewError(xmlcodec.MalformedPOSTRequest, "")
}
