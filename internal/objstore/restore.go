package objstore

import (
	"fmt"
	"slices"
	"sort"
)

// Replay applies a record the journal was given (or a checkpoint wrote),
// as recovery reads them back in order. It does not call the journal. An
// error means the record does not fit the store's state (or does not
// decode): the data it came from is corrupt, and the store may be
// half-changed.
func (s *Store) Replay(data []byte) error {
	rec, blobs, err := decodeRecord(data)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	blob := func(ref int) ([]byte, error) {
		if ref < 0 || ref > len(blobs) {
			return nil, fmt.Errorf("body %d of %d", ref, len(blobs))
		}
		if ref == 0 {
			return nil, nil
		}
		return blobs[ref-1], nil
	}
	for _, op := range rec.Ops {
		if err := s.replayOpLocked(op, blob); err != nil {
			return fmt.Errorf("objstore: replay %s %q: %w", op.Kind, op.Bucket, err)
		}
	}
	s.seq = max(s.seq, rec.Seq)
	return nil
}

func (s *Store) replayOpLocked(op journalOp, blob func(int) ([]byte, error)) error {
	b, exists := s.buckets[op.Bucket]
	switch {
	case op.Kind == opSeq:
		return nil
	case op.Kind == opBucket:
		if op.Meta == nil {
			return fmt.Errorf("no fields")
		}
		if !exists {
			b = newBucket(op.Bucket, op.Meta.Owner, op.Meta.Created)
			s.buckets[op.Bucket] = b
		}
		op.Meta.apply(b)
		return nil
	case !exists:
		return fmt.Errorf("no such bucket")
	}
	switch op.Kind {
	case opBucketDeleted:
		delete(s.buckets, op.Bucket)
	case opKey:
		return replayKey(b, op, blob)
	case opUpload:
		if op.Upload == nil {
			return fmt.Errorf("no upload")
		}
		b.uploads[op.Upload.ID] = op.Upload.upload()
	case opUploadDeleted:
		delete(b.uploads, op.UploadID)
	case opPart:
		u := b.uploads[op.UploadID]
		if u == nil || u.parts == nil || op.Part == nil {
			return fmt.Errorf("part of upload %q, which is not open", op.UploadID)
		}
		body, err := blob(op.Part.Body)
		if err != nil {
			return err
		}
		p := &part{number: op.Part.Number, body: body, checksum: op.Part.Checksum, modified: op.Part.Modified}
		if len(op.Part.MD5) != len(p.md5) {
			return fmt.Errorf("part %d: bad MD5", p.number)
		}
		copy(p.md5[:], op.Part.MD5)
		u.parts[p.number] = p
	default:
		return fmt.Errorf("unknown change")
	}
	return nil
}

// replayKey drops op.Drop versions of op.Key and puts op.Front in front
// of the rest.
func replayKey(b *bucket, op journalOp, blob func(int) ([]byte, error)) error {
	rest := b.index.get(op.Key)
	dropped := make(map[uint64][]byte, op.Drop)
	for range op.Drop {
		if rest == nil {
			return fmt.Errorf("key %q has fewer than %d versions", op.Key, op.Drop)
		}
		dropped[rest.seq] = rest.body
		rest = rest.next
	}
	for i := len(op.Front) - 1; i >= 0; i-- {
		vr := op.Front[i]
		var body []byte
		if vr.SameBody {
			var ok bool
			if body, ok = dropped[vr.Seq]; !ok {
				return fmt.Errorf("key %q: version %d keeps the body of a version it does not replace", op.Key, vr.Seq)
			}
		} else {
			var err error
			if body, err = blob(vr.Body); err != nil {
				return fmt.Errorf("key %q: %w", op.Key, err)
			}
		}
		v, err := vr.version(body)
		if err != nil {
			return fmt.Errorf("key %q: %w", op.Key, err)
		}
		v.next = rest
		rest = v
	}
	b.index.set(op.Key, rest)
	return nil
}

// Image is the whole state of a store at one instant (Checkpoint),
// readable without the lock while the store goes on changing.
type Image struct {
	seq     uint64
	buckets []bucketImage
}

type bucketImage struct {
	name    string
	meta    *bucketRecord
	keys    indexView // frozen: later writes never touch it
	uploads []uploadImage
}

type uploadImage struct {
	u     *upload // its fields other than parts never change
	parts []*part // in part-number order, as they were
}

// Checkpoint captures the store's state in O(buckets + open uploads)
// under the write lock, and calls at while still holding it: at marks
// the instant (the caller starts a new log there), so that the image and
// the journal records after at together are the whole state.
func (s *Store) Checkpoint(at func()) *Image {
	s.mu.Lock()
	defer s.mu.Unlock()
	img := &Image{seq: s.seq}
	for _, name := range slices.Sorted(mapKeys(s.buckets)) {
		b := s.buckets[name]
		bi := bucketImage{name: name, meta: bucketRecordOf(b), keys: b.index.freeze()}
		for _, id := range slices.Sorted(mapKeys(b.uploads)) {
			u := b.uploads[id]
			ui := uploadImage{u: u}
			for _, p := range u.parts {
				ui.parts = append(ui.parts, p)
			}
			sort.Slice(ui.parts, func(i, j int) bool { return ui.parts[i].number < ui.parts[j].number })
			bi.uploads = append(bi.uploads, ui)
		}
		img.buckets = append(img.buckets, bi)
	}
	if at != nil {
		at()
	}
	return img
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Records encodes the image as records that Replay, applied in order to
// an empty store, turns back into the state: per bucket its fields, then
// one record per version (oldest first, each put in front of the ones
// before it), then its uploads and their parts. A record holds at most one
// body, so a key with many large versions does not make one huge record.
// emit gets each record's pieces (header, bodies) and may not keep them
// past the call.
func (img *Image) Records(emit func(pieces [][]byte) error) error {
	one := func(op journalOp, blobs *blobSet) error {
		pieces, err := encodeRecord(journalRecord{Seq: img.seq, Ops: []journalOp{op}}, blobs.list)
		if err != nil {
			return err
		}
		return emit(pieces)
	}
	for _, bi := range img.buckets {
		if err := one(journalOp{Kind: opBucket, Bucket: bi.name, Meta: bi.meta}, &blobSet{}); err != nil {
			return err
		}
		var versions []*version
		for c := bi.keys.seek(""); c.valid(); c.next() {
			e := c.entry()
			versions = versions[:0]
			for v := e.head; v != nil; v = v.next {
				versions = append(versions, v)
			}
			for i := len(versions) - 1; i >= 0; i-- {
				var blobs blobSet
				vr := versionRecordOf(versions[i])
				vr.Body = blobs.add(versions[i].body)
				op := journalOp{Kind: opKey, Bucket: bi.name, Key: e.key, Front: []versionRecord{vr}}
				if err := one(op, &blobs); err != nil {
					return err
				}
			}
		}
		for _, ui := range bi.uploads {
			if err := one(journalOp{Kind: opUpload, Bucket: bi.name, Upload: uploadRecordOf(ui.u)}, &blobSet{}); err != nil {
				return err
			}
			for _, p := range ui.parts {
				var blobs blobSet
				op := journalOp{Kind: opPart, Bucket: bi.name, UploadID: ui.u.id, Part: partRecordOf(p, &blobs)}
				if err := one(op, &blobs); err != nil {
					return err
				}
			}
		}
	}
	// A store with no bucket still has its sequence number.
	return one(journalOp{Kind: opSeq}, &blobSet{})
}
