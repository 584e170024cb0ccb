package objstore

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"strings"
)

// partSum is the checksum a part is stored and answered with.
type partSum struct {
	raw        []byte // with the upload's algorithm; nil when it has none
	alg, value string // what S3 reports: algorithm and base64 value
}

// partChecksum is the checksum of a part with the upload's algorithm, as
// S3 stores it for a part it copied or one sent without a checksum.
func partChecksum(u *upload, body []byte) partSum {
	var sum partSum
	if alg := u.req.facts.ChecksumAlgorithm; alg != "" {
		sum.raw = rawChecksum(alg, body, 0)
		sum.alg, sum.value = alg, base64.StdEncoding.EncodeToString(sum.raw)
	}
	return sum
}

// checkPartHeaders checks an UploadPart's Content-MD5 and checksum headers
// against body and the upload's checksum algorithm, and returns the part's
// checksum.
func checkPartHeaders(u *upload, body []byte, headers map[string]string) (partSum, error) {
	want := u.req.facts.ChecksumAlgorithm
	sum := partChecksum(u, body)
	h := make(map[string]string, len(headers))
	for k, v := range headers {
		h[strings.ToLower(k)] = v
	}
	if err := checkContentMD5(h, body); err != nil {
		return partSum{}, err
	}
	alg, value, err := partChecksumHeader(h)
	if err != nil {
		return partSum{}, err
	}
	// A part must carry the upload's algorithm, and a COMPOSITE upload
	// needs every part's checksum (S3's message names the missing one
	// "null").
	if want != "" && (alg != "" && alg != want || alg == "" && u.req.facts.ChecksumType == ChecksumComposite) {
		got := "null"
		if alg != "" {
			got = strings.ToLower(alg)
		}
		return partSum{}, errInvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " +
			strings.ToLower(want) + ", actual checksum Type: " + got)
	}
	if alg == "" {
		return sum, nil
	}
	if fullChecksum(alg, body, 0) != value {
		return partSum{}, errBadDigest(alg)
	}
	if want == "" {
		sum.alg, sum.value = alg, value
	}
	return sum, nil
}

// checkContentMD5 checks a Content-MD5 header: base64 of 16 bytes
// (InvalidDigest) that are the body's MD5 (BadDigest).
func checkContentMD5(h map[string]string, body []byte) error {
	v, ok := h["content-md5"]
	if !ok {
		return nil
	}
	got, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(got) != md5.Size {
		return newError("InvalidDigest", "The Content-MD5 you specified is not valid.")
	}
	if sum := md5.Sum(body); !bytes.Equal(got, sum[:]) {
		return newError("BadDigest", "The Content-MD5 you specified did not match what we received.")
	}
	return nil
}

// partChecksumHeader finds the one x-amz-checksum-<alg> header of a part
// and checks its form and its agreement with x-amz-sdk-checksum-algorithm.
// It returns "" when there is none.
func partChecksumHeader(h map[string]string) (alg, value string, err error) {
	for _, a := range checksumAlgorithms {
		v, ok := h[hdrChecksumPrefix+strings.ToLower(a)]
		if !ok {
			continue
		}
		if alg != "" {
			return "", "", errInvalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		}
		if !validChecksumValue(a, v) {
			return "", "", errInvalidRequest("Value for x-amz-checksum-" + strings.ToLower(a) + " header is invalid.")
		}
		alg, value = a, v
	}
	if sdk := strings.ToUpper(h[hdrSDKChecksumAlg]); sdk != "" {
		if !contains(checksumAlgorithms, sdk) {
			return "", "", errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		if alg != "" && alg != sdk {
			return "", "", errInvalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.")
		}
	}
	return alg, value, nil
}
