package objstore

import (
	"unsafe"
)

// The change journal: with Config.Journal set, every write leaves a
// record of what it changed, handed to the journal before the write
// returns. A write method takes the lock with lockW and releases it with
// unlockW; in between, the primitives through which every change passes
// note the entity they are about to change (noteKeyLocked before a key's
// version list is replaced, noteBucketLocked before a bucket's own fields
// change, noteUploadLocked and notePartLocked for multipart uploads).
// unlockW encodes the noted entities' new state as one record and calls
// the journal while still holding the lock, so the journal sees changes in
// the order readers see them. If the journal fails, every noted entity is
// put back as it was: the change never becomes visible (nobody could read
// it, the lock was held) and the write returns the journal's error.
//
// Without a journal the notes cost one nil check each.

// txLog is the pending change of the write that holds the lock.
type txLog struct {
	notes  []note
	keys   map[keyRef]bool // keys noted, so each is noted once
	oldSeq uint64
}

type keyRef struct {
	b   *bucket
	key string
}

// note is one entity a write is changing, with what it was before.
type note struct {
	kind   noteKind
	b      *bucket
	key    string   // noteKey
	old    *version // noteKey: the version list before
	meta   bucket   // noteMeta: the bucket's fields before (index and uploads unused)
	id     string   // noteUpload, notePart: the upload id
	oldUp  *upload  // noteUpload: the upload before, nil if none
	part   int      // notePart: the part number
	oldPrt *part    // notePart: the part before, nil if none
}

type noteKind uint8

const (
	noteKey noteKind = iota + 1
	noteMeta
	noteCreated
	noteDeleted
	noteUpload
	notePart
)

// lockW takes the write lock for a method that may change the store.
func (s *Store) lockW() {
	s.mu.Lock()
	if s.journal != nil {
		s.tx.oldSeq = s.seq
	}
}

// unlockW journals what the write changed and releases the lock. err is
// the write's result: when journaling fails the change is undone and
// *err becomes the journal's error (unless the write already failed).
func (s *Store) unlockW(err *error) {
	if s.journal == nil || len(s.tx.notes) == 0 {
		// The store without a journal (the default, and every seed): no
		// deferred call, so this stays small enough to inline.
		s.mu.Unlock()
		return
	}
	s.commitUnlockW(err)
}

// commitUnlockW is unlockW's journaled half: it commits the noted change
// (or rolls it back) and releases the lock even if committing panics.
func (s *Store) commitUnlockW(err *error) {
	defer s.mu.Unlock()
	jerr := s.commitLocked()
	if jerr != nil {
		s.rollbackLocked()
		if *err == nil {
			*err = jerr
		}
	}
	s.tx = txLog{}
}

// noteKeyLocked records key's version list before a change.
func (s *Store) noteKeyLocked(b *bucket, key string) {
	if s.journal == nil {
		return
	}
	ref := keyRef{b, key}
	if s.tx.keys[ref] {
		return
	}
	if s.tx.keys == nil {
		s.tx.keys = make(map[keyRef]bool)
	}
	s.tx.keys[ref] = true
	s.tx.notes = append(s.tx.notes, note{kind: noteKey, b: b, key: key, old: b.index.get(key)})
}

// noteBucketLocked records the bucket's own fields (configurations,
// ACL, versioning, ...) before a change.
func (s *Store) noteBucketLocked(b *bucket) {
	if s.journal == nil {
		return
	}
	n := note{kind: noteMeta, b: b, meta: *b}
	n.meta.index, n.meta.uploads = keyIndex{}, nil
	s.tx.notes = append(s.tx.notes, n)
}

// noteCreatedLocked records a bucket just added to s.buckets.
func (s *Store) noteCreatedLocked(b *bucket) {
	if s.journal != nil {
		s.tx.notes = append(s.tx.notes, note{kind: noteCreated, b: b})
	}
}

// noteDeletedLocked records a bucket about to leave s.buckets.
func (s *Store) noteDeletedLocked(b *bucket) {
	if s.journal != nil {
		s.tx.notes = append(s.tx.notes, note{kind: noteDeleted, b: b})
	}
}

// noteUploadLocked records upload id of b before it is created, replaced
// or removed.
func (s *Store) noteUploadLocked(b *bucket, id string) {
	if s.journal != nil {
		s.tx.notes = append(s.tx.notes, note{kind: noteUpload, b: b, id: id, oldUp: b.uploads[id]})
	}
}

// notePartLocked records part n of upload u before it is stored.
func (s *Store) notePartLocked(b *bucket, u *upload, n int) {
	if s.journal != nil {
		s.tx.notes = append(s.tx.notes, note{kind: notePart, b: b, id: u.id, part: n, oldPrt: u.parts[n]})
	}
}

// rollbackLocked puts every noted entity back, newest note first.
func (s *Store) rollbackLocked() {
	for i := len(s.tx.notes) - 1; i >= 0; i-- {
		n := s.tx.notes[i]
		switch n.kind {
		case noteKey:
			n.b.index.set(n.key, n.old)
		case noteMeta:
			restoreMeta(n.b, &n.meta)
		case noteCreated:
			delete(s.buckets, n.b.name)
		case noteDeleted:
			s.buckets[n.b.name] = n.b
		case noteUpload:
			if n.oldUp == nil {
				delete(n.b.uploads, n.id)
			} else {
				n.b.uploads[n.id] = n.oldUp
			}
		case notePart:
			if u := n.b.uploads[n.id]; u != nil && u.parts != nil {
				if n.oldPrt == nil {
					delete(u.parts, n.part)
				} else {
					u.parts[n.part] = n.oldPrt
				}
			}
		}
	}
	s.seq = s.tx.oldSeq
}

// restoreMeta copies a bucket's own fields back from saved, leaving its
// objects and uploads alone.
func restoreMeta(b, saved *bucket) {
	index, uploads := b.index, b.uploads
	*b = *saved
	b.index, b.uploads = index, uploads
}

// commitLocked encodes the noted entities' current state and hands the
// record to the journal.
func (s *Store) commitLocked() error {
	rec := journalRecord{Seq: s.seq}
	var blobs blobSet
	for _, n := range s.tx.notes {
		switch n.kind {
		case noteKey:
			rec.Ops = append(rec.Ops, keyOp(n.b.name, n.key, n.old, n.b.index.get(n.key), &blobs))
		case noteMeta, noteCreated:
			rec.Ops = append(rec.Ops, journalOp{Kind: opBucket, Bucket: n.b.name, Meta: bucketRecordOf(n.b)})
		case noteDeleted:
			rec.Ops = append(rec.Ops, journalOp{Kind: opBucketDeleted, Bucket: n.b.name})
		case noteUpload:
			op := journalOp{Kind: opUploadDeleted, Bucket: n.b.name, UploadID: n.id}
			if u := n.b.uploads[n.id]; u != nil {
				op = journalOp{Kind: opUpload, Bucket: n.b.name, Upload: uploadRecordOf(u)}
			}
			rec.Ops = append(rec.Ops, op)
		case notePart:
			if u := n.b.uploads[n.id]; u != nil {
				if p := u.parts[n.part]; p != nil {
					rec.Ops = append(rec.Ops, journalOp{Kind: opPart, Bucket: n.b.name, UploadID: n.id,
						Part: partRecordOf(p, &blobs)})
				}
			}
		}
	}
	pieces, err := encodeRecord(rec, blobs.list)
	if err != nil {
		return err
	}
	return s.journal(pieces)
}

// keyOp is the change of key's version list from old to cur: the
// versions in front of the tail they still share are dropped and
// replaced (lists are persistent: a write rebuilds only the front).
func keyOp(bucket, key string, old, cur *version, blobs *blobSet) journalOp {
	if cur != nil && cur.next == old && old != nil {
		// The usual write: one new version in front of the whole old list.
		// No index of the old list, whose length is the key's version count.
		op := journalOp{Kind: opKey, Bucket: bucket, Key: key}
		vr := versionRecordOf(cur)
		vr.Body = blobs.add(cur.body)
		op.Front = append(op.Front, vr)
		return op
	}
	pos := make(map[*version]int)
	i := 0
	for v := old; v != nil; v = v.next {
		pos[v] = i
		i++
	}
	drop := i
	var front []*version
	for v := cur; v != nil; v = v.next {
		if at, ok := pos[v]; ok {
			drop = at
			break
		}
		front = append(front, v)
	}
	// The bodies of dropped versions the new front keeps (a version whose
	// tags or retention changed is a copy sharing its body).
	dropped := make(map[uint64][]byte, drop)
	j := 0
	for v := old; v != nil && j < drop; v = v.next {
		dropped[v.seq] = v.body
		j++
	}
	op := journalOp{Kind: opKey, Bucket: bucket, Key: key, Drop: drop}
	for _, v := range front {
		vr := versionRecordOf(v)
		if b, ok := dropped[v.seq]; ok && sameBytes(b, v.body) {
			vr.SameBody = true
		} else {
			vr.Body = blobs.add(v.body)
		}
		op.Front = append(op.Front, vr)
	}
	return op
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (a == nil) == (b == nil) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// blobSet collects the bodies of a record, each once.
type blobSet struct {
	list [][]byte
	seen map[*byte]int
}

// add returns the reference of body in the record: 0 for a nil body,
// otherwise one more than its position.
func (bs *blobSet) add(body []byte) int {
	if body == nil {
		return 0
	}
	if len(body) > 0 {
		p := unsafe.SliceData(body)
		if i, ok := bs.seen[p]; ok && len(bs.list[i-1]) == len(body) {
			return i
		}
		if bs.seen == nil {
			bs.seen = make(map[*byte]int)
		}
		bs.seen[p] = len(bs.list) + 1
	}
	bs.list = append(bs.list, body)
	return len(bs.list)
}
