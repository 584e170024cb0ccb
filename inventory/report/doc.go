// Package report writes and reads Amazon S3 inventory reports: the data
// files (CSV gzip, Apache Parquet, Apache ORC), manifest.json,
// manifest.checksum and the Hive symlink.txt, in S3's layout and byte
// formats (docs/inventory-report.md). The model they describe
// (configurations, columns, per-version facts) is package inventory.
//
// # Reading a delivered report
//
// A consumer reads a report with ReadManifest, which fetches manifest.json
// and the manifest.checksum beside it and verifies one against the other,
// then ReadReport, which fetches every data file the manifest lists,
// checks it against its size and MD5 and decodes its rows into Records,
// whatever the format. Both take a Fetch, so they work with any S3 client
// (wrap its GetObject on the destination bucket) or a map in a unit test:
//
//	fetch := func(key string) ([]byte, error) {
//		out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dst"), Key: aws.String(key)})
//		if err != nil {
//			return nil, err
//		}
//		defer out.Body.Close()
//		return io.ReadAll(out.Body)
//	}
//	m, err := report.ReadManifest(run.ManifestKey, fetch) // a run of s3fake, or a key S3 delivered
//	rows, err := report.ReadReport(m, fetch)
//	for _, r := range rows {
//		fmt.Println(r.Key, r.Size, r.StorageClass, r.Encryption)
//	}
//
// A Record is the source bucket and an inventory.ObjectVersion: the
// version's key, id, size, time and ETag, and its facts under the same
// names the seeding API and the store use (StorageClass, Encryption,
// LockMode, OwnerID, ...). Columns a report does not have stay zero.
//
// ReadCSV, ReadParquet and ReadORC decode single data files;
// ParseManifest, VerifyChecksum and ManifestFile.VerifyFile check the
// pieces one by one; OpenORC exposes an ORC file's schema, statistics
// and columns.
//
// # Writing a report
//
// Generate builds every object one run writes from a snapshot of the
// source bucket ([]inventory.ObjectVersion): no store, no clock, no
// network. Package s3fake calls it and stores the files in the
// destination bucket in Report.Files order, manifest.checksum last.
package report
