package xmlcodec

import "time"

// CopyObjectResult is the answer of CopyObject.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
type CopyObjectResult struct {
	// ETag is quoted.
	ETag         string
	LastModified time.Time
	// ChecksumAlgorithm (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) names the
	// Checksum<ALG> element that carries Checksum, and ChecksumType its
	// type; all three are omitted when Checksum is "".
	ChecksumAlgorithm, Checksum, ChecksumType string
}

// EncodeCopyObjectResult returns the CopyObjectResult body, its elements
// in the order of S3's response syntax.
func EncodeCopyObjectResult(r CopyObjectResult) []byte {
	var w writer
	w.raw(header)
	w.open("CopyObjectResult", Namespace)
	w.leaf("ETag", r.ETag)
	w.leaf("LastModified", r.LastModified.UTC().Format("2006-01-02T15:04:05.000Z"))
	if r.Checksum != "" && r.ChecksumAlgorithm != "" {
		if r.ChecksumType != "" {
			w.leaf("ChecksumType", r.ChecksumType)
		}
		w.leaf("Checksum"+r.ChecksumAlgorithm, r.Checksum)
	}
	w.close("CopyObjectResult")
	return w.bytes()
}
