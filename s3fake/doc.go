// Package s3fake is an in-memory fake of Amazon S3 for Go tests and local
// development, centred on bucket inventory.
//
//	srv := s3fake.Start(t)            // loopback server, closed by t.Cleanup
//	client := srv.Client()            // ready aws-sdk-go-v2 client
//	srv.CreateBucket("src")           // seed without HTTP
//
// The four inventory configuration calls behave like AWS S3 down to the
// status code, error code and message (or like IBM COS with
// WithDialect(DialectCOS)). Ordinary object and bucket calls are served by
// gofakes3's protocol layer over s3fake's own store. Requests for features
// s3fake does not serve get 501 NotImplemented, never a silent wrong answer.
//
// Nothing happens behind the test's back: the clock is fixed under Start and
// moves only when the test moves it.
package s3fake
